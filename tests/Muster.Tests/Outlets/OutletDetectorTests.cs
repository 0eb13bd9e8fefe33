using Muster.Outlets;

namespace Muster.Tests.Outlets;

public class OutletDetectorTests
{
    public static TheoryData<string, string, string?> Pages => new()
    {
        { "an appeal names its outlet", "Some news.\nA Message from The Example Gazette:\nDear readers,", "The Example Gazette" },
        { "an author bio names the outlet", "Jane Roe is a senior reporter for the Steppe Courier, covering the south.", "The Steppe Courier" },
        { "a news desk card", "We are the news team of the Example Ledger. We publish updates.", "The Example Ledger" },
        { "a known outlet is canonicalized", "Jane Roe is a reporter for Kyiv Independent.", "The Kyiv Independent" },
        { "an editor's note about our own interviews", "Editor’s note: people interviewed by the Example Herald for this story were renamed.", "The Example Herald" },
        { "a follow handle spelled out on the page", "He told Example Post about it.\nFollow us on @Examplepost_official", "Example Post" },
        { "a follow handle of a known outlet", "Follow our coverage on @meduzaproject", "Meduza" },
        { "a page that names no outlet", "The ministry said 300 men had been called up. Reuters reported the same.", null },
        { "a stranger's handle that nothing on the page spells", "Follow @randomperson123 for more", null },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Detects(string reason, string text, string? expected)
    {
        Assert.True(expected == OutletDetector.Default.Detect(text), $"{reason}: got {OutletDetector.Default.Detect(text)}");
    }

    [Fact]
    public void ListFaultsNameTheLine()
    {
        var e = Assert.Throws<FormatException>(() => OutletDetector.Parse("A | B\nC | a", "outlets.txt"));
        Assert.StartsWith("outlets.txt:2:", e.Message);
    }
}
