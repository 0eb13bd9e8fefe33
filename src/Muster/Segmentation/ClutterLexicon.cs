using System.Text.RegularExpressions;
using Muster.Text;

namespace Muster.Segmentation;

/// <summary>
/// The page-furniture vocabulary: labels that divide stories, furniture inside a story, and the openings and
/// words of membership or donation appeals. It is data (<c>Segmentation/Data/clutter.txt</c>), so users extend
/// it for the outlets they read; <see cref="Parse"/> validates it and names the faulty line.
/// </summary>
public sealed class ClutterLexicon
{
    private readonly HashSet<string> _dividers;
    private readonly HashSet<string> _authorMarkers;
    private readonly HashSet<string> _furniture;
    private readonly int _longestKey;
    private readonly PatternSet _furniturePattern;
    private readonly PatternSet _dividerPattern;
    private readonly PatternSet _appealStart;
    private readonly LiteralPrefilter _literals;
    private readonly TermSet _appealWords;
    private readonly TermSet _appealContext;

    private ClutterLexicon(Dictionary<string, List<(string Text, int Line)>> sections)
    {
        List<(string, int)> Get(string name) => sections.TryGetValue(name, out var list) ? list : [];
        _dividers = new(Get("divider").Select(e => Key(e.Item1)), StringComparer.Ordinal);
        _authorMarkers = new(Get("author-marker").Select(e => Key(e.Item1)), StringComparer.Ordinal);
        _furniture = new(Get("furniture").Select(e => Key(e.Item1)), StringComparer.Ordinal);
        _longestKey = _dividers.Concat(_authorMarkers).Concat(_furniture).Select(k => k.Length).DefaultIfEmpty(0).Max();
        var literals = new LiteralPrefilter.Builder();
        _furniturePattern = new PatternSet(Get("furniture-pattern"), literals);
        _dividerPattern = new PatternSet(Get("divider-pattern"), literals);
        _appealStart = new PatternSet(Get("appeal-start"), literals);
        _literals = literals.Build();
        _appealWords = new TermSet(Get("appeal-words").Select(e => e.Item1.ToLowerInvariant()));
        _appealContext = new TermSet(Get("appeal-context").Select(e => e.Item1.ToLowerInvariant()));
    }

    /// <summary>The lexicon shipped with Muster.</summary>
    public static ClutterLexicon Default => LazyDefault.Value;

    // Lazy: the static patterns below must exist before the default lexicon is parsed.
    private static readonly Lazy<ClutterLexicon> LazyDefault = new(Load);

    private static ClutterLexicon Load() => Parse(EmbeddedData.Read("clutter.txt"), "clutter.txt");

    private static readonly string[] KnownSections =
        ["divider", "author-marker", "furniture", "furniture-pattern", "divider-pattern", "appeal-start", "appeal-words", "appeal-context"];

    /// <summary>Parses and validates a lexicon; a fault throws <see cref="FormatException"/> naming the file and line.</summary>
    public static ClutterLexicon Parse(string content, string name)
    {
        var sections = new Dictionary<string, List<(string, int)>>(StringComparer.Ordinal);
        List<(string, int)>? current = null;
        foreach (var (line, lineNumber) in EmbeddedData.Lines(content))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var section = line[1..^1];
                if (!KnownSections.Contains(section))
                    throw new FormatException($"{name}:{lineNumber}: unknown section [{section}]; known: {string.Join(", ", KnownSections)}");
                current = sections.TryGetValue(section, out var list) ? list : sections[section] = [];
                continue;
            }
            if (current is null)
                throw new FormatException($"{name}:{lineNumber}: entry before any [section] header");
            if (sections.TryGetValue("furniture-pattern", out var fp) && ReferenceEquals(current, fp)
                || sections.TryGetValue("divider-pattern", out var dp) && ReferenceEquals(current, dp)
                || sections.TryGetValue("appeal-start", out var ap) && ReferenceEquals(current, ap))
            {
                try
                {
                    _ = new Regex(line);
                }
                catch (ArgumentException e)
                {
                    throw new FormatException($"{name}:{lineNumber}: invalid regular expression: {e.Message}");
                }
            }
            current.Add((line, lineNumber));
        }
        return new ClutterLexicon(sections);
    }

    /// <summary>
    /// A section's patterns. A line matches the section when it matches any of them, so each is its own regex,
    /// run only on lines that hold the literals it needs (a line is scanned once for all sections).
    /// </summary>
    private sealed class PatternSet
    {
        private readonly (Regex Pattern, LiteralPrefilter.Condition Needs)[] _patterns;

        public PatternSet(List<(string Text, int Line)> patterns, LiteralPrefilter.Builder literals)
        {
            const RegexOptions options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;
            // Numbered backreferences would count groups across the whole alternation: such a set stays one regex.
            if (patterns.Any(p => Regex.IsMatch(p.Text, @"\\(?:[1-9]|k)")))
                _patterns = patterns.Count == 0 ? [] :
                    [(new Regex(string.Join("|", patterns.Select(p => $"(?:{p.Text})")), options, Muster.Text.Patterns.Timeout), LiteralPrefilter.Condition.Always)];
            else
            {
                // Patterns that need no literal run on every line: those go together in one alternation.
                var needs = patterns.Select(p => (p.Text, Needs: literals.Add(p.Text))).ToList();
                var always = needs.Where(p => p.Needs == LiteralPrefilter.Condition.Always).Select(p => $"(?:{p.Text})").ToList();
                _patterns =
                [
                    .. needs.Where(p => p.Needs != LiteralPrefilter.Condition.Always)
                        .Select(p => (new Regex($"(?:{p.Text})", options, Muster.Text.Patterns.Timeout), p.Needs)),
                    .. always.Count == 0 ? [] : new[] { (new Regex(string.Join("|", always), options, Muster.Text.Patterns.Timeout), LiteralPrefilter.Condition.Always) },
                ];
            }
        }

        public bool IsMatch(string line, LiteralPrefilter.Present present)
        {
            foreach (var (pattern, needs) in _patterns)
                if (needs.Holds(present) && pattern.IsMatch(line))
                    return true;
            return false;
        }
    }

    private static string Key(string line) => line.Trim().ToLowerInvariant().Replace('’', '\'');

    /// <summary>The literals of the lexicon's patterns that <paramref name="line"/> holds.</summary>
    internal LiteralPrefilter.Present Scan(string line) => _literals.Scan(line, 0, line.Length);

    // Lower-casing keeps the length, and trimming never lengthens: a longer line is no entry of the lists.
    private bool InLists(string line, HashSet<string> list) =>
        (line.Length <= _longestKey || line.AsSpan().Trim().Length <= _longestKey) && list.Contains(Key(line));

    /// <summary>True when the trimmed line is a label between stories.</summary>
    public bool IsDivider(string line) => IsDivider(line, Scan(line));

    internal bool IsDivider(string line, LiteralPrefilter.Present present) =>
        InLists(line, _dividers) || _dividerPattern.IsMatch(line, present) || IsAuthorMarker(line);

    /// <summary>True when the trimmed line announces an author card.</summary>
    public bool IsAuthorMarker(string line) => InLists(line, _authorMarkers);

    /// <summary>True when the trimmed line is furniture inside a story.</summary>
    public bool IsFurniture(string line) => IsFurniture(line, Scan(line));

    internal bool IsFurniture(string line, LiteralPrefilter.Present present) =>
        InLists(line, _furniture) || _furniturePattern.IsMatch(line, present);

    /// <summary>True when the trimmed line opens an appeal for money, membership or subscriptions.</summary>
    public bool IsAppealStart(string line) => IsAppealStart(line, Scan(line));

    internal bool IsAppealStart(string line, LiteralPrefilter.Present present) => _appealStart.IsMatch(line, present);

    /// <summary>
    /// Scores a line as appeal text: strong appeal words ("donate", "membership"), weaker context words
    /// ("readers"), and the first- and second-person address (we, our, you) that news prose rarely uses
    /// outside quotes.
    /// </summary>
    public AppealScore ScoreAppeal(string line)
    {
        int strong = 0, context = 0, address = 0, words = 0;
        foreach (var match in WordPattern.EnumerateMatches(line))
        {
            words++;
            var word = line.AsSpan(match.Index, match.Length).ToString().ToLowerInvariant();
            if (word is "we" or "us" or "our" or "you" or "your" or "мы" or "нас" or "наш" or "наши" or "вы" or "ваш" or "ми" or "нам" or "ви" or "ваша")
                address++;
            if (_appealWords.Contains(word))
                strong++;
            else if (_appealContext.Contains(word))
                context++;
        }
        return new AppealScore(strong, context, address, words);
    }

    /// <summary>Words and stems (<c>word*</c>), looked up one word at a time.</summary>
    private sealed class TermSet(IEnumerable<string> terms)
    {
        private readonly string[] _all = terms.ToArray();
        private readonly HashSet<string> _words = new(terms.Where(t => !t.EndsWith('*')), StringComparer.Ordinal);

        public bool Contains(string word) =>
            _words.Contains(word) || _all.Any(t => t.EndsWith('*') && word.StartsWith(t.AsSpan(0, t.Length - 1), StringComparison.Ordinal));
    }

    private static readonly Regex WordPattern = new(@"\w+", RegexOptions.Compiled);
}

/// <summary>How much a line reads like an appeal for support.</summary>
/// <param name="Strong">Strong appeal words ("donate", "membership", "journalism").</param>
/// <param name="Context">Weaker words ("readers", "remind").</param>
/// <param name="Address">Words addressing the reader or speaking as the outlet (we, our, you).</param>
/// <param name="Words">All words.</param>
public readonly record struct AppealScore(int Strong, int Context, int Address, int Words);
