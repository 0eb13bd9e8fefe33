using System.Diagnostics;
using System.Text;
using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Benchmarks;

/// <summary>
/// Pages of hostile shapes (issue 16) at 10 KB, 100 KB and 1 MB through the whole pipeline, one thread: the time per
/// MB at each size, and its growth from 10 KB to 1 MB (1.0 is linear; a quadratic stage would show ×100). Each shape
/// is one way a stage could grow faster than its input: one endless sentence of nested reports, a line with no
/// punctuation at all, thousands of one-line paragraphs, quotation marks that never close, a DOM nested thousands
/// deep, and a page of thousands of sibling paragraphs.
/// </summary>
public static class ShapeRuns
{
    private static readonly int[] Sizes = [10_000, 100_000, 1_000_000];

    private static readonly (string Name, bool Html, Func<int, string> Make)[] Shapes =
    [
        ("frames", false, size => Repeat("X said Y said that police handed out summonses, ", size)),
        ("one_line", false, size => Repeat("men summons police Lviv governor recruiters front ", size)),
        ("paragraphs", false, size => Repeat("Recruiters handed out summonses to 40 men in Lviv, the governor said.\n\n", size)),
        ("open_quotes", false, size => Repeat("«Recruiters “handed out summonses ", size)),
        ("deep_html", true, size =>
        {
            var depth = size / 11;
            return "<html><body>" + string.Concat(Enumerable.Repeat("<div>", depth)) + "<p>Recruiters handed out summonses in Lviv.</p>"
                + string.Concat(Enumerable.Repeat("</div>", depth)) + "</body></html>";
        }),
        ("wide_html", true, size => "<html><body><article>" + Repeat("<p>Recruiters handed out summonses to 40 men in Lviv, the governor said.</p>", size) + "</article></body></html>"),
    ];

    private static string Repeat(string unit, int size)
    {
        var builder = new StringBuilder(size + unit.Length);
        while (builder.Length < size)
            builder.Append(unit);
        return builder.ToString();
    }

    /// <summary>Each shape at each size: runs until <paramref name="minSeconds"/> have passed (at least once).</summary>
    public static Dictionary<string, object?> Run(double minSeconds)
    {
        // The budget is lifted: this run measures how long a stage takes, not where the pipeline gives up.
        var pipeline = new MusterPipelineBuilder().UsePageBudget(TimeSpan.FromHours(1)).UseClaims().Build();
        var result = new Dictionary<string, object?>();
        var worst = 0.0;
        // Warm-up on every shape's smallest page until tiered compilation has settled, so the 10 KB figures, timed
        // first, are not those of cold code.
        var small = Shapes.Select(s => new PageInput(s.Html ? "warm.html" : "warm.txt", Encoding.UTF8.GetBytes(s.Make(Sizes[0])), null)).ToList();
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < ExtractionRun.WarmupSeconds)
            foreach (var input in small)
                pipeline.Process(input);
        foreach (var (name, html, make) in Shapes)
        {
            var perMb = new List<double>();
            foreach (var size in Sizes)
            {
                var bytes = Encoding.UTF8.GetBytes(make(size));
                var input = new PageInput(html ? $"{name}.html" : $"{name}.txt", bytes, null);
                var outcome = pipeline.Process(input);
                if (outcome.Document is null)
                    throw new InvalidOperationException($"{name} at {size:N0} bytes: {outcome.Error}");
                var (passes, seconds, _) = TimedPasses.Run(() => pipeline.Process(input), minSeconds);
                var msPerMb = seconds / passes * 1000 / (bytes.Length / 1e6);
                perMb.Add(msPerMb);
                result[$"shape_{name}_ms_per_mb_{Label(size)}"] = Math.Round(msPerMb, 1);
            }
            var growth = Math.Round(perMb[^1] / perMb[0], 2);
            result[$"shape_{name}_growth_10kb_to_1mb"] = growth;
            worst = Math.Max(worst, growth);
        }
        result["shape_worst_growth_10kb_to_1mb"] = worst;
        return result;
    }

    private static string Label(int size) => size >= 1_000_000 ? $"{size / 1_000_000}mb" : $"{size / 1_000}kb";
}
