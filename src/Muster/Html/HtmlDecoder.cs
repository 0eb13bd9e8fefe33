using Muster.Reading;

namespace Muster.Html;

/// <summary>
/// Decodes an HTML page's bytes as the HTML standard's encoding sniffing does: a byte-order mark first, then a
/// charset the container declared (an HTTP header), then the <c>&lt;meta&gt;</c> charset the prescan finds in the
/// first 1,024 bytes, then in a wider window (pages that put long scripts first declare late), then detection
/// from the bytes.
/// </summary>
public static class HtmlDecoder
{
    /// <summary>Decodes <paramref name="bytes"/>, or says why it cannot.</summary>
    public static DecodeResult Decode(byte[] bytes, string? declaredCharset = null)
    {
        var charset = declaredCharset ?? Prescan(bytes);
        return PageDecoder.Decode(bytes, charset);
    }

    /// <summary>The charset a <c>&lt;meta&gt;</c> tag declares in the first 1,024 bytes, else in the first 64 KB, or null.</summary>
    public static string? Prescan(ReadOnlySpan<byte> bytes) =>
        HtmlCharsetPrescan.Find(bytes, HtmlCharsetPrescan.StandardWindow)
        ?? (bytes.Length > HtmlCharsetPrescan.StandardWindow ? HtmlCharsetPrescan.Find(bytes, HtmlCharsetPrescan.WiderWindow) : null);
}
