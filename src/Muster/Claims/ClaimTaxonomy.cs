using System.Text.RegularExpressions;
using Muster.Text;

namespace Muster.Claims;

/// <summary>
/// The patterns of one key of a claim type (its triggers, weak triggers or context), each a line of
/// <c>taxonomy.txt</c> or a concept of a lexicon, compiled on its own with the literals it needs: a sentence runs
/// only the patterns whose literals it holds, so a richer lexicon costs little on sentences it cannot match.
/// </summary>
public sealed class PatternSet
{
    private readonly (Regex Pattern, LiteralPrefilter.Condition Needs)[] _patterns;

    // Per pattern, literals of which a sentence must hold one (null: not known), tested before the whole condition;
    // and for the set, the union of them all, so that a sentence without any of its words skips the set at once.
    private readonly LiteralPrefilter.SparseMask?[] _anchors;
    private readonly LiteralPrefilter.SparseMask? _any;

    internal PatternSet((Regex Pattern, LiteralPrefilter.Condition Needs)[] patterns)
    {
        _patterns = patterns;
        var anchors = patterns.Select(p => p.Needs.Anchor()).ToArray();
        _anchors = anchors.Select(a => a is null ? (LiteralPrefilter.SparseMask?)null : new LiteralPrefilter.SparseMask(a)).ToArray();
        _any = anchors.Any(a => a is null) ? null : new LiteralPrefilter.SparseMask(anchors.SelectMany(a => a!));
    }

    private bool MayHold(int i, LiteralPrefilter.Present present) =>
        (_anchors[i] is not { } anchor || present.Intersects(anchor)) && _patterns[i].Needs.Holds(present);

    /// <summary>How many patterns the set holds.</summary>
    public int Count => _patterns.Length;

    /// <summary>The leftmost match in <paramref name="within"/> of any pattern (the first pattern's on a tie), or null.</summary>
    internal TextSpan? FirstMatch(string text, TextSpan within, LiteralPrefilter.Present present)
    {
        if (_any is { } any && !present.Intersects(any))
            return null;
        TextSpan? best = null;
        for (var i = 0; i < _patterns.Length; i++)
        {
            if (!MayHold(i, present))
                continue;
            var match = _patterns[i].Pattern.Match(text, within.Start, within.End - within.Start);
            if (match.Success && (best is null || match.Index < best.Value.Start))
                best = new TextSpan(match.Index, match.Index + match.Length);
        }
        return best;
    }

    /// <summary>True when any pattern matches <paramref name="text"/>.</summary>
    internal bool IsMatch(string text, LiteralPrefilter.Present present)
    {
        if (_any is { } any && !present.Intersects(any))
            return false;
        for (var i = 0; i < _patterns.Length; i++)
            if (MayHold(i, present) && _patterns[i].Pattern.IsMatch(text))
                return true;
        return false;
    }
}

/// <summary>One claim type of the taxonomy, with its compiled trigger patterns.</summary>
public sealed class ClaimType
{
    internal ClaimType(string code, string description, PatternSet? triggers, PatternSet? weak, PatternSet? context)
    {
        Code = code;
        Description = description;
        Triggers = triggers;
        Weak = weak;
        Context = context;
    }

    /// <summary>The stable code (<c>summons</c>).</summary>
    public string Code { get; }
    /// <summary>What a claim of this type says.</summary>
    public string Description { get; }
    /// <summary>Strong triggers in all languages, or null.</summary>
    public PatternSet? Triggers { get; }
    /// <summary>Weak triggers, used when no strong one matches, or null.</summary>
    public PatternSet? Weak { get; }
    /// <summary>When set, a sentence must match it too.</summary>
    public PatternSet? Context { get; }
}

/// <summary>
/// The claim taxonomy as data (<c>Claims/Data/taxonomy.txt</c>): per type, trigger patterns per language,
/// weak triggers and context patterns, plus patterns that exclude a sentence. Each pattern is compiled once,
/// at load, and validated; a fault names the file and line.
/// </summary>
public sealed class ClaimTaxonomy
{
    /// <summary>The codes of taxonomy version 1, in its order; a file must define exactly these or more.</summary>
    public static readonly IReadOnlyList<string> Version1Codes =
    [
        "forced_enlistment", "coerced_volunteering", "recruitment_quota", "summons", "registration", "mobilization_wave",
        "combat_deployment", "casualties", "refusal", "grievance", "group_targeting",
    ];

    private static readonly string[] Languages = ["en", "ru", "uk"];

    private ClaimTaxonomy(IReadOnlyList<ClaimType> types, PatternSet? exclude, LiteralPrefilter literals)
    {
        Types = types;
        Exclude = exclude;
        Literals = literals;
    }

    /// <summary>The types, in file order.</summary>
    public IReadOnlyList<ClaimType> Types { get; }

    /// <summary>Sentences that characterize rather than report, or null.</summary>
    public PatternSet? Exclude { get; }

    /// <summary>
    /// Finds, in one pass over a sentence, the literals the patterns need: a pattern whose condition fails on
    /// the sentence cannot match it or any part of it, and is not run.
    /// </summary>
    internal LiteralPrefilter Literals { get; }

    /// <summary>The taxonomy shipped with Muster.</summary>
    public static ClaimTaxonomy Default => LazyDefault.Value;

    private static readonly Lazy<ClaimTaxonomy> LazyDefault = new(() => Parse(EmbeddedData.Read("taxonomy.txt"), "taxonomy.txt", DefaultLexicon));

    /// <summary>The concepts of the trigger lexicons shipped with Muster (<c>lexicon.en.txt</c>, <c>lexicon.ru.txt</c>, <c>lexicon.uk.txt</c>).</summary>
    public static IReadOnlyList<LexiconConcept> DefaultLexicon => LazyLexicon.Value;

    private static readonly Lazy<IReadOnlyList<LexiconConcept>> LazyLexicon = new(() =>
        Languages.SelectMany(l => TriggerLexicon.Parse(EmbeddedData.Read($"lexicon.{l}.txt"), $"lexicon.{l}.txt", l)).ToList());

    /// <summary>Parses and validates a taxonomy file.</summary>
    public static ClaimTaxonomy Parse(string content, string fileName) => Parse(content, fileName, []);

    /// <summary>
    /// Parses and validates a taxonomy file and adds the concepts of trigger lexicons to its types: each concept's
    /// phrases join the patterns of its kind and language.
    /// </summary>
    public static ClaimTaxonomy Parse(string content, string fileName, IEnumerable<LexiconConcept> lexicon)
    {
        var sections = new List<(string Name, int Line, Dictionary<string, List<(string Value, int Line)>> Keys)>();
        foreach (var (line, number) in EmbeddedData.Lines(content))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var name = line[1..^1].Trim();
                if (sections.Any(s => s.Name == name))
                    throw new FormatException($"{fileName}:{number}: type [{name}] is defined twice");
                if (name != "*" && !Regex.IsMatch(name, "^[a-z][a-z_]*$"))
                    throw new FormatException($"{fileName}:{number}: a type code is lower-case letters and underscores, not '{name}'");
                sections.Add((name, number, new Dictionary<string, List<(string, int)>>(StringComparer.Ordinal)));
                continue;
            }
            if (sections.Count == 0)
                throw new FormatException($"{fileName}:{number}: an entry before any [type] header");
            var equals = line.IndexOf('=');
            if (equals <= 0)
                throw new FormatException($"{fileName}:{number}: expected 'key = value'");
            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            var section = sections[^1];
            if (!IsKnownKey(key, section.Name == "*"))
                throw new FormatException($"{fileName}:{number}: unknown key '{key}' in [{section.Name}]");
            if (value.Length == 0)
                throw new FormatException($"{fileName}:{number}: '{key}' has no value");
            if (key != "description")
            {
                try
                {
                    _ = new Regex(value);
                }
                catch (ArgumentException e)
                {
                    throw new FormatException($"{fileName}:{number}: invalid pattern for {key}: {e.Message}");
                }
            }
            (section.Keys.TryGetValue(key, out var list) ? list : section.Keys[key] = []).Add((value, number));
        }

        foreach (var concept in lexicon)
        {
            var section = sections.FirstOrDefault(x => x.Name == concept.Type);
            if (section.Keys is null)
                throw new FormatException($"lexicon.{concept.Language}.txt:{concept.Line}: [{concept.Type}] is not a type of {fileName}");
            var key = $"{concept.Kind}.{concept.Language}";
            (section.Keys.TryGetValue(key, out var list) ? list : section.Keys[key] = []).Add((concept.Pattern, concept.Line));
        }

        var types = new List<ClaimType>();
        var literals = new LiteralPrefilter.Builder();
        PatternSet? exclude = null;
        foreach (var (name, line, keys) in sections)
        {
            if (name == "*")
            {
                exclude = Compile(keys, "exclude", literals);
                continue;
            }
            if (!keys.TryGetValue("description", out var description))
                throw new FormatException($"{fileName}:{line}: type [{name}] has no description");
            var triggers = Compile(keys, "trigger", literals);
            if (triggers is null)
                throw new FormatException($"{fileName}:{line}: type [{name}] has no trigger");
            types.Add(new ClaimType(name, description[0].Value, triggers, Compile(keys, "weak", literals), Compile(keys, "context", literals)));
        }
        var missing = Version1Codes.Where(code => types.All(t => t.Code != code)).ToList();
        if (missing.Count > 0)
            throw new FormatException($"{fileName}: the taxonomy lacks the type(s) {string.Join(", ", missing)}");
        return new ClaimTaxonomy(types, exclude, literals.Build());
    }

    private static bool IsKnownKey(string key, bool global)
    {
        if (global)
            return Languages.Any(l => key == $"exclude.{l}");
        return key == "description" || Languages.Any(l => key == $"trigger.{l}" || key == $"weak.{l}" || key == $"context.{l}");
    }

    private static PatternSet? Compile(Dictionary<string, List<(string Value, int Line)>> keys, string prefix, LiteralPrefilter.Builder literals)
    {
        var patterns = Languages.SelectMany(l => keys.TryGetValue($"{prefix}.{l}", out var list) ? list : []).Select(p => p.Value).ToList();
        if (patterns.Count == 0)
            return null;
        // A match must start at a word: no trigger fires inside another word. No match timeout: each pattern runs
        // on one sentence, and the lexicons' gaps are bounded, so a match is linear in the sentence; a timeout
        // costs a clock setup on every call, and these are the pipeline's most frequent calls (a fifth of its time).
        return new PatternSet(patterns.Select(p => (new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{p})",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled), literals.Add(p))).ToArray());
    }
}
