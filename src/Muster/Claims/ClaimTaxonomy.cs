using System.Text.RegularExpressions;
using Muster.Text;

namespace Muster.Claims;

/// <summary>One claim type of the taxonomy, with its compiled trigger patterns.</summary>
public sealed class ClaimType
{
    internal ClaimType(string code, string description, Regex? triggers, Regex? weak, Regex? context)
        : this(code, description, (triggers, LiteralPrefilter.Condition.Always), (weak, LiteralPrefilter.Condition.Always),
            (context, LiteralPrefilter.Condition.Always))
    {
    }

    internal ClaimType(string code, string description, (Regex? Pattern, LiteralPrefilter.Condition Needs) triggers,
        (Regex? Pattern, LiteralPrefilter.Condition Needs) weak, (Regex? Pattern, LiteralPrefilter.Condition Needs) context)
    {
        Code = code;
        Description = description;
        (Triggers, TriggerNeeds) = triggers;
        (Weak, WeakNeeds) = weak;
        (Context, ContextNeeds) = context;
    }

    /// <summary>The stable code (<c>summons</c>).</summary>
    public string Code { get; }
    /// <summary>What a claim of this type says.</summary>
    public string Description { get; }
    /// <summary>Strong triggers in all languages, or null.</summary>
    public Regex? Triggers { get; }
    /// <summary>Weak triggers, used when no strong one matches, or null.</summary>
    public Regex? Weak { get; }
    /// <summary>When set, a sentence must match it too.</summary>
    public Regex? Context { get; }

    /// <summary>What a text must hold for <see cref="Triggers"/> to match it (see <see cref="ClaimTaxonomy.Literals"/>).</summary>
    internal LiteralPrefilter.Condition TriggerNeeds { get; }
    /// <summary>What a text must hold for <see cref="Weak"/> to match it.</summary>
    internal LiteralPrefilter.Condition WeakNeeds { get; }
    /// <summary>What a text must hold for <see cref="Context"/> to match it.</summary>
    internal LiteralPrefilter.Condition ContextNeeds { get; }
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

    private ClaimTaxonomy(IReadOnlyList<ClaimType> types, (Regex? Pattern, LiteralPrefilter.Condition Needs) exclude, LiteralPrefilter literals)
    {
        Types = types;
        (Exclude, ExcludeNeeds) = exclude;
        Literals = literals;
    }

    /// <summary>The types, in file order.</summary>
    public IReadOnlyList<ClaimType> Types { get; }

    /// <summary>Sentences that characterize rather than report, or null.</summary>
    public Regex? Exclude { get; }

    /// <summary>What a text must hold for <see cref="Exclude"/> to match it.</summary>
    internal LiteralPrefilter.Condition ExcludeNeeds { get; }

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
        (Regex? Pattern, LiteralPrefilter.Condition Needs) exclude = (null, LiteralPrefilter.Condition.Always);
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
            if (triggers.Pattern is null)
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

    private static (Regex? Pattern, LiteralPrefilter.Condition Needs) Compile(Dictionary<string, List<(string Value, int Line)>> keys,
        string prefix, LiteralPrefilter.Builder literals)
    {
        var patterns = Languages.SelectMany(l => keys.TryGetValue($"{prefix}.{l}", out var list) ? list : []).Select(p => p.Value).ToList();
        if (patterns.Count == 0)
            return (null, LiteralPrefilter.Condition.Always);
        var needs = LiteralPrefilter.Builder.AnyOf(patterns.Select(literals.Add));
        // A match must start at a word: no trigger fires inside another word.
        var alternation = string.Join("|", patterns.Select(p => $"(?:{p})"));
        var regex = new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{alternation})",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, Muster.Text.Patterns.Timeout);
        return (regex, needs);
    }
}
