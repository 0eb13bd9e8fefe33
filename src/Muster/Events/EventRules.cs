using System.Text.RegularExpressions;
using Muster.Claims;

namespace Muster.Events;

/// <summary>What the event rules need to know about a claim.</summary>
/// <param name="Id">The stored claim's id.</param>
/// <param name="Type">Its type.</param>
/// <param name="Evidence">Its evidence.</param>
/// <param name="Places">Its region codes.</param>
/// <param name="DateFrom">The first day its date covers, or null.</param>
/// <param name="DateTo">The last day its date covers, or null.</param>
/// <param name="Cluster">The story cluster it belongs to.</param>
/// <param name="Quantity">Its count, if any.</param>
public sealed record EventClaim(long Id, string Type, string Evidence, IReadOnlyCollection<string> Places, string? DateFrom, string? DateTo, string? Cluster, Quantity? Quantity)
{
    private HashSet<string>? _words;

    /// <summary>The evidence's content words, computed once.</summary>
    internal HashSet<string> Words => _words ??= EventRules.ContentWords(Evidence);

    /// <summary>This claim, with its evidence's content words already known (never changed once given).</summary>
    internal EventClaim WithWords(HashSet<string> words)
    {
        _words = words;
        return this;
    }
}

/// <summary>
/// Whether two claims report the same happening: the same type; and the same story cluster (a reprint) with much
/// the same evidence, or a
/// shared region with evidence that overlaps in its content words (or counts that agree), or, without places,
/// evidence that overlaps strongly; and dates that do not contradict each other (periods no more than 31 days
/// apart). Conservative on purpose: two happenings kept apart are better than two merged.
/// </summary>
public static class EventRules
{
    /// <summary>Places of a claim are its region codes and, for towns, this prefix and the town's name.</summary>
    public const string LocalityPrefix = "loc:";

    /// <summary>The place keys of a claim: region codes, and towns as <c>loc:Name</c>.</summary>
    public static HashSet<string> PlaceKeys(IEnumerable<ClaimPlace> places)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var place in places)
        {
            if (place.Code is not null)
                keys.Add(place.Code);
            if (place.Kind == "locality" && place.Lat is not null)
                keys.Add(LocalityPrefix + place.Name);
        }
        return keys;
    }

    /// <summary>Content-word overlap needed when the claims share a region.</summary>
    public const double PlacedOverlap = 0.2;

    /// <summary>Content-word overlap needed when neither claim is placed.</summary>
    public const double UnplacedOverlap = 0.5;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "that", "this", "was", "were", "is", "are", "be", "been",
        "by", "with", "from", "as", "it", "its", "their", "they", "has", "have", "had", "not", "no", "some", "who", "which",
    };

    private static readonly Regex Word = new(@"[\p{L}\p{N}]+", RegexOptions.Compiled);

    /// <summary>How well <paramref name="candidate"/> fits <paramref name="claim"/>'s event, from 0 (not the same) to 1.</summary>
    public static double Match(EventClaim claim, EventClaim candidate)
    {
        if (claim.Type != candidate.Type || !DatesCompatible(claim, candidate))
            return 0;
        var overlap = Overlap(claim.Words, candidate.Words);
        // Within a cluster (one story and its reprints) a claim is the one it reprints, or, told again in the same
        // town further down the story ("the summonses order the men to report…"), the same happening.
        if (claim.Cluster is not null && claim.Cluster == candidate.Cluster)
            return overlap >= 0.5 ? 1 : SharesTown(claim, candidate) ? 0.6 + overlap / 2 : 0;
        if (claim.Places.Count > 0 && candidate.Places.Count > 0)
        {
            // The same town is a strong tie; a shared region alone needs evidence or counts in common.
            if (claim.Places.Any(p => p.StartsWith(LocalityPrefix, StringComparison.Ordinal) && candidate.Places.Contains(p)))
                return 0.6 + overlap / 2;
            if (!claim.Places.Overlaps(candidate.Places))
                return 0;
            return overlap >= PlacedOverlap || QuantitiesClose(claim.Quantity, candidate.Quantity) ? 0.5 + overlap / 2 : 0;
        }
        if (claim.Places.Count == 0 && candidate.Places.Count == 0)
            return overlap >= UnplacedOverlap ? overlap : 0;
        return 0;
    }

    private static bool SharesTown(EventClaim claim, EventClaim candidate) =>
        claim.Places.Any(p => p.StartsWith(LocalityPrefix, StringComparison.Ordinal) && candidate.Places.Contains(p));

    private static bool Overlaps(this IReadOnlyCollection<string> a, IReadOnlyCollection<string> b) => a.Any(b.Contains);

    /// <summary>Jaccard overlap of the content words of two texts.</summary>
    public static double Overlap(string a, string b) => Overlap(ContentWords(a), ContentWords(b));

    internal static double Overlap(HashSet<string> x, HashSet<string> y)
    {
        if (x.Count == 0 || y.Count == 0)
            return 0;
        var shared = x.Count(y.Contains);
        return (double)shared / (x.Count + y.Count - shared);
    }

    // A plain loop, not a regex: this runs for every candidate of every claim at ingest.
    internal static HashSet<string> ContentWords(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        Span<char> lower = stackalloc char[6];
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
                start = i;
            else if (!inWord && start >= 0)
            {
                // The stem of the lower-cased word: lower-casing keeps the length, so the stem is the first six
                // characters, lower-cased; one string per word.
                var length = i - start;
                if (length > 2)
                {
                    var stem = Math.Min(length, 6);
                    text.AsSpan(start, stem).ToLowerInvariant(lower);
                    var word = new string(lower[..stem]);
                    if (!StopWords.Contains(word))
                        words.Add(word);
                }
                start = -1;
            }
        }
        return words;
    }

    // A light stem (ContentWords keeps six characters) so "summons"/"summonses", "mobilized"/"mobilization" meet.

    private static bool DatesCompatible(EventClaim a, EventClaim b)
    {
        if (a.DateFrom is null || b.DateFrom is null || a.DateTo is null || b.DateTo is null)
            return true;
        static DateOnly Day(string text) => DateOnly.TryParse(text.Length == 10 && text.EndsWith("-31") ? text[..8] + "28" : text, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : DateOnly.MinValue;
        var gap = Day(a.DateFrom) > Day(b.DateTo) ? Day(a.DateFrom).DayNumber - Day(b.DateTo).DayNumber
            : Day(b.DateFrom) > Day(a.DateTo) ? Day(b.DateFrom).DayNumber - Day(a.DateTo).DayNumber : 0;
        return gap <= 31;
    }

    private static bool QuantitiesClose(Quantity? a, Quantity? b) =>
        a is not null && b is not null && a.Unit == b.Unit && (a.Min ?? a.Max) is { } x && (b.Min ?? b.Max) is { } y && Math.Abs(x - y) <= 0.1 * Math.Max(x, y);

    /// <summary>
    /// A source's name for counting: its words in lower case, sorted, without articles, so "the partisan movement
    /// Atesh" and "Atesh partisan movement" are one party.
    /// </summary>
    public static string SourceKey(string source) =>
        string.Join(' ', Word.Matches(source.ToLowerInvariant()).Select(m => m.Value).Where(w => w is not ("the" or "a" or "an" or "of")).Distinct().Order(StringComparer.Ordinal));
}
