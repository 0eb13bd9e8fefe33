using System.Text.RegularExpressions;

namespace Muster.Relevance;

/// <summary>
/// A list of words, stems (<c>word*</c>) and phrases, counted in a text in one pass over its words.
/// </summary>
public sealed class TermLexicon
{
    private static readonly Regex WordPattern = new(@"[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*", RegexOptions.Compiled);

    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private readonly List<string> _stems = [];
    private readonly List<string> _phrases = [];

    /// <summary>Parses a term list (one term a line, <c>#</c> comments); a fault names the file and line.</summary>
    public static TermLexicon Parse(string content, string fileName)
    {
        var lexicon = new TermLexicon();
        foreach (var (line, number) in EmbeddedData.Lines(content))
        {
            if (line != line.ToLowerInvariant())
                throw new FormatException($"{fileName}:{number}: terms must be lower case: '{line}'");
            if (line.Contains(' '))
                lexicon._phrases.Add(line.TrimEnd('*'));
            else if (line.EndsWith('*'))
                lexicon._stems.Add(line.TrimEnd('*'));
            else
                lexicon._words.Add(line);
        }
        // Longest stems first is not needed for counting; sorting keeps the scan order stable.
        lexicon._stems.Sort(StringComparer.Ordinal);
        return lexicon;
    }

    /// <summary>Counts how many words or phrases of <paramref name="text"/> are terms of this list.</summary>
    public int Count(string text)
    {
        var count = 0;
        foreach (var match in WordPattern.EnumerateMatches(text))
        {
            var word = text.AsSpan(match.Index, match.Length).ToString().ToLowerInvariant();
            if (_words.Contains(word) || StartsWithStem(word))
                count++;
        }
        if (_phrases.Count > 0)
        {
            var lower = text.ToLowerInvariant();
            foreach (var phrase in _phrases)
                for (var i = lower.IndexOf(phrase, StringComparison.Ordinal); i >= 0; i = lower.IndexOf(phrase, i + phrase.Length, StringComparison.Ordinal))
                    count++;
        }
        return count;
    }

    private bool StartsWithStem(string word)
    {
        foreach (var stem in _stems)
            if (word.StartsWith(stem, StringComparison.Ordinal))
                return true;
        return false;
    }
}
