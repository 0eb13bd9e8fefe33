using System.Text;

namespace Muster.Html;

/// <summary>
/// Bounds how deeply a page's elements nest before the page is parsed. An HTML5 parser checks the stack of open
/// elements at every tag ("is there a p in button scope?"), so 100,000 nested <c>&lt;div&gt;</c>s cost it time that
/// grows with the square of the depth; and text nested deeper than the article walk goes is lost. Tags past
/// <see cref="Limit"/> levels are dropped here, in one pass, and their text kept where the last kept level holds it.
/// </summary>
/// <remarks>
/// Hand-written because the parser (AngleSharp) has no depth option and the limit must hold before it runs. The scan
/// is a tag counter, not a parser: elements that an end tag may be left out of (p, li, td…) and void elements are
/// not counted, so ordinary pages, however sloppy, never come near the limit and pass through unchanged.
/// </remarks>
public static class HtmlNesting
{
    /// <summary>The deepest nesting kept: below the article walk's <see cref="HtmlArticleExtractor.MaxDepth"/>.</summary>
    public const int Limit = HtmlArticleExtractor.MaxDepth - 50;

    private static readonly HashSet<string> Uncounted = new(StringComparer.OrdinalIgnoreCase)
    {
        // Void elements: never opened.
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        // Elements whose end tag may be left out: a page full of unclosed ones is ordinary, not deep.
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rp", "colgroup", "caption",
        "html", "head", "body",
    };

    // Elements whose content is raw text: their "tags" are not tags.
    private static readonly string[] RawText = ["script", "style", "textarea", "title", "xmp", "noscript"];

    /// <summary>
    /// <paramref name="html"/> with every tag nested deeper than <paramref name="limit"/> levels replaced by a space,
    /// or the same string when none is; <paramref name="dropped"/> counts the tags dropped.
    /// </summary>
    public static string Flatten(string html, out int dropped, int limit = Limit)
    {
        dropped = 0;
        StringBuilder? output = null;
        var copied = 0;
        var depth = 0;
        var i = 0;
        while (i < html.Length)
        {
            var open = html.IndexOf('<', i);
            if (open < 0 || open + 1 >= html.Length)
                break;
            if (string.CompareOrdinal(html, open, "<!--", 0, 4) == 0)
            {
                var endComment = html.IndexOf("-->", open + 4, StringComparison.Ordinal);
                i = endComment < 0 ? html.Length : endComment + 3;
                continue;
            }
            var closing = html[open + 1] == '/';
            var nameStart = open + (closing ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
                nameEnd++;
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i = open + 1; // "<!doctype", "<?xml", a lone "<": not an element tag
                continue;
            }
            var tagEnd = TagEnd(html, nameEnd);
            var name = html.AsSpan(nameStart, nameEnd - nameStart).ToString();
            var selfClosing = tagEnd > 1 && html[tagEnd - 2] == '/';
            var drop = false;
            if (!Uncounted.Contains(name) && !selfClosing)
            {
                if (closing)
                {
                    drop = depth > limit;
                    depth = Math.Max(0, depth - 1);
                }
                else
                {
                    depth++;
                    drop = depth > limit;
                }
            }
            if (drop)
            {
                output ??= new StringBuilder(html.Length);
                output.Append(html, copied, open - copied).Append(' ');
                copied = tagEnd;
                dropped++;
            }
            i = tagEnd;
            // Skip raw text to its end tag, so that "<div>" inside a script is not counted.
            if (!closing && Array.FindIndex(RawText, r => r.Equals(name, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                var end = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = end < 0 ? html.Length : end;
            }
        }
        if (output is null)
            return html;
        output.Append(html, copied, html.Length - copied);
        return output.ToString();
    }

    // The end of a tag: the '>' outside quoted attribute values, or the end of the page.
    private static int TagEnd(string html, int from)
    {
        char? quote = null;
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (quote is { } q)
            {
                if (c == q)
                    quote = null;
            }
            else if (c is '"' or '\'')
                quote = c;
            else if (c == '>')
                return i + 1;
        }
        return html.Length;
    }
}
