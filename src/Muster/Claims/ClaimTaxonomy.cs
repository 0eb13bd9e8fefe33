using System.Text.RegularExpressions;

namespace Muster.Claims;

/// <summary>One claim type of the taxonomy, with its compiled trigger patterns.</summary>
public sealed class ClaimType
{
    internal ClaimType(string code, string description, Regex? triggers, Regex? weak, Regex? context)
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
    public Regex? Triggers { get; }
    /// <summary>Weak triggers, used when no strong one matches, or null.</summary>
    public Regex? Weak { get; }
    /// <summary>When set, a sentence must match it too.</summary>
    public Regex? Context { get; }
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

    private ClaimTaxonomy(IReadOnlyList<ClaimType> types, Regex? exclude)
    {
        Types = types;
        Exclude = exclude;
    }

    /// <summary>The types, in file order.</summary>
    public IReadOnlyList<ClaimType> Types { get; }

    /// <summary>Sentences that characterize rather than report, or null.</summary>
    public Regex? Exclude { get; }

    /// <summary>The taxonomy shipped with Muster.</summary>
    public static ClaimTaxonomy Default => LazyDefault.Value;

    private static readonly Lazy<ClaimTaxonomy> LazyDefault = new(() => Parse(EmbeddedData.Read("taxonomy.txt"), "taxonomy.txt"));

    /// <summary>Parses and validates a taxonomy file.</summary>
    public static ClaimTaxonomy Parse(string content, string fileName)
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

        var types = new List<ClaimType>();
        Regex? exclude = null;
        foreach (var (name, line, keys) in sections)
        {
            if (name == "*")
            {
                exclude = Compile(keys, "exclude");
                continue;
            }
            if (!keys.TryGetValue("description", out var description))
                throw new FormatException($"{fileName}:{line}: type [{name}] has no description");
            var triggers = Compile(keys, "trigger");
            if (triggers is null)
                throw new FormatException($"{fileName}:{line}: type [{name}] has no trigger");
            types.Add(new ClaimType(name, description[0].Value, triggers, Compile(keys, "weak"), Compile(keys, "context")));
        }
        var missing = Version1Codes.Where(code => types.All(t => t.Code != code)).ToList();
        if (missing.Count > 0)
            throw new FormatException($"{fileName}: the taxonomy lacks the type(s) {string.Join(", ", missing)}");
        return new ClaimTaxonomy(types, exclude);
    }

    private static bool IsKnownKey(string key, bool global)
    {
        if (global)
            return Languages.Any(l => key == $"exclude.{l}");
        return key == "description" || Languages.Any(l => key == $"trigger.{l}" || key == $"weak.{l}" || key == $"context.{l}");
    }

    private static Regex? Compile(Dictionary<string, List<(string Value, int Line)>> keys, string prefix)
    {
        var patterns = Languages.SelectMany(l => keys.TryGetValue($"{prefix}.{l}", out var list) ? list : []).Select(p => p.Value).ToList();
        if (patterns.Count == 0)
            return null;
        // A match must start at a word: no trigger fires inside another word.
        var alternation = string.Join("|", patterns.Select(p => $"(?:{p})"));
        return new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{alternation})",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, Muster.Text.Patterns.Timeout);
    }
}
