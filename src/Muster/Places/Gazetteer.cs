using System.Globalization;

namespace Muster.Places;

/// <summary>What a gazetteer entry names.</summary>
public enum PlaceKind
{
    /// <summary>A town, city or village.</summary>
    Locality,
    /// <summary>A first-level region (oblast, krai, republic, federal city).</summary>
    Region,
    /// <summary>A country.</summary>
    Country,
}

/// <summary>One place of the gazetteer.</summary>
/// <param name="Name">Its main name.</param>
/// <param name="Kind">Locality, region or country.</param>
/// <param name="Code">ISO 3166-2 code of its first-level region (the region itself for a region), or null.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="Lat">Latitude.</param>
/// <param name="Lon">Longitude.</param>
/// <param name="Population">Population, 0 when unknown.</param>
public sealed record GazetteerEntry(string Name, PlaceKind Kind, string? Code, string Country, double Lat, double Lon, long Population);

/// <summary>A name of the gazetteer found in a text, with every place it may mean.</summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Candidates">The places the name may mean.</param>
public sealed record PlaceMention(int Start, int End, IReadOnlyList<GazetteerEntry> Candidates);

/// <summary>
/// Place names of Ukraine, Russia, Belarus, Moldova, the Caucasus and Central Asia, from GeoNames (CC BY 4.0)
/// and ISO 3166-2, compiled into a trie over words so that finding every name in a text is one pass over its
/// words, whatever the gazetteer's size. Russian and Ukrainian stems (<c>Свердловск*</c>) match any ending.
/// </summary>
public sealed class Gazetteer
{
    private sealed class Node
    {
        public Dictionary<string, Node>? Children;
        public List<GazetteerEntry>? Entries;
    }

    private sealed class StemNode
    {
        public Dictionary<char, StemNode>? Children;
        public List<GazetteerEntry>? Entries;
    }

    private readonly Node _root = new();
    private readonly StemNode _stems = new();
    private readonly List<GazetteerEntry> _entries = [];

    /// <summary>Every place, for counts and tests.</summary>
    public IReadOnlyList<GazetteerEntry> Entries => _entries;

    private Dictionary<string, GazetteerEntry>? _regions;

    /// <summary>The first-level region with this ISO 3166-2 code, or null.</summary>
    public GazetteerEntry? Region(string code) =>
        (_regions ??= _entries.Where(e => e.Kind == PlaceKind.Region && e.Code is not null)
            .GroupBy(e => e.Code!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)).GetValueOrDefault(code);

    /// <summary>The gazetteer compiled into Muster (see <c>tools/gazetteer</c>).</summary>
    public static Gazetteer Default => LazyDefault.Value;

    private static readonly Lazy<Gazetteer> LazyDefault = new(() =>
        Load(EmbeddedData.Read("regions.tsv"), EmbeddedData.Read("countries.tsv"), EmbeddedData.Read("localities.tsv")));

    /// <summary>Builds a gazetteer from the three data files; a faulty row throws naming the file and line.</summary>
    public static Gazetteer Load(string regions, string countries, string localities)
    {
        var gazetteer = new Gazetteer();
        var inv = CultureInfo.InvariantCulture;
        foreach (var (cells, line) in Rows(regions, "regions.tsv", 6))
        {
            var entry = new GazetteerEntry(DisplayName(cells[5].Split('|')), PlaceKind.Region, cells[0], cells[1],
                Number(cells[3], "regions.tsv", line), Number(cells[4], "regions.tsv", line), 0);
            gazetteer.Add(entry, cells[5].Split('|'));
        }
        foreach (var (cells, line) in Rows(countries, "countries.tsv", 4))
        {
            var entry = new GazetteerEntry(cells[3].Split('|')[0], PlaceKind.Country, null, cells[0],
                Number(cells[1], "countries.tsv", line), Number(cells[2], "countries.tsv", line), 0);
            gazetteer.Add(entry, cells[3].Split('|'));
        }
        foreach (var (cells, line) in Rows(localities, "localities.tsv", 7))
        {
            var entry = new GazetteerEntry(cells[0], PlaceKind.Locality, cells[2].Length == 0 ? null : cells[2], cells[1],
                Number(cells[3], "localities.tsv", line), Number(cells[4], "localities.tsv", line),
                long.TryParse(cells[5], NumberStyles.None, inv, out var population) ? population : 0);
            gazetteer.Add(entry, [cells[0], .. cells[6].Split('|', StringSplitOptions.RemoveEmptyEntries)]);
        }
        return gazetteer;
    }

    /// <summary>A region's name for people: its full English form ("Tyumen Oblast") rather than the bare stem.</summary>
    private static string DisplayName(string[] names) =>
        names.FirstOrDefault(n => System.Text.RegularExpressions.Regex.IsMatch(n, @"^[\p{IsBasicLatin}’]+ (?:Oblast|Krai|Okrug|Autonomous Okrug|Autonomous Oblast)$|^Republic of [\p{IsBasicLatin}]+$"))
        ?? names[0];

    private static IEnumerable<(string[] Cells, int Line)> Rows(string content, string file, int columns)
    {
        var line = 0;
        foreach (var raw in content.Split('\n'))
        {
            line++;
            if (line == 1 || raw.Length == 0)
                continue;
            var cells = raw.TrimEnd('\r').Split('\t');
            if (cells.Length != columns)
                throw new FormatException($"{file}:{line}: expected {columns} tab-separated columns, found {cells.Length}");
            yield return (cells, line);
        }
    }

    private static double Number(string text, string file, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{file}:{line}: '{text}' is not a coordinate");

    private void Add(GazetteerEntry entry, IEnumerable<string> names)
    {
        _entries.Add(entry);
        foreach (var raw in names)
        {
            var name = raw.Trim();
            if (name.Length == 0)
                continue;
            if (name.EndsWith('*'))
            {
                var node = _stems;
                foreach (var c in name[..^1].ToLowerInvariant())
                {
                    node.Children ??= [];
                    node = node.Children.TryGetValue(c, out var next) ? next : node.Children[c] = new StemNode();
                }
                AddEntry(node.Entries ??= [], entry);
                continue;
            }
            var tokens = Tokens(name).Select(t => Normalize(name.AsSpan(t.Start, t.End - t.Start))).ToList();
            if (tokens.Count == 0)
                continue;
            var current = _root;
            foreach (var token in tokens)
            {
                current.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                current = current.Children.TryGetValue(token, out var next) ? next : current.Children[token] = new Node();
            }
            AddEntry(current.Entries ??= [], entry);
        }
    }

    private static void AddEntry(List<GazetteerEntry> list, GazetteerEntry entry)
    {
        if (!list.Contains(entry))
            list.Add(entry);
    }

    /// <summary>
    /// Finds every gazetteer name in <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>),
    /// longest match first, in one pass over the words. A name must start with a capital letter in the text,
    /// and a multi-word name never spans a comma, colon, semicolon, quote or bracket.
    /// </summary>
    public IReadOnlyList<PlaceMention> Find(string text, int start, int end)
    {
        var words = Tokens(text.AsSpan(start, end - start), start);
        var mentions = new List<PlaceMention>();
        for (var i = 0; i < words.Count; i++)
        {
            var first = words[i];
            if (!char.IsUpper(text[first.Start]))
                continue;
            Node? node = _root;
            var bestEnd = -1;
            List<GazetteerEntry>? best = null;
            for (var j = i; j < words.Count && node is not null; j++)
            {
                if (j > i && Breaks(text, words[j - 1].End, words[j].Start))
                    break;
                if (node.Children is null || !node.Children.TryGetValue(Normalize(text.AsSpan(words[j].Start, words[j].End - words[j].Start)), out node))
                    break;
                if (node.Entries is not null)
                {
                    bestEnd = j;
                    best = node.Entries;
                }
            }
            if (best is null)
            {
                best = MatchStem(text, first);
                bestEnd = best is null ? -1 : i;
            }
            else if (bestEnd == i && MatchStem(text, first) is { } stem && stem.Any(e => !best.Contains(e)))
            {
                // A one-word name that is also a region's inflected stem ("Рязанской": a stanitsa and the oblast)
                // keeps both readings; the resolver prefers the region unless the town lies in it.
                best = [.. best, .. stem.Where(e => !best.Contains(e))];
            }
            if (best is null && Possessive(text, first) is { } cut && _root.Children is { } roots
                && roots.TryGetValue(Normalize(text.AsSpan(first.Start, cut - first.Start)), out var owner) && owner.Entries is not null)
            {
                // "Magwe’s Natmauk", "Moscow's call": the name before an English possessive; the resolver decides
                // whether it is a place (a region's town) or the state (a capital's or a country's will).
                mentions.Add(new PlaceMention(first.Start, cut, owner.Entries));
                continue;
            }
            if (best is null)
                continue;
            mentions.Add(new PlaceMention(first.Start, words[bestEnd].End, best));
            i = bestEnd;
        }
        return mentions;
    }

    /// <summary>Where the English possessive ending of <paramref name="word"/> starts ("Magwe’s"), or null.</summary>
    private static int? Possessive(string text, TextSpan word) =>
        word.End - word.Start > 3 && text[word.End - 1] is 's' && text[word.End - 2] is '\'' or '’' && text[word.Start] < '\u0250'
            ? word.End - 2 : null;

    private List<GazetteerEntry>? MatchStem(string text, TextSpan word)
    {
        List<GazetteerEntry>? found = null;
        var node = _stems;
        for (var k = word.Start; k < word.End && node.Children is not null; k++)
        {
            if (!node.Children.TryGetValue(char.ToLowerInvariant(text[k]), out node!))
                break;
            if (node.Entries is not null)
                found = node.Entries;
        }
        return found;
    }

    private static bool Breaks(string text, int from, int to)
    {
        for (var k = from; k < to; k++)
            if (text[k] is ',' or ';' or ':' or '"' or '“' or '”' or '(' or ')' or '[' or ']' or '«' or '»' or '\n' or '—' or '–')
                return true;
        return false;
    }

    /// <summary>Words: runs of letters and digits, with inner apostrophes and hyphens ("People's", "Rostov-on-Don").</summary>
    internal static List<TextSpan> Tokens(ReadOnlySpan<char> text, int offset = 0)
    {
        var words = new List<TextSpan>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var s = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i])
                       || (text[i] is '\'' or '’' or '-' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && i > s)))
                i++;
            words.Add(new TextSpan(offset + s, offset + i));
        }
        return words;
    }

    private static string Normalize(ReadOnlySpan<char> word)
    {
        Span<char> buffer = stackalloc char[word.Length];
        for (var k = 0; k < word.Length; k++)
            buffer[k] = word[k] == '’' ? '\'' : char.ToLowerInvariant(word[k]);
        return buffer.ToString();
    }
}
