using System.Text.Json.Nodes;
using Muster.Evaluation;
using Muster.Pipeline;

namespace Muster.Tests.Claims;

/// <summary>
/// Claim extraction on the held-out-style pages (<c>samples/held-out-style/</c> and <c>samples/held-out-style-2/</c>)
/// against their gold (<c>Data/held-out-style.gold.json</c>, <c>Data/held-out-style-2.gold.json</c>), per language.
/// </summary>
/// <remarks>
/// <para>The pages were written and annotated by the team (invented outlets, people and figures, real places) to
/// check that the trigger lexicons generalize beyond the seed and development pages they were written against.</para>
/// <para>First set, two pages per language. Before any rule was changed: en P 0.833 R 0.263, ru P 0.750 R 0.529,
/// uk P 0.818 R 0.563.</para>
/// <para>Second set, four English pages in other voices (a wire report, a long read, a live blog, an NGO release),
/// one Russian, one Ukrainian, on topics the first did not cover. Before any rule was changed: en P 0.867 R 0.333,
/// ru P 0.750 R 0.545, uk P 1.000 R 0.250.</para>
/// <para>The rules were then tuned on them only by general constructions of each language (each with its own
/// sentence in <c>Data/lexicon-cases.LANG.tsv</c>), with the development set and the seeds not moving, so the bars
/// below are those after tuning, less a margin: they guard the constructions, they no longer measure
/// generalization. The samples are in the repository, so nothing here skips.</para>
/// </remarks>
public class HeldOutStyleGoldTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    // The gold lives with the tests, not beside the pages: `muster ingest samples` reads every file in samples/.
    private static string GoldPath(string set) => Path.Combine(SharedFolder.RepositoryRoot, "tests", "Muster.Tests", "Claims", "Data", $"{set}.gold.json");

    private static string Folder(string set) => Path.Combine(SharedFolder.Samples, set);

    private static ClaimScores Score(string set, string language, int pages)
    {
        var gold = JsonNode.Parse(File.ReadAllText(GoldPath(set)))!.AsObject();
        var documents = gold["documents"]!.AsArray()
            .Where(d => d!["file"]!.GetValue<string>().StartsWith(language + "-", StringComparison.Ordinal))
            .Select(d => d!.DeepClone())
            .ToArray();
        Assert.Equal(pages, documents.Length);
        gold["documents"] = new JsonArray(documents);
        return ClaimEvaluator.Evaluate(gold.ToJsonString(), Folder(set), Pipeline);
    }

    // After tuning, first set: en P 0.947 R 0.947, ru P 0.875 R 0.824, uk P 0.933 R 0.875, each less 0.05; uk's
    // precision less one claim of its 16 predictions (0.06): a sentence with an attribution of its own now gives its
    // own claim. Second set: en P 0.853 R 0.744, ru P 0.846 R 1.000, uk P 0.889 R 1.000, each less 0.05.
    [Theory]
    [InlineData("held-out-style", "en", 2, 0.89, 0.89)]
    [InlineData("held-out-style", "ru", 2, 0.82, 0.77)]
    [InlineData("held-out-style", "uk", 2, 0.85, 0.82)]
    [InlineData("held-out-style-2", "en", 4, 0.80, 0.69)]
    [InlineData("held-out-style-2", "ru", 1, 0.79, 0.95)]
    [InlineData("held-out-style-2", "uk", 1, 0.83, 0.95)]
    public void PrecisionAndRecallHoldPerLanguage(string set, string language, int pages, double precision, double recall)
    {
        var scores = Score(set, language, pages);
        Assert.Empty(scores.Errors);
        Assert.True(scores.Precision >= precision, $"{set} {language} precision {scores.Precision:F3} ({scores.Matched}/{scores.Predicted})");
        Assert.True(scores.Recall >= recall, $"{set} {language} recall {scores.Recall:F3} ({scores.Matched}/{scores.Gold})");
    }

    // After tuning, all of each set: first P 0.920 R 0.885 F1 0.902; second P 0.857 R 0.828 F1 0.842.
    [Theory]
    [InlineData("held-out-style", 52, 0.85)]
    [InlineData("held-out-style-2", 58, 0.79)]
    public void EachWholeGoldScoresWithoutErrors(string set, int gold, double f1)
    {
        var scores = ClaimEvaluator.Evaluate(File.ReadAllText(GoldPath(set)), Folder(set), Pipeline);
        Assert.Empty(scores.Errors);
        Assert.Equal(gold, scores.Gold);
        Assert.True(scores.F1 >= f1, $"{set} F1 {scores.F1:F3}");
    }
}
