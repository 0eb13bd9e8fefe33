using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Muster.Html;

namespace Muster.Evaluation;

/// <summary>One page of an extraction benchmark: its shingle counts, normalized by their sum.</summary>
/// <param name="Id">The page's id.</param>
/// <param name="TruePositive">Shared shingles ÷ (tp + fp + fn).</param>
/// <param name="FalsePositive">Extra predicted shingles ÷ (tp + fp + fn).</param>
/// <param name="FalseNegative">Missed shingles ÷ (tp + fp + fn).</param>
public sealed record PageExtractionScore(string Id, double TruePositive, double FalsePositive, double FalseNegative)
{
    /// <summary>This page's F1.</summary>
    public double F1 => TruePositive == 0 ? 0 : 2 * TruePositive / (2 * TruePositive + FalsePositive + FalseNegative);
}

/// <summary>The scores of <c>muster eval extraction</c>.</summary>
/// <param name="Pages">Pages scored.</param>
/// <param name="Precision">Mean tp ÷ (mean tp + mean fp).</param>
/// <param name="Recall">Mean tp ÷ (mean tp + mean fn).</param>
/// <param name="F1">From <paramref name="Precision"/> and <paramref name="Recall"/>.</param>
/// <param name="PagesPerSecond">Pages extracted per second, pages already in memory, one thread.</param>
/// <param name="PerPage">Each page's score, worst first.</param>
/// <param name="Errors">Pages that could not be read.</param>
public sealed record ExtractionScores(int Pages, double Precision, double Recall, double F1, double PagesPerSecond,
    IReadOnlyList<PageExtractionScore> PerPage, IReadOnlyList<string> Errors);

/// <summary>
/// Scores article-body extraction on a folder in the layout of scrapinghub's article-extraction-benchmark:
/// <c>ground-truth.json</c> (<c>{id: {articleBody, url}}</c>) and <c>html/ID.html.gz</c> (or <c>ID.html</c>).
/// Its metric: tokens are runs of word characters; each body becomes a multiset of 4-token shingles; per page,
/// tp, fp and fn are shared, extra and missed shingles, each divided by their sum; precision and recall come
/// from the means over pages, and F1 from those two.
/// </summary>
public static partial class ExtractionEvaluator
{
    [GeneratedRegex(@"\w+")]
    private static partial Regex Token();

    /// <summary>Extracts every page of <paramref name="folder"/> with <paramref name="extract"/> and scores it.</summary>
    /// <param name="folder">The benchmark folder.</param>
    /// <param name="extract">HTML and URL to article body; Muster's own extractor by default.</param>
    /// <param name="dumpFolder">When given, each page's prediction is written there as <c>ID.txt</c>.</param>
    public static ExtractionScores Evaluate(string folder, Func<string, string?, string>? extract = null, string? dumpFolder = null)
    {
        extract ??= new HtmlArticleExtractor().ExtractBody;
        var truthPath = Path.Combine(folder, "ground-truth.json");
        using var truth = JsonDocument.Parse(File.ReadAllText(truthPath));
        var pages = new List<(string Id, string Html, string? Url, string Body)>();
        var errors = new List<string>();
        foreach (var entry in truth.RootElement.EnumerateObject())
        {
            var html = ReadPage(folder, entry.Name);
            if (html is null)
            {
                errors.Add($"{entry.Name}: no html/{entry.Name}.html.gz or .html");
                continue;
            }
            var url = entry.Value.TryGetProperty("url", out var u) ? u.GetString() : null;
            var body = entry.Value.TryGetProperty("articleBody", out var b) ? b.GetString() ?? "" : "";
            pages.Add((entry.Name, html, url, body));
        }
        var scores = new List<PageExtractionScore>(pages.Count);
        var predictions = new string[pages.Count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < pages.Count; i++)
            predictions[i] = extract(pages[i].Html, pages[i].Url);
        clock.Stop();
        for (var i = 0; i < pages.Count; i++)
        {
            if (dumpFolder is not null)
                File.WriteAllText(Path.Combine(dumpFolder, pages[i].Id + ".txt"), predictions[i]);
            var (tp, fp, fn) = Match(pages[i].Body, predictions[i]);
            scores.Add(new PageExtractionScore(pages[i].Id, tp, fp, fn));
        }
        double meanTp = scores.Count == 0 ? 0 : scores.Average(s => s.TruePositive);
        double meanFp = scores.Count == 0 ? 0 : scores.Average(s => s.FalsePositive);
        double meanFn = scores.Count == 0 ? 0 : scores.Average(s => s.FalseNegative);
        var precision = meanTp + meanFp == 0 ? 0 : meanTp / (meanTp + meanFp);
        var recall = meanTp + meanFn == 0 ? 0 : meanTp / (meanTp + meanFn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var rate = clock.Elapsed.TotalSeconds == 0 ? 0 : pages.Count / clock.Elapsed.TotalSeconds;
        return new ExtractionScores(pages.Count, precision, recall, f1, rate, scores.OrderBy(s => s.F1).ThenBy(s => s.Id, StringComparer.Ordinal).ToList(), errors);
    }

    /// <summary>Reads <c>html/ID.html.gz</c> or <c>html/ID.html</c> as UTF-8 (the benchmark's pages are), or null.</summary>
    public static string? ReadPage(string folder, string id)
    {
        var gz = Path.Combine(folder, "html", id + ".html.gz");
        if (File.Exists(gz))
        {
            using var stream = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress);
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
            return reader.ReadToEnd();
        }
        var plain = Path.Combine(folder, "html", id + ".html");
        return File.Exists(plain) ? File.ReadAllText(plain) : null;
    }

    /// <summary>The benchmark's shingle match of one page: tp, fp and fn divided by their sum.</summary>
    public static (double Tp, double Fp, double Fn) Match(string truth, string prediction)
    {
        var expected = Shingles(truth);
        var predicted = Shingles(prediction);
        double tp = 0, fp = 0, fn = 0;
        foreach (var (key, count) in expected)
        {
            var other = predicted.GetValueOrDefault(key);
            tp += Math.Min(count, other);
            fn += Math.Max(0, count - other);
        }
        foreach (var (key, count) in predicted)
            fp += Math.Max(0, count - expected.GetValueOrDefault(key));
        var sum = tp + fp + fn;
        return sum == 0 ? (0, 0, 0) : (tp / sum, fp / sum, fn / sum);
    }

    private static Dictionary<string, int> Shingles(string text)
    {
        var tokens = Token().Matches(text).Select(m => m.Value).ToList();
        var shingles = new Dictionary<string, int>(StringComparer.Ordinal);
        // As the benchmark does: a text shorter than four tokens is one shingle of all its tokens.
        var count = Math.Max(1, tokens.Count - 3);
        for (var i = 0; i < count; i++)
        {
            var shingle = string.Join(' ', tokens.Skip(i).Take(4));
            if (shingle.Length == 0)
                continue;
            shingles[shingle] = shingles.GetValueOrDefault(shingle) + 1;
        }
        return shingles;
    }
}
