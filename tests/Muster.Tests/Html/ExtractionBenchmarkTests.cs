using Muster.Evaluation;

namespace Muster.Tests.Html;

/// <summary>Article extraction scored on the public article-extraction benchmark, read in place from ../shared.</summary>
public sealed class ExtractionBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void F1OnTheArticleExtractionBenchmarkBeatsTheFieldsExtractors()
    {
        var folder = SharedFolder.Require("peers/article-extraction-benchmark");
        var scores = ExtractionEvaluator.Evaluate(folder);
        output.WriteLine($"pages {scores.Pages}: precision {scores.Precision:0.000} recall {scores.Recall:0.000} F1 {scores.F1:0.000}");
        Assert.Empty(scores.Errors);
        Assert.Equal(181, scores.Pages);
        // trafilatura 0.958, SmartReader 0.951 and Readability.js 0.947 on the same pages and metric.
        Assert.True(scores.F1 >= 0.96, $"F1 {scores.F1:0.000} is below 0.96");
        // No page may come out empty: every one of them is an article.
        Assert.DoesNotContain(scores.PerPage, p => p.TruePositive == 0 && p.FalsePositive == 0);
    }

    [Fact]
    public void TheMetricCountsSharedExtraAndMissedShinglesOfFourTokens()
    {
        // Truth: "one two three four", "two three four five", "three four five six", "four five six seven".
        // Prediction: the first three, then "four five six eight" and "five six eight nine".
        var (tp, fp, fn) = ExtractionEvaluator.Match("one two three four five six seven", "one two three four five six eight nine");
        // Three shared, two extra, one missed: each divided by six.
        Assert.Equal(3.0 / 6, tp, 6);
        Assert.Equal(2.0 / 6, fp, 6);
        Assert.Equal(1.0 / 6, fn, 6);
    }

    [Fact]
    public void AnEmptyPredictionMissesEverything()
    {
        var (tp, fp, fn) = ExtractionEvaluator.Match("a b c d e", "");
        Assert.Equal(0, tp);
        Assert.Equal(0, fp);
        Assert.True(fn > 0.99);
    }
}
