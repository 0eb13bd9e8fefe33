using System.Text;
using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Tests.Claims;

/// <summary>Which sentence lends its party to a sentence that names none.</summary>
public class BorrowedAttributionTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    private static Muster.Claims.Claim First(string text, string type) =>
        Pipeline.Process(new PageInput("row.txt", Encoding.UTF8.GetBytes(text + "\n"), null)).Document!
            .Stories.SelectMany(s => s.Claims).First(c => c.Type == type);

    public static TheoryData<string, string, string, string?> Rows => new()
    {
        { "a later sentence that points back names the source", "Ночью мужчинам вручили повестки. Об этом сообщил губернатор области.", "summons", "губернатор" },
        { "uk: a later sentence that points back", "Уночі чоловікам вручили повістки. Про це повідомили в обласній адміністрації.", "summons", "обласн" },
        { "the next paragraph's pointing-back sentence", "Ночью мужчинам вручили повестки.\n\nОб этом сообщил губернатор области.", "summons", "губернатор" },
        { "an attributed sentence after this one speaks for itself", "Ночью мужчинам вручили повестки. Власти региона признали, что мобилизовали 70 отцов.", "summons", null },
        { "en: a later attributed sentence speaks for itself", "Summonses were handed out at night. The governor said that 70 fathers were mobilized.", "summons", null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void TheSourceComesFromThePointingBackSentenceOnly(string reason, string text, string type, string? source)
    {
        var claim = First(text, type);
        if (source is null)
            Assert.True(claim.Source is null, $"{reason}: {claim.Source}");
        else
            Assert.True(claim.Source?.Contains(source, StringComparison.OrdinalIgnoreCase) == true, $"{reason}: {claim.Source}");
    }
}
