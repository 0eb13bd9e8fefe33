using Muster.Reading;
using Muster.Evaluation;
using Muster.Pipeline;

namespace Muster.Tests.Claims;

/// <summary>
/// Claim extraction on the development set (<c>../shared/gold/dev/</c>: real pages from many outlets, read in place),
/// per language, with the bars of the claims issues: precision 0.80, F1 0.75, and on matched claims stance 0.90,
/// source 0.75, places 0.85 and quantity 0.80 in each language. README gives the figures.
/// </summary>
public class DevClaimGoldTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    public static TheoryData<string, double, double, double, double, double, double> Floors => new()
    {
        // language, precision, F1, and on matched claims stance, source, places, quantity
        { "en", 0.80, 0.75, 0.90, 0.75, 0.85, 0.80 },
        { "ru", 0.80, 0.75, 0.90, 0.75, 0.85, 0.80 },
        { "uk", 0.80, 0.75, 0.90, 0.75, 0.85, 0.80 },
    };

    [Theory]
    [MemberData(nameof(Floors))]
    public void ClaimsOnRealPagesMeetTheBars(string language, double precision, double f1, double stance, double source, double places, double quantity)
    {
        var gold = File.ReadAllText(SharedFolder.Require($"gold/dev/{language}.json"));
        // The set's index gives each scraped page the address it came from, as a fetched page would have.
        var addresses = PageIndex.Read(File.ReadAllText(SharedFolder.Require("gold/dev/INDEX.tsv")), "INDEX.tsv");
        var scores = ClaimEvaluator.Evaluate(gold, SharedFolder.Require("gold/dev/pages"), Pipeline, addresses);
        Assert.Empty(scores.Errors);
        var summary = $"{language}: {scores.Predicted} predicted, {scores.Gold} gold, {scores.Matched} matched; precision {scores.Precision:F3}, F1 {scores.F1:F3}, " +
                      $"stance {scores.Stance:F3}, source {scores.Source:F3}, places {scores.Places:F3}, quantity {scores.Quantity:F3}";
        Assert.True(scores.Precision >= precision, summary);
        Assert.True(scores.F1 >= f1, summary);
        Assert.True(scores.Stance >= stance, summary);
        Assert.True(scores.Source >= source, summary);
        Assert.True(scores.Places >= places, summary);
        Assert.True(scores.Quantity >= quantity, summary);
    }
}
