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

    /// <summary>
    /// A link to an address a page stated, or null when it is not an absolute http or https URL (a javascript:,
    /// data: or file address from a hostile page is never made a link). Opens without giving the target our window.
    /// </summary>
    public static string? ExternalLink(string? address, string? text = null)
    {
        if (string.IsNullOrWhiteSpace(address) || !Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            return null;
        return $"<a href=\"{E(uri.AbsoluteUri)}\" rel=\"noopener noreferrer\" target=\"_blank\">{E(text ?? uri.AbsoluteUri)}</a>";
    }

    /// <summary>The colour class of a claim type (see muster.css).</summary>
    public static string TypeClass(string type) => "t-" + type.Replace('_', '-');

    /// <summary>A claim type for people: "coerced volunteering".</summary>
    public static string TypeLabel(string type) => type.Replace('_', ' ');
}
