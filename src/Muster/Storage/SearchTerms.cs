namespace Muster.Storage;

/// <summary>
/// Turns the words of a search into the full-text terms that find their forms: a Russian or Ukrainian word becomes
/// a prefix of its stem (<c>повестки</c> → <c>повестк*</c>), with the endings of <c>Storage/Data/search-endings.txt</c>;
/// English words are left to the index's porter stemmer.
/// </summary>
/// <remarks>
/// Stemming at query time, against an index of the words as written, keeps one index for three languages and needs
/// no tokenizer of SQLite's own. Lucene's Snowball stemmers were not used: a prefix of a light stem is all the
/// query needs, and Ukrainian has no stemmer there.
/// </remarks>
public static class SearchTerms
{
    private const int MinimumStem = 3;

    private static readonly System.Text.RegularExpressions.Regex WordPattern = new(@"[\p{L}\p{N}]+", System.Text.RegularExpressions.RegexOptions.Compiled);

    private static readonly string[] Endings = Load();

    private static string[] Load()
    {
        var endings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, number) in EmbeddedData.Lines(EmbeddedData.Read("search-endings.txt")))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
                throw new FormatException($"search-endings.txt:{number}: expected LANG: ending ending …");
            foreach (var ending in line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                endings.Add(ending);
        }
        return [.. endings.OrderByDescending(e => e.Length)];
    }

    /// <summary>The stem of a Cyrillic word (lower-cased), or the word itself when it is not Cyrillic or too short.</summary>
    public static string Stem(string word)
    {
        var lower = word.ToLowerInvariant();
        if (!lower.All(c => Text.Scripts.IsCyrillic(c) || c is '\'' or '’' or 'ʼ' or '-'))
            return word;
        foreach (var ending in Endings)
        {
            if (lower.Length - ending.Length >= MinimumStem && lower.EndsWith(ending, StringComparison.Ordinal))
                return lower[..^ending.Length];
        }
        return lower;
    }

    /// <summary>
    /// A phrase of plain words for a column filter: the words in order, each Cyrillic one as its stem's prefix and the
    /// last one as a prefix in any language ("summons served in Penz" finds "summonses served in Penza").
    /// </summary>
    public static string Phrase(string columns, string text)
    {
        var words = WordPattern.Matches(text).Select(m => m.Value).ToList();
        if (words.Count == 0)
            return $"{columns} : \"\"";
        var terms = words.Select((w, k) =>
        {
            var cyrillic = Text.Scripts.HasCyrillic(w);
            var stem = cyrillic ? Stem(w) : w;
            return "\"" + stem.Replace("\"", "\"\"") + "\"" + (cyrillic || k == words.Count - 1 ? "*" : "");
        });
        return $"{columns} : {string.Join(" + ", terms)}";
    }
}
