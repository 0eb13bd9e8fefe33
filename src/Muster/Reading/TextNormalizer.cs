using System.Buffers;
using System.Text;

namespace Muster.Reading;

/// <summary>
/// Normalizes decoded text: CRLF and lone CR become LF, a leading BOM character is dropped, the code points Unicode
/// normalization refuses (the noncharacter U+FFFE and unpaired surrogates) become U+FFFD, and the text is put in
/// Unicode NFC. The result is the text every offset refers to.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Normalizes line endings and Unicode composition.</summary>
    public static string Normalize(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        if (text.Contains('\r'))
            text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        text = ReplaceUnnormalizable(text);
        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The text with U+FFFE and every unpaired surrogate replaced by U+FFFD. .NET's normalization throws on them, and
    /// a page can hold either: U+FFFE is a byte-reversed BOM, valid in UTF-8 and UTF-16 alike (found by fuzzing the
    /// decoder with <c>EF BF BE</c>).
    /// </summary>
    private static string ReplaceUnnormalizable(string text)
    {
        var first = FirstUnnormalizable(text, 0);
        if (first < 0)
            return text;
        var chars = text.ToCharArray();
        for (var i = first; i >= 0; i = FirstUnnormalizable(text, i + 1))
            chars[i] = '\uFFFD';
        return new string(chars);
    }

    // U+FFFE and the surrogate range: what the scan stops at, vectorized over the text between them.
    private static readonly SearchValues<char> Suspects =
        SearchValues.Create([.. Enumerable.Range(0xD800, 0x800).Select(c => (char)c), '\uFFFE']);

    private static int FirstUnnormalizable(string text, int start)
    {
        var i = start;
        while (true)
        {
            var found = text.AsSpan(i).IndexOfAny(Suspects);
            if (found < 0)
                return -1;
            i += found;
            // A high surrogate followed by a low one is a pair (a letter outside the BMP), and normalizes.
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i += 2;
                continue;
            }
            return i;
        }
    }
}
