using Muster.Evaluation;
using Muster.Pipeline;

namespace Muster.Tests.Claims;

/// <summary>
/// Claim extraction on the development set (<c>../shared/gold/dev/</c>: real pages from many outlets, read in place),
/// per language, with the bars of the claims issue: precision 0.80, F1 0.75 and stance 0.90 on matched claims in
/// each language. README gives the figures.
/// </summary>
public class DevClaimGoldTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    public static TheoryData<string, double, double, double> Floors => new()
    {
        // language, precision, F1, stance on matched claims
        { "en", 0.80, 0.75, 0.90 },
        { "ru", 0.80, 0.75, 0.90 },
        { "uk", 0.80, 0.75, 0.90 },
    };

    [Theory]
    [MemberData(nameof(Floors))]
    public void ClaimsOnRealPagesMeetTheBars(string language, double precision, double f1, double stance)
    {
        var gold = File.ReadAllText(SharedFolder.Require($"gold/dev/{language}.json"));
        var scores = ClaimEvaluator.Evaluate(gold, SharedFolder.Require("gold/dev/pages"), Pipeline);
        Assert.Empty(scores.Errors);
        var summary = $"{language}: {scores.Predicted} predicted, {scores.Gold} gold, {scores.Matched} matched; precision {scores.Precision:F3}, F1 {scores.F1:F3}, stance {scores.Stance:F3}";
        Assert.True(scores.Precision >= precision, summary);
        Assert.True(scores.F1 >= f1, summary);
        Assert.True(scores.Stance >= stance, summary);
    }
}
