using System.Diagnostics;
using System.Text.Json;
using Muster.Evaluation;
using Muster.Html;

namespace Muster.Benchmarks;

/// <summary>
/// HTML article extraction on the article-extraction benchmark's pages, preloaded in memory, one thread (the
/// orchestrator pins the process to one core): pages per second and the benchmark's F1. Every extractor, the
/// peers' included, is scored by <see cref="Score"/>, which applies <see cref="ExtractionEvaluator.Match"/> and
/// averages as <see cref="ExtractionEvaluator.Evaluate"/> does.
/// </summary>
public static class ExtractionRun
{
    /// <summary>Seconds of warm-up (after the scored first pass) before timing.</summary>
    public static double WarmupSeconds { get; set; } = 3;

    /// <summary>One benchmark page: id, markup, URL and the true article body.</summary>
    public sealed record Page(string Id, string Html, string? Url, string Body);

    /// <summary>Reads the benchmark's pages into memory (those without a file are skipped, as the evaluator does).</summary>
    public static List<Page> Load(string folder)
    {
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "ground-truth.json")));
        var pages = new List<Page>();
        foreach (var entry in truth.RootElement.EnumerateObject())
        {
            if (ExtractionEvaluator.ReadPage(folder, entry.Name) is not { } html)
                continue;
            var url = entry.Value.TryGetProperty("url", out var u) ? u.GetString() : null;
            var body = entry.Value.TryGetProperty("articleBody", out var b) ? b.GetString() ?? "" : "";
            pages.Add(new Page(entry.Name, html, url, body));
        }
        return pages;
    }

    /// <summary>Precision, recall and F1 of <paramref name="predictions"/> (id → text; a missing id is an empty text).</summary>
    public static (double Precision, double Recall, double F1) Score(IReadOnlyList<Page> pages, IReadOnlyDictionary<string, string> predictions)
    {
        double tp = 0, fp = 0, fn = 0;
        foreach (var page in pages)
        {
            var (t, p, n) = ExtractionEvaluator.Match(page.Body, predictions.GetValueOrDefault(page.Id) ?? "");
            tp += t;
            fp += p;
            fn += n;
        }
        if (pages.Count == 0)
            return (0, 0, 0);
        double meanTp = tp / pages.Count, meanFp = fp / pages.Count, meanFn = fn / pages.Count;
        var precision = meanTp + meanFp == 0 ? 0 : meanTp / (meanTp + meanFp);
        var recall = meanTp + meanFn == 0 ? 0 : meanTp / (meanTp + meanFn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1);
    }

    /// <summary>The extractors measured in this process.</summary>
    public static Func<string, string?, string> Extractor(string name) => name switch
    {
        "muster" => new HtmlArticleExtractor().ExtractBody,
        // The text constructor: SmartReader's two-string ParseArticle would download the URL instead.
        "smartreader" => (html, url) => new SmartReader.Reader(url ?? "https://example.invalid/", html).GetArticle().TextContent ?? "",
        _ => throw new ArgumentException($"unknown extractor '{name}' (muster or smartreader)"),
    };

    /// <summary>
    /// A warm-up pass whose outputs are scored, then timed passes until <paramref name="minSeconds"/> have passed
    /// (at least one). Returns the JSON fields under <paramref name="prefix"/>.
    /// </summary>
    public static Dictionary<string, object?> Run(string folder, string extractor, string prefix, double minSeconds)
    {
        var pages = Load(folder);
        var extract = Extractor(extractor);
        var predictions = new Dictionary<string, string>(StringComparer.Ordinal);
        var failures = 0;
        var started = Stopwatch.StartNew();
        foreach (var page in pages)
        {
            try
            {
                predictions[page.Id] = extract(page.Html, page.Url);
            }
            catch (Exception)
            {
                failures++;
                predictions[page.Id] = "";
            }
        }
        // More warm-up until tiered compilation has settled: at least WarmupSeconds in all.
        while (started.Elapsed.TotalSeconds < WarmupSeconds)
            foreach (var page in pages)
            {
                try
                {
                    extract(page.Html, page.Url);
                }
                catch (Exception)
                {
                }
            }
        var (passes, seconds, fastest) = TimedPasses.Run(() =>
        {
            foreach (var page in pages)
            {
                try
                {
                    extract(page.Html, page.Url);
                }
                catch (Exception)
                {
                    // The same work was done; failures are counted in the warm-up pass.
                }
            }
        }, minSeconds);
        var (precision, recall, f1) = Score(pages, predictions);
        // The pages it does worst on, to look at with `muster eval extraction`.
        var worst = pages.Select(p => (p.Id, Score: ExtractionEvaluator.Match(p.Body, predictions[p.Id])))
            .Select(p => new PageExtractionScore(p.Id, p.Score.Tp, p.Score.Fp, p.Score.Fn))
            .OrderBy(p => p.F1).ThenBy(p => p.Id, StringComparer.Ordinal).Take(5)
            .Select(p => $"{p.Id[..Math.Min(12, p.Id.Length)]} {p.F1:F2}").ToList();
        return new Dictionary<string, object?>
        {
            [$"{prefix}_worst_pages"] = worst,
            // Pages given no text at all (judged not an article, or a failure): each costs a whole page's recall.
            [$"{prefix}_empty_pages"] = predictions.Values.Count(string.IsNullOrWhiteSpace),
            [$"{prefix}_pages_per_s"] = Math.Round(pages.Count * passes / seconds, 1),
            // The fastest pass: on a shared machine, the figure least disturbed by other work.
            [$"{prefix}_best_pass_pages_per_s"] = Math.Round(pages.Count / fastest, 1),
            [$"{prefix}_f1"] = Math.Round(f1, 4),
            [$"{prefix}_precision"] = Math.Round(precision, 4),
            [$"{prefix}_recall"] = Math.Round(recall, 4),
            [$"{prefix}_pages"] = pages.Count,
            [$"{prefix}_passes"] = passes,
            [$"{prefix}_failures"] = failures,
        };
    }
}
