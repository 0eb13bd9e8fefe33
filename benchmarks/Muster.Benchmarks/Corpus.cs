using System.Globalization;
using System.Text;

namespace Muster.Benchmarks;

/// <summary>
/// Generated corpora for the whole-pipeline runs: pages built from the paragraphs of the <c>.txt</c> pages in
/// <c>samples/</c> (other formats there are ignored), recombined with a fixed seed, so every run measures the
/// same pages. Pages are generated one at a time as they are read: a corpus is never held in memory, and the
/// first N pages of a larger corpus are the N-page corpus (1k and 10k are prefixes of 100k).
/// </summary>
public static class Corpus
{
    /// <summary>The seed every run uses.</summary>
    public const int Seed = 20261123;

    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>
    /// Streams <paramref name="pages"/> generated pages: a headline, a dateline, <paramref name="minParagraphs"/> to
    /// <paramref name="maxParagraphs"/> body paragraphs (four to eight unless told: news pages; the <c>workers</c> part
    /// asks for long articles) and furniture.
    /// </summary>
    /// <param name="fillerBytes">Bytes of plain prose with nothing to claim added to each page's body (0 unless told):
    /// pages that cost more to analyse than to store.</param>
    public static IEnumerable<(string Name, byte[] Bytes)> Generate(string samples, int pages, int seed = Seed, int minParagraphs = 4, int maxParagraphs = 8,
        int fillerBytes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minParagraphs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParagraphs, minParagraphs);
        var files = Directory.GetFiles(samples, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var paragraphs = files.SelectMany(f => File.ReadAllText(f).Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)).ToList();
        var headlines = paragraphs.Where(p => !p.Contains('\n') && p.Length is > 20 and < 160 && !p.TrimEnd().EndsWith('.')).ToList();
        var bodies = paragraphs.Where(p => p.Length >= 120).ToList();
        if (headlines.Count == 0 || bodies.Count == 0)
            throw new InvalidOperationException($"{samples} has no .txt pages to recombine");
        var random = new Random(seed);
        var firstDay = new DateOnly(2023, 1, 1);
        var page = new StringBuilder();
        for (var i = 0; i < pages; i++)
        {
            page.Clear();
            page.Append(headlines[random.Next(headlines.Count)]).Append("\n\n");
            // A dateline spreads the stories over three years, as a real archive's would be (the timeline needs days).
            var day = firstDay.AddDays(random.Next(3 * 365));
            page.Append(Months[day.Month - 1]).Append(' ').Append(day.Day.ToString(CultureInfo.InvariantCulture)).Append(", ")
                .Append(day.Year.ToString(CultureInfo.InvariantCulture)).Append("\n\n");
            // The bound is drawn anew at each paragraph (as it always was: the default corpus stays the same pages).
            for (var p = 0; p < minParagraphs + random.Next(maxParagraphs - minParagraphs + 1); p++)
                page.Append(bodies[random.Next(bodies.Count)]).Append("\n\n");
            for (var written = 0; written < fillerBytes;)
                written += Filler(page, random);
            page.Append("Show More\n\n").Append(bodies[random.Next(bodies.Count)]).Append("\n\n");
            page.Append("Page ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(" of the generated corpus.\n");
            yield return ($"generated-{i:000000}.txt", Encoding.UTF8.GetBytes(page.ToString()));
        }
    }

    private static readonly string[] FillerWords =
    [
        "the", "a", "market", "river", "bridge", "garden", "village", "school", "summer", "winter", "harbor", "street",
        "window", "kitchen", "weather", "cloud", "green", "quiet", "old", "new", "long", "short", "bread", "coffee",
        "boat", "hill", "field", "book", "table", "light", "rain", "wind", "sun", "evening", "morning", "city", "lake",
    ];

    /// <summary>Appends one paragraph of four sentences of everyday words, with no claim in it; its length.</summary>
    internal static int Filler(StringBuilder page, Random random)
    {
        var before = page.Length;
        for (var sentence = 0; sentence < 4; sentence++)
        {
            var words = 8 + random.Next(12);
            for (var w = 0; w < words; w++)
            {
                var word = FillerWords[random.Next(FillerWords.Length)];
                page.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : " " + word);
            }
            page.Append(sentence < 3 ? ". " : ".\n\n");
        }
        return page.Length - before;
    }
}
