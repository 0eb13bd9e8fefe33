using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Muster.Html;

/// <summary>
/// Judges whether a page holds an article worth reading, or is a listing, front page, form or error page
/// (which give teasers, not an article).
/// <para>
/// The evidence is Readability.js's <c>isProbablyReaderable</c> score, read from the page as parsed: over the
/// visible <c>p</c>, <c>pre</c> and <c>article</c> elements and the <c>div</c>s that hold <c>br</c>s (text
/// broken into lines), skipping those whose class and id look like furniture and paragraphs inside list
/// items, every node with at least 140 characters of text adds √(length − 140). Readability calls a page
/// readerable when the sum passes 20. Muster also counts the <c>div</c>s Readability itself reads as
/// paragraphs when it extracts (those with nothing block-level inside), because many news pages, blogs on
/// Blogger among them, write their paragraphs that way and would otherwise show no evidence at all.
/// </para>
/// </summary>
public static partial class HtmlReaderable
{
    /// <summary>Readability's threshold: a page whose evidence is above this is probably readerable.</summary>
    public const double ReaderableScore = 20;

    /// <summary>Text shorter than this (after trimming) adds nothing to the evidence.</summary>
    public const int MinimumTextLength = 140;

    /// <summary>With too little evidence, a body whose paragraphs score above this (as the page is scored) is an article.</summary>
    public const double BodyScore = 15;

    /// <summary>
    /// With too little evidence, a body at least this long (about 200 words) still makes an article: pages
    /// that keep their paragraphs in list items or tables show little evidence, while form, product and error
    /// pages, whose evidence is as low, give the extractor far less text.
    /// </summary>
    public const int LongBody = 1200;

    /// <summary>Table cells or list items from which a body counts as data worth reading, whatever its length.</summary>
    public const int ManyRows = 30;

    /// <summary>The least text a dated page's body needs to be its article (a two-paragraph news item).</summary>
    public const int ShortArticle = 250;

    // Readability-readerable.js's own copies of Readability's patterns.
    [GeneratedRegex("-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Unlikely();

    [GeneratedRegex("and|article|body|column|content|main|shadow", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MaybeCandidate();

    // What makes a div more than a paragraph: Readability's block elements, and form controls, whose option
    // lists (a language switcher) are text but not prose.
    private static readonly HashSet<string> NotInParagraph = new(StringComparer.Ordinal)
    {
        "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "select", "form", "input", "textarea", "button", "nav",
    };

    /// <summary>
    /// Evidence read from the page as parsed, before the extractor removes anything: the larger, the more
    /// prose the page shows in paragraphs (Readability's score, summed over the whole page rather than
    /// stopped at the threshold, with divs used as paragraphs counted).
    /// </summary>
    public static double Assess(IDocument document) => Score(document, divParagraphs: true);

    /// <summary>The evidence, with or without the divs used as paragraphs (without: exactly Readability's score).</summary>
    internal static double Score(IDocument document, bool divParagraphs)
    {
        if (document.DocumentElement is not { } root)
            return 0;
        var walk = new Walker(divParagraphs);
        walk.Visit(root, insideListItem: false, depth: 0, out _);
        return walk.Score;
    }

    /// <summary>Decides from <see cref="Assess"/>'s evidence and the body the extractor found.</summary>
    /// <param name="evidence">What <see cref="Assess"/> measured on the page.</param>
    /// <param name="body">The paragraphs the extractor kept.</param>
    /// <param name="tabularLength">
    /// How much of the body was read from table cells and list items, when known (-1: unknown, count the whole
    /// body). Only such text makes a page an article by its length: a results table or a price list is read
    /// for its rows, while a page of short headed blurbs (a product tour) is not an article.
    /// </param>
    /// <param name="tabularBlocks">How many body blocks are table cells or list items: a table of many rows is data an
    /// analyst reads, however short each row.</param>
    /// <param name="dated">True when the page states its publication date in its metadata: it presents itself as an
    /// article (a news item), so a short body of a few paragraphs is still its article.</param>
    public static bool Decide(double evidence, IReadOnlyList<string> body, int tabularLength = -1, int tabularBlocks = 0, bool dated = false)
    {
        // Enough prose in paragraphs: an article, even when the extractor failed to find its container.
        if (evidence > ReaderableScore)
            return true;
        // Otherwise the body decides, scored as Readability scores a page: a short article (a breaking-news
        // item of two paragraphs) falls under the page's bar, but the extractor has already dropped the
        // furniture, so a lower bar serves; tables and lists of short lines need length instead.
        var score = 0.0;
        var length = 0;
        foreach (var block in body)
        {
            length += block.Length;
            if (block.Length >= MinimumTextLength)
                score += Math.Sqrt(block.Length - MinimumTextLength);
        }
        if (dated && length >= ShortArticle && body.Any(b => b.Length >= 80))
            return true;
        return score > BodyScore || (tabularLength < 0 ? length : tabularLength) >= LongBody || tabularBlocks >= ManyRows;
    }

    private sealed class Walker(bool divParagraphs)
    {
        public double Score;

        /// <summary>
        /// Adds the score of every counted node under <paramref name="element"/> and returns the shape of its
        /// text, so each node's trimmed length comes from its children's without reading any text twice.
        /// </summary>
        public TextShape Visit(IElement element, bool insideListItem, int depth, out bool holdsBlock)
        {
            var shape = TextShape.Empty;
            var holdsBreak = false;
            holdsBlock = false;
            var childrenInListItem = insideListItem || element.LocalName == "li";
            var children = element.ChildNodes;
            for (var i = 0; i < children.Length; i++)
            {
                switch (children[i])
                {
                    case IText text:
                        shape = shape.Append(TextShape.Of(text.Data));
                        break;
                    case IElement child when depth < HtmlArticleExtractor.MaxDepth:
                        holdsBreak |= child.LocalName == "br";
                        shape = shape.Append(Visit(child, childrenInListItem, depth + 1, out var childHoldsBlock));
                        holdsBlock |= childHoldsBlock || NotInParagraph.Contains(child.LocalName);
                        break;
                }
            }
            var counted = element.LocalName switch
            {
                "p" => !insideListItem,
                "pre" or "article" => true,
                "div" => holdsBreak || divParagraphs && !holdsBlock && !insideListItem,
                _ => false,
            };
            if (counted && shape.Trimmed >= MinimumTextLength && IsVisible(element) && !LooksUnlikely(element))
                Score += Math.Sqrt(shape.Trimmed - MinimumTextLength);
            return shape;
        }
    }

    private static bool LooksUnlikely(IElement element)
    {
        var hint = (element.GetAttribute("class") ?? "") + " " + (element.GetAttribute("id") ?? "");
        return hint.Length > 1 && Unlikely().IsMatch(hint) && !MaybeCandidate().IsMatch(hint);
    }

    /// <summary>
    /// Readability's visibility test, on the node alone: no <c>display: none</c> in its style, no
    /// <c>hidden</c> attribute, no <c>aria-hidden="true"</c> (except MediaWiki's fallback images).
    /// </summary>
    internal static bool IsVisible(IElement element)
    {
        if (element.HasAttribute("hidden"))
            return false;
        if (element.GetAttribute("aria-hidden") == "true" && element.GetAttribute("class")?.Contains("fallback-image", StringComparison.Ordinal) != true)
            return false;
        return element.GetAttribute("style") is not { } style || !Sets(style, "display", "none");
    }

    /// <summary>True when the inline <paramref name="style"/> sets <paramref name="property"/> to <paramref name="value"/>.</summary>
    internal static bool Sets(string style, string property, string value)
    {
        if (!style.Contains(property, StringComparison.OrdinalIgnoreCase))
            return false;
        var sets = false;
        foreach (var declaration in style.Split(';'))
        {
            var colon = declaration.IndexOf(':');
            if (colon < 0 || !declaration.AsSpan(0, colon).Trim().Equals(property, StringComparison.OrdinalIgnoreCase))
                continue;
            var setting = declaration.AsSpan(colon + 1).Trim();
            var important = setting.IndexOf('!');
            if (important >= 0)
                setting = setting[..important].TrimEnd();
            // The last declaration of a property wins, as in CSS.
            sets = setting.Equals(value, StringComparison.OrdinalIgnoreCase);
        }
        return sets;
    }

    /// <summary>A text's length with its leading and trailing whitespace, composable left to right.</summary>
    private readonly record struct TextShape(int Length, int Leading, int Trailing)
    {
        public static TextShape Empty => default;

        /// <summary>The length without leading and trailing whitespace.</summary>
        public int Trimmed => Leading == Length ? 0 : Length - Leading - Trailing;

        public static TextShape Of(string text)
        {
            var leading = 0;
            while (leading < text.Length && char.IsWhiteSpace(text[leading]))
                leading++;
            if (leading == text.Length)
                return new TextShape(text.Length, text.Length, text.Length);
            var trailing = 0;
            while (char.IsWhiteSpace(text[^(trailing + 1)]))
                trailing++;
            return new TextShape(text.Length, leading, trailing);
        }

        public TextShape Append(TextShape next)
        {
            if (next.Length == 0)
                return this;
            if (Length == 0)
                return next;
            var leading = Leading == Length ? Length + next.Leading : Leading;
            var trailing = next.Leading == next.Length ? Trailing + next.Length : next.Trailing;
            return new TextShape(Length + next.Length, leading, trailing);
        }
    }
}
