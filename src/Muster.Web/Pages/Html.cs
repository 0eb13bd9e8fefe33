using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Muster.Web.Pages;

/// <summary>
/// Escaping for the server-rendered pages. Every text that came from a page is untrusted: it goes through
/// <see cref="E"/> (element content and quoted attributes) or <see cref="U"/> (a URL component), never raw.
/// </summary>
internal static class Html
{
    /// <summary>HTML-encodes text for element content or a double-quoted attribute.</summary>
    public static string E(string? text) => Encoder.Encode(text ?? "");

    // Cyrillic and typographic quotes stay readable; markup characters and controls are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Encodes a URL path segment or query value.</summary>
    public static string U(string? text) => Uri.EscapeDataString(text ?? "");

    /// <summary>The colour class of a claim type (see muster.css).</summary>
    public static string TypeClass(string type) => "t-" + type.Replace('_', '-');

    /// <summary>A claim type for people: "coerced volunteering".</summary>
    public static string TypeLabel(string type) => type.Replace('_', ' ');
}
