using Muster.Cli.Commands;

namespace Muster.Tests.Cli;

public sealed class HeadlineTests
{
    private static Story Story(string text, string? title = null) => new()
    {
        Id = "0123456789ab-1", Role = StoryRole.Article, Title = title, Paragraphs = [new TextSpan(0, text.Length)],
        Text = text, Start = 0, End = text.Length,
    };

    [Theory]
    [InlineData("Summonses in Penza", "Summonses in Penza")]
    [InlineData("Two lines\r\nof a title", "Two lines of a title")]
    [InlineData("A headline that runs on and on past the ninety characters a line of the list can show for it here",
                "A headline that runs on and on past the ninety characters a line of the list can show for…")]
    public void AHeadlineIsTheTitleOnOneLineCutAtNinety(string title, string expected) =>
        Assert.Equal(expected, StoriesCommand.Headline(Story("body", title)));

    [Fact]
    public void AStoryWithoutATitleShowsTheStartOfItsBodyWithoutCopyingItWhole()
    {
        var body = "Recruiters visited the\nmarket. " + new string('x', 4_000_000);
        StoriesCommand.Headline(Story(body)); // compiled and warmed
        var before = GC.GetAllocatedBytesForCurrentThread();
        var headline = StoriesCommand.Headline(Story(body));
        Assert.StartsWith("Recruiters visited the market. xxx", headline);
        Assert.Equal(90, headline.Length);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 * 1024, $"{GC.GetAllocatedBytesForCurrentThread() - before:N0} bytes");
    }
}
