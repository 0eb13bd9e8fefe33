using Muster.Evaluation;
using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Tests.Claims;

/// <summary>Claim extraction on the seed pages against their gold, with the bars of the claims issue.</summary>
public class SeedClaimGoldTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    private static ClaimScores Score() =>
        ClaimEvaluator.Evaluate(File.ReadAllText(SharedFolder.Require("gold/seeds.json")), SharedFolder.Require("seeds"), Pipeline);

    [Fact]
    public void PrecisionAndRecallAreAtLeast085()
    {
        var scores = Score();
        Assert.Empty(scores.Errors);
        Assert.True(scores.Precision >= 0.85, $"precision {scores.Precision:F3} ({scores.Matched}/{scores.Predicted})");
        Assert.True(scores.Recall >= 0.85, $"recall {scores.Recall:F3} ({scores.Matched}/{scores.Gold})");
    }

    [Fact]
    public void MatchedClaimsCarryStancePlacesQuantityAndSource()
    {
        var scores = Score();
        Assert.True(scores.Stance >= 0.9, $"stance {scores.Stance:F3}");
        Assert.True(scores.Places >= 0.8, $"places {scores.Places:F3}");
        Assert.True(scores.Quantity >= 0.9, $"quantity {scores.Quantity:F3}");
        Assert.True(scores.Source >= 0.8, $"source {scores.Source:F3}");
    }

    [Fact]
    public void SidebarsAndTheElectionSentenceGiveNoClaim()
    {
        foreach (var file in Directory.GetFiles(SharedFolder.Require("seeds")))
        {
            var page = Pipeline.Process(new PageInput(file, File.ReadAllBytes(file), null)).Document!;
            Assert.All(page.Stories.Where(s => s.Role != StoryRole.Article), s => Assert.Empty(s.Claims));
            // No claim (and so no count) comes from an unrelated sentence such as an election's.
            foreach (var claim in page.Stories.SelectMany(s => s.Claims))
            {
                Assert.DoesNotContain("election", claim.Evidence, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("candidates", claim.Evidence, StringComparison.OrdinalIgnoreCase);
                Assert.NotEqual(83, claim.Quantity?.Min);
            }
        }
    }

    [Fact]
    public void EvidenceIsTheExactTextAtItsOffsets()
    {
        foreach (var file in Directory.GetFiles(SharedFolder.Require("seeds")))
        {
            var page = Pipeline.Process(new PageInput(file, File.ReadAllBytes(file), null)).Document!;
            foreach (var claim in page.Stories.SelectMany(s => s.Claims))
                Assert.Equal(claim.Evidence, page.Text[claim.Span.Start..claim.Span.End]);
        }
    }

    [Fact]
    public void TheSameAnswerEveryRun()
    {
        var first = Score();
        var second = Score();
        Assert.Equal(first.Results.Select(r => r.Matched?.Evidence), second.Results.Select(r => r.Matched?.Evidence));
        Assert.Equal(first.Predicted, second.Predicted);
    }
}
