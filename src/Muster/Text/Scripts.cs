using System.Buffers;

namespace Muster.Text;

/// <summary>Which script a text is written in: Cyrillic (Russian, Ukrainian, Belarusian) or Latin.</summary>
public static class Scripts
{
    /// <summary>The letters of the Cyrillic block (U+0400–U+04FF).</summary>
    public static readonly SearchValues<char> CyrillicLetters =
        SearchValues.Create(Enumerable.Range(0x0400, 0x100).Select(c => (char)c).ToArray());

    /// <summary>The Latin letters of ASCII.</summary>
    public static readonly SearchValues<char> LatinLetters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>True for a character of the Cyrillic block.</summary>
    public static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    /// <summary>True when <paramref name="text"/> holds a Cyrillic character.</summary>
    public static bool HasCyrillic(ReadOnlySpan<char> text) => text.IndexOfAny(CyrillicLetters) >= 0;

    /// <summary>How many characters of <paramref name="text"/> are Cyrillic.</summary>
    public static int CountCyrillic(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
            if (IsCyrillic(c))
                count++;
        return count;
    }
}
