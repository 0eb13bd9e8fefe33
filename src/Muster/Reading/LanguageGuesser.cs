using System.Text.RegularExpressions;

namespace Muster.Reading;

/// <summary>
/// Guesses a page's main language among the three Muster reads — English, Russian, Ukrainian — from its script
/// and the letters and words particular to each. Returns null when the text is too short or none fits.
/// </summary>
public static class LanguageGuesser
{
    private static readonly Regex EnglishWords = new(@"\b(?:the|and|of|to|in|that|is|was|for|with|said)\b", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    /// <summary>The ISO 639-1 code of the main language, or null.</summary>
    public static string? Guess(string text)
    {
        int latin = 0, cyrillic = 0, ukrainian = 0, russian = 0;
        foreach (var c in text)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
                latin++;
            else if (c is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
                if (c is 'і' or 'ї' or 'є' or 'ґ' or 'І' or 'Ї' or 'Є' or 'Ґ')
                    ukrainian++;
                else if (c is 'ы' or 'э' or 'ъ' or 'ё' or 'Ы' or 'Э' or 'Ё')
                    russian++;
            }
        }
        if (latin + cyrillic < 20)
            return null;
        if (cyrillic > latin)
            return ukrainian > russian ? "uk" : russian > 0 ? "ru" : null;
        var words = Math.Max(1, latin / 5);
        return EnglishWords.Count(text) * 20 >= words ? "en" : null;
    }
}
