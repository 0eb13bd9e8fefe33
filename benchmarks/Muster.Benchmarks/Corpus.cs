using System.Text;

namespace Muster.Benchmarks;

/// <summary>
/// Generated corpora for the whole-pipeline runs: pages built from the paragraphs of <c>samples/</c>, recombined
/// with a fixed seed, so every run measures the same pages. Streams pages; never holds a corpus in memory.
/// </summary>
public static class Corpus
{
    public static IEnumerable<(string Name, byte[] Bytes)> Generate(string samples, int pages, int seed = 20261123)
    {
        var files = Directory.GetFiles(samples, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var paragraphs = files.SelectMany(f => File.ReadAllText(f).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)).ToList();
        var headlines = paragraphs.Where(p => !p.Contains('\n') && p.Length is > 20 and < 160 && !p.TrimEnd().EndsWith('.')).ToList();
        var bodies = paragraphs.Where(p => p.Length >= 120).ToList();
        var random = new Random(seed);
        for (var i = 0; i < pages; i++)
        {
            var page = new StringBuilder();
            page.Append(headlines[random.Next(headlines.Count)]).Append("\n\n");
            for (var p = 0; p < 4 + random.Next(5); p++)
                page.Append(bodies[random.Next(bodies.Count)]).Append("\n\n");
            page.Append("Show More\n\n").Append(bodies[random.Next(bodies.Count)]).Append("\n\n");
            page.Append("Page ").Append(i).Append(" of the generated corpus.\n");
            yield return ($"generated-{i:000000}.txt", Encoding.UTF8.GetBytes(page.ToString()));
        }
    }
}
