using System.Text;

namespace Muster.Reading;

/// <summary>
/// Normalizes decoded text: CRLF and lone CR become LF, a leading BOM character is dropped, and the text is
/// put in Unicode NFC. The result is the text every offset refers to.
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
        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }
}
