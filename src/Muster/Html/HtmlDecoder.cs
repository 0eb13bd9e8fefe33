using System.Text;
using System.Text.RegularExpressions;
using Muster.Reading;

namespace Muster.Html;

/// <summary>
/// Decodes an HTML page's bytes: a byte-order mark first, then a charset the container declared (an HTTP
/// header), then the <c>&lt;meta&gt;</c> charset in the first 1024 bytes (the HTML standard's prescan), then
/// detection from the bytes.
/// </summary>
public static partial class HtmlDecoder
{
    [GeneratedRegex("""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();

    /// <summary>Decodes <paramref name="bytes"/>, or says why it cannot.</summary>
    public static DecodeResult Decode(byte[] bytes, string? declaredCharset = null)
    {
        var charset = declaredCharset ?? Prescan(bytes);
        return PageDecoder.Decode(bytes, charset);
    }

    /// <summary>The charset a <c>&lt;meta&gt;</c> tag declares in the first 1024 bytes, or null.</summary>
    public static string? Prescan(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 1024)]);
        var match = MetaCharset().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }
}
