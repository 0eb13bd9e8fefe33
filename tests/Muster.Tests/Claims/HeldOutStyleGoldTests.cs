using System.Text.Json.Nodes;
using Muster.Evaluation;
using Muster.Pipeline;

namespace Muster.Tests.Claims;

/// <summary>
/// Claim extraction on the held-out-style pages (<c>samples/held-out-style/</c>) against their gold, per language.
/// </summary>
/// <remarks>
/// These six pages (two English, two Russian, two Ukrainian: invented outlets and people, real places) were written
/// and annotated by the team to check that the trigger lexicons generalize beyond the seed and development pages
/// they were written against. Before any rule was changed they scored en P 0.833 R 0.263, ru P 0.750 R 0.529,
/// uk P 0.818 R 0.563. The rules were then tuned on them only by general constructions of each language (each with
/// its own sentence in <c>Data/lexicon-cases.LANG.tsv</c>), with the development set and the seeds not moving, so
/// the bars below are those after tuning, less a small margin: they guard the constructions, they do not measure
/// generalization any more. The samples are in the repository, so nothing here skips.
/// </remarks>
public class HeldOutStyleGoldTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    // The gold lives with the tests, not beside the pages: `muster ingest samples` reads every file in samples/.
    private static string GoldPath => Path.Combine(SharedFolder.RepositoryRoot, "tests", "Muster.Tests", "Claims", "Data", "held-out-style.gold.json");

    private static string Folder => Path.Combine(SharedFolder.Samples, "held-out-style");

    private static ClaimScores Score(string language)
    {
        var gold = JsonNode.Parse(File.ReadAllText(GoldPath))!.AsObject();
        var documents = gold["documents"]!.AsArray()
            .Where(d => d!["file"]!.GetValue<string>().StartsWith(language + "-", StringComparison.Ordinal))
            .Select(d => d!.DeepClone())
            .ToArray();
        Assert.Equal(2, documents.Length);
        gold["documents"] = new JsonArray(documents);
        return ClaimEvaluator.Evaluate(gold.ToJsonString(), Folder, Pipeline);
    }

    // After tuning: en P 0.947 R 0.947, ru P 0.875 R 0.824, uk P 0.933 R 0.875, each less 0.05; uk's precision
    // less one claim of its 16 predictions (0.06): a sentence with an attribution of its own now gives its own claim.
    [Theory]
    [InlineData("en", 0.89, 0.89)]
    [InlineData("ru", 0.82, 0.77)]
    [InlineData("uk", 0.85, 0.82)]
    public void PrecisionAndRecallHoldPerLanguage(string language, double precision, double recall)
    {
        var scores = Score(language);
        Assert.Empty(scores.Errors);
        Assert.True(scores.Precision >= precision, $"{language} precision {scores.Precision:F3} ({scores.Matched}/{scores.Predicted})");
        Assert.True(scores.Recall >= recall, $"{language} recall {scores.Recall:F3} ({scores.Matched}/{scores.Gold})");
    }

    [Fact]
    public void TheWholeGoldScoresWithoutErrors()
    {
        var scores = ClaimEvaluator.Evaluate(File.ReadAllText(GoldPath), Folder, Pipeline);
        Assert.Empty(scores.Errors);
        Assert.Equal(52, scores.Gold);
        Assert.True(scores.F1 >= 0.85, $"F1 {scores.F1:F3}");
    }
}
