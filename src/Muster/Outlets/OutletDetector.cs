using System.Text;
using System.Text.RegularExpressions;
using Muster.Text;

namespace Muster.Outlets;

/// <summary>
/// Names the outlet a page belongs to from the page's own signature lines — "A Message from The Moscow Times",
/// "a reporter for the Kyiv Independent", "We are the news team of …", "By supporting …", "interviewed by … for
/// this story", a social handle in a follow prompt, a copyright line — and canonicalizes the name against
/// <c>Outlets/Data/outlets.txt</c>. A page that names no outlet gets null: never a guess.
/// </summary>
public sealed class OutletDetector
{
    // A name is capitalized words; a dot may sit inside a word ("Sibir.Realii") but never ends one, so a name
    // stops at the end of its sentence.
    private const string Word = @"\p{Lu}[\p{L}\p{N}’'&/-]*(?:\.[\p{L}\p{N}]+)*";
    private const string Name = @"(?<name>(?:[Tt]he\s+)?" + Word + @"(?:\s+(?:of\s+|for\s+the\s+)?" + Word + @"){0,5})";

    // The signatures, one alternation searched branch by branch (see Alternation).
    private static readonly Alternation Signature = new(
    [
        .. new[]
        {
            $@"\bA\s+(?:[Mm]essage|[Nn]ote|[Ll]etter)\s+from\s+{Name}",
            $@"\b(?:is|was|am)\s+an?\s+(?:[\p{{L}}-]+\s+){{0,3}}(?:reporter|journalist|correspondent|editor|writer|columnist|producer|photographer)\s+(?:for|at|with)\s+{Name}",
            $@"\b[Ww]e\s+are\s+the\s+(?:[\p{{L}}-]+\s+){{0,2}}(?:team|desk|staff|newsroom)\s+(?:of|at)\s+{Name}",
            $@"\b[Bb]y\s+supporting\s+{Name}",
            $@"\b(?:interviewed|contacted|obtained|seen|reviewed|verified)\s+by\s+{Name}\s+for\s+this\s+(?:story|article|report|piece|investigation)",
            $@"(?:©|\([Cc]\)|\bCopyright)\s*(?:\d{{4}}(?:[-–]\d{{4}})?\s*)?{Name}",
            @"(?:^|\s)@(?<handle>[A-Za-z][A-Za-z0-9_]{2,40})\b",
        }.Select(p => new Regex(p, RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.Multiline, Muster.Text.Patterns.Timeout)),
    ]);

    private static readonly Regex HandleSuffix = new(@"_(?:official|news|en|eng|ua|ru|media|online|live)$", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private readonly Dictionary<string, string> _canonical;

    private OutletDetector(Dictionary<string, string> canonical) => _canonical = canonical;

    /// <summary>The detector with Muster's list of known outlets.</summary>
    public static OutletDetector Default { get; } = Parse(EmbeddedData.Read("outlets.txt"), "outlets.txt");

    /// <summary>Parses an outlet list; a fault throws <see cref="FormatException"/> naming the file and line.</summary>
    public static OutletDetector Parse(string content, string fileName)
    {
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, number) in EmbeddedData.Lines(content))
        {
            var names = line.Split('|', StringSplitOptions.TrimEntries);
            if (names.Any(n => Key(n).Length == 0))
                throw new FormatException($"{fileName}:{number}: an empty name");
            foreach (var name in names)
            {
                var key = Key(name);
                if (canonical.TryGetValue(key, out var other) && other != names[0])
                    throw new FormatException($"{fileName}:{number}: '{name}' already names {other}");
                canonical[key] = names[0];
            }
        }
        return new OutletDetector(canonical);
    }

    /// <summary>The comparison key of a name: letters and digits, lower case, without a leading "the".</summary>
    internal static string Key(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
            trimmed = trimmed[4..];
        var key = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
            if (char.IsLetterOrDigit(c))
                key.Append(char.ToLowerInvariant(c));
        return key.ToString();
    }

    /// <summary>The canonical name of a known outlet, or null.</summary>
    public string? Canonical(string name) => _canonical.GetValueOrDefault(Key(name));

    /// <summary>Finds the outlet the page names itself by, or null.</summary>
    public string? Detect(string text)
    {
        var votes = new Dictionary<string, (int Count, int First)>(StringComparer.Ordinal);
        foreach (var match in Signature.Matches(text))
        {
            var name = match.Groups["name"].Success
                ? CleanName(match.Groups["name"].Value)
                : FromHandle(match.Groups["handle"].Value, text);
            if (string.IsNullOrEmpty(name))
                continue;
            votes[name] = votes.TryGetValue(name, out var v) ? (v.Count + 1, v.First) : (1, match.Index);
        }
        return votes.Count == 0
            ? null
            : votes.OrderByDescending(v => v.Value.Count).ThenBy(v => v.Value.First).First().Key;
    }

    private string? CleanName(string raw)
    {
        var name = raw.Trim().TrimEnd('.', ',', ':', ';', '’', '\'');
        if (name.EndsWith("’s", StringComparison.Ordinal) || name.EndsWith("'s", StringComparison.Ordinal))
            name = name[..^2];
        if (Canonical(name) is { } known)
            return known;
        if (name.StartsWith("the ", StringComparison.Ordinal))
            name = "The " + name[4..];
        // A lone capitalized word after "by supporting" or "©" is too weak to stand as an outlet unless known.
        return name.Contains(' ') || name.Length > 3 ? name : null;
    }

    /// <summary>
    /// Resolves a social handle: a known outlet's handle, or else a run of capitalized words on the page whose
    /// letters spell the handle ("@Kyivpost_official" and "Kyiv Post").
    /// </summary>
    private string? FromHandle(string handle, string text)
    {
        if (Canonical(handle) is { } known)
            return known;
        var stem = HandleSuffix.Replace(handle, "");
        if (Canonical(stem) is { } knownStem)
            return knownStem;
        var key = Key(stem);
        if (key.Length < 4)
            return null;
        var words = Regex.Matches(text, @"\b\p{Lu}[\p{L}]*");
        for (var i = 0; i < words.Count; i++)
        {
            var joined = new StringBuilder();
            for (var j = i; j < Math.Min(words.Count, i + 4); j++)
            {
                // Only adjacent words (separated by one space) form a name.
                if (j > i && words[j].Index != words[j - 1].Index + words[j - 1].Length + 1)
                    break;
                joined.Append(words[j].Value.ToLowerInvariant());
                if (joined.ToString() == key && j > i)
                    return text[words[i].Index..(words[j].Index + words[j].Length)];
                if (joined.Length >= key.Length)
                    break;
            }
        }
        return null;
    }
}
