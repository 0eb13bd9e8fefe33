using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Muster.Html;

/// <summary>
/// The author line a page shows, found as Readability.js finds it while it walks the page: the first element,
/// in document order, that is marked as the author (<c>rel="author"</c>, an <c>itemprop</c> naming the
/// author, a class or id with <c>byline</c>, <c>author</c>, <c>dateline</c> or <c>writtenby</c>) and holds
/// a short text (under 100 characters). Elements the walk would have removed first, with everything under
/// them, are not searched: hidden ones, dialogs, and containers whose class, id or role says furniture.
/// </summary>
public static partial class HtmlByline
{
    /// <summary>A byline is shorter than this many characters once trimmed.</summary>
    public const int MaxLength = 100;

    [GeneratedRegex("byline|author|dateline|writtenby|p-author", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylineHint();

    // Readability.js's own lists, as HtmlReaderable's.
    [GeneratedRegex("-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Unlikely();

    // The retry's narrower list: page headers and banners often hold the byline, comments and sidebars never do.
    [GeneratedRegex("-ad-|ai2html|breadcrumbs|combx|comment|community|disqus|footer|gdpr|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|ad-break|agegate|pagination|pager|popup|yom-remote", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Furniture();

    [GeneratedRegex("and|article|body|column|content|main|shadow", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MaybeCandidate();

    private static readonly HashSet<string> UnlikelyRoles = new(StringComparer.Ordinal)
    {
        "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
    };

    /// <summary>Which searches go on under an element.</summary>
    [Flags]
    private enum Search
    {
        None = 0,
        /// <summary>Readability's first pass, which drops furniture before looking inside.</summary>
        Strict = 1,
        /// <summary>Its retry, which keeps headers and banners.</summary>
        Loose = 2,
    }

    /// <summary>
    /// The page's author line: the first marked element of Readability's first pass or, when that pass finds
    /// none, of a second pass that also looks inside headers and banners (Readability's retry, which it makes
    /// when its first pass finds too little article; a page header is where many sites put the byline).
    /// </summary>
    /// <param name="root">The page's root element.</param>
    public static string? Find(IElement root)
    {
        string? strict = null;
        string? loose = null;
        Walk(root, 0, Search.Strict | Search.Loose, 0);
        return strict ?? loose;

        // tableDistance: how many levels up the nearest table or code ancestor is (0: none).
        void Walk(IElement element, int depth, Search searching, int tableDistance)
        {
            if (IsNeverText(element.LocalName) || IsHidden(element))
                return;
            if (IsMarked(element) && Of(element) is { } byline)
            {
                if (searching.HasFlag(Search.Strict))
                    strict = byline;
                loose ??= byline;
                return;
            }
            var nearTable = tableDistance is > 0 and <= 4;
            if (searching.HasFlag(Search.Strict) && IsUnlikely(element, nearTable))
                searching &= ~Search.Strict;
            if (loose is not null)
                searching &= ~Search.Loose;
            else if (searching.HasFlag(Search.Loose) && IsFurniture(element, nearTable))
                searching &= ~Search.Loose;
            if (searching == Search.None || depth >= HtmlArticleExtractor.MaxDepth)
                return;
            var childDistance = element.LocalName is "table" or "code" ? 1 : tableDistance > 0 ? tableDistance + 1 : 0;
            var children = element.ChildNodes;
            for (var i = 0; i < children.Length && strict is null; i++)
                if (children[i] is IElement child)
                    Walk(child, depth + 1, searching, childDistance);
        }
    }

    /// <summary>Elements whose content is never shown as text.</summary>
    internal static bool IsNeverText(string localName) => localName is "script" or "style" or "noscript" or "template";

    /// <summary>
    /// True when the walk drops <paramref name="element"/> with its subtree before looking at it: it is
    /// hidden, or is a modal dialog.
    /// </summary>
    public static bool IsHidden(IElement element)
    {
        if (!HtmlReaderable.IsVisible(element))
            return true;
        if (element.GetAttribute("style") is { } style && HtmlReaderable.Sets(style, "visibility", "hidden"))
            return true;
        return element.GetAttribute("aria-modal") == "true" && element.GetAttribute("role") == "dialog";
    }

    /// <summary>
    /// True when the walk drops <paramref name="element"/> with its subtree after looking at it for a byline:
    /// its class and id say furniture (unless they also say content, or it sits within four levels of a table
    /// or code), or its role says menu, navigation, complementary content or dialog.
    /// </summary>
    /// <param name="element">The element.</param>
    /// <param name="nearTable">True when a table or code element is among its four nearest ancestors.</param>
    public static bool IsUnlikely(IElement element, bool nearTable) => Drops(element, nearTable, Unlikely());

    /// <summary>
    /// As <see cref="IsUnlikely"/>, for the second search (Readability's retry when its first pass found too
    /// little): headers, banners and supplements stay, comments, sidebars, menus and footers still go.
    /// </summary>
    public static bool IsFurniture(IElement element, bool nearTable) => Drops(element, nearTable, Furniture());

    private static bool Drops(IElement element, bool nearTable, Regex unlikely)
    {
        if (element.GetAttribute("role") is { } role && UnlikelyRoles.Contains(role))
            return true;
        if (nearTable || element.LocalName is "body" or "a")
            return false;
        var hint = Hint(element);
        return hint.Length > 1 && unlikely.IsMatch(hint) && !MaybeCandidate().IsMatch(hint);
    }

    /// <summary>True when <paramref name="element"/> is marked as holding the author.</summary>
    public static bool IsMarked(IElement element)
    {
        if (element.GetAttribute("rel") == "author")
            return true;
        if (element.GetAttribute("itemprop") is { } itemprop && itemprop.Contains("author", StringComparison.Ordinal))
            return true;
        var hint = Hint(element);
        return hint.Length > 1 && BylineHint().IsMatch(hint);
    }

    /// <summary>
    /// The byline <paramref name="element"/> holds, whitespace normalized, or null when its text is empty or
    /// too long to be one.
    /// </summary>
    public static string? TextOf(IElement element)
    {
        var text = new StringBuilder();
        var visible = 0;
        return Append(element, 0) && visible > 0 ? Valid(text.ToString()) : null;

        // Stops as soon as the text has too many visible characters to be a byline.
        bool Append(INode node, int depth)
        {
            var children = node.ChildNodes;
            for (var i = 0; i < children.Length; i++)
            {
                switch (children[i])
                {
                    case IText t:
                        foreach (var c in t.Data)
                            if (!char.IsWhiteSpace(c) && ++visible >= MaxLength)
                                return false;
                        text.Append(t.Data);
                        break;
                    case IElement e when !IsNeverText(e.LocalName) && depth < HtmlArticleExtractor.MaxDepth:
                        if (!Append(e, depth + 1))
                            return false;
                        break;
                }
            }
            return true;
        }
    }

    /// <summary>The text under <paramref name="element"/>, without scripts and styles, whitespace normalized.</summary>
    public static string TextWithoutScripts(IElement element)
    {
        var text = new StringBuilder();
        Append(element, 0);
        return HtmlTitle.Normalize(text.ToString());

        void Append(INode node, int depth)
        {
            var children = node.ChildNodes;
            for (var i = 0; i < children.Length; i++)
            {
                if (children[i] is IText t)
                    text.Append(t.Data);
                else if (children[i] is IElement e && !IsNeverText(e.LocalName) && depth < HtmlArticleExtractor.MaxDepth)
                    Append(e, depth + 1);
            }
        }
    }

    /// <summary>
    /// The byline of a marked <paramref name="element"/>: the text of the first element inside it whose
    /// <c>itemprop</c> names the author's name (a byline often adds a date or "By"), else its whole text;
    /// null when that is empty or too long.
    /// </summary>
    public static string? Of(IElement element)
    {
        if (TextOf(element) is not { } whole)
            return null;
        return NameInside(element, 0) is { } name && TextOf(name) is { } named ? named : whole;

        static IElement? NameInside(IElement parent, int depth)
        {
            var children = parent.ChildNodes;
            for (var i = 0; i < children.Length; i++)
            {
                if (children[i] is not IElement child || depth >= HtmlArticleExtractor.MaxDepth)
                    continue;
                if (child.GetAttribute("itemprop") is { } itemprop && itemprop.Contains("name", StringComparison.Ordinal))
                    return child;
                if (NameInside(child, depth + 1) is { } found)
                    return found;
            }
            return null;
        }
    }

    /// <summary><paramref name="text"/> whitespace normalized when it can be a byline (not empty, under 100 characters), else null.</summary>
    public static string? Valid(string? text)
    {
        if (text is null)
            return null;
        var trimmed = text.Trim();
        if (trimmed.Length is 0 or >= MaxLength)
            return null;
        return HtmlTitle.Normalize(trimmed);
    }

    private static string Hint(IElement element) => (element.GetAttribute("class") ?? "") + " " + (element.GetAttribute("id") ?? "");
}
