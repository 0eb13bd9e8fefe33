using System.Text.RegularExpressions;

namespace Muster.Attribution;

/// <summary>
/// The words that frame attribution in each language, read from <c>attribution.LANG.txt</c>: reporting verbs in
/// all their forms, denial verbs, prepositional frames ("according to X", "по данным X", "за словами X"),
/// citing frames ("citing X", "со ссылкой на X") and impersonal frames ("как отмечается", "йдеться в
/// повідомленні"). All languages are merged: their scripts keep them apart.
/// </summary>
internal static class AttributionLexicon
{
    private static readonly string[] Languages = ["en", "ru", "uk"];

    private static readonly Lazy<Dictionary<string, List<string>>> Entries = new(Load);

    /// <summary>The expanded forms of <paramref name="kind"/> (say, deny, according, citing, impersonal), longest first.</summary>
    public static IReadOnlyList<string> Forms(string kind) => Entries.Value.TryGetValue(kind, out var forms) ? forms : [];

    /// <summary>An alternation of the forms of <paramref name="kind"/>, regex-escaped, spaces matching any run of space.</summary>
    public static string Alternation(string kind) => Alternation(Forms(kind));

    /// <summary>An alternation of <paramref name="forms"/>, regex-escaped, spaces matching any run of space.</summary>
    public static string Alternation(IEnumerable<string> forms) =>
        string.Join("|", forms.Select(f => Regex.Escape(f).Replace(@"\ ", @"\s+").Replace("е", "[её]")));

    private static Dictionary<string, List<string>> Load()
    {
        var entries = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var language in Languages)
        {
            var file = $"attribution.{language}.txt";
            foreach (var (line, number) in EmbeddedData.Lines(EmbeddedData.Read(file)))
            {
                var colon = line.IndexOf(':');
                if (colon <= 0)
                    throw new FormatException($"{file}:{number}: expected KIND: FORM");
                var kind = line[..colon].Trim();
                if (!entries.TryGetValue(kind, out var list))
                    entries[kind] = list = [];
                list.AddRange(Expand(line[(colon + 1)..].Trim(), file, number));
            }
        }
        foreach (var list in entries.Values)
            list.Sort((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b)); // longest first, then a fixed order: the automaton the verb pattern compiles to depends on it
        return entries;
    }

    // "сообщ{ил,ила,или}" is сообщил, сообщила, сообщили; "say{,s}" is say and says.
    private static IEnumerable<string> Expand(string form, string file, int number)
    {
        var open = form.IndexOf('{');
        if (open < 0)
            return [form];
        var close = form.IndexOf('}', open);
        if (close < 0)
            throw new FormatException($"{file}:{number}: unclosed {{ in '{form}'");
        if (form.IndexOf('{', close) >= 0)
            throw new FormatException($"{file}:{number}: one {{…}} group a form, not two, in '{form}'");
        var stem = form[..open];
        var rest = form[(close + 1)..];
        return form[(open + 1)..close].Split(',').Select(ending => stem + ending.Trim() + rest).Distinct();
    }
}
