using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Muster.Dates;

namespace Muster.Html;

/// <summary>
/// Finds the stories a page links to: each headline link (in a heading, or marked as a title) with the item
/// around it — the largest ancestor that holds no other headline — giving its summary and date. On a listing
/// or front page these are the page's stories; beside an article they are its teasers. Readability-style
/// extractors glue such pages into one "article"; keeping each item apart keeps each claim with its own story.
/// </summary>
internal static partial class HtmlTeaserFinder
{
    /// <summary>A page never yields more teasers than this (infinite-scroll pages can hold thousands).</summary>
    public const int MaxTeasers = 200;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"title|headline|heading", RegexOptions.IgnoreCase)]
    private static partial Regex TitleHint();

    /// <summary>The teasers under <paramref name="body"/>, in page order, each with its headline link and its item.</summary>
    /// <param name="body">The page's body, already cleaned of navigation and furniture.</param>
    public static IReadOnlyList<(HtmlTeaser Teaser, IElement Link, IElement Item)> Find(IElement body)
    {
        var headlines = new List<(IElement Link, string Title)>();
        var seenUrls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in body.QuerySelectorAll("a[href]"))
        {
            if (!IsHeadline(link))
                continue;
            var title = Clean(link.TextContent);
            if (title.Length < 20 || CountWords(title) < 3)
                continue;
            var href = link.GetAttribute("href") ?? "";
            if (href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                continue;
            // The same story linked twice (image and headline) is one teaser.
            if (!seenUrls.Add(href))
                continue;
            headlines.Add((link, title));
            if (headlines.Count >= MaxTeasers)
                break;
        }
        if (headlines.Count == 0)
            return [];
        // How many headlines each ancestor holds, counted once per headline: an item is the largest ancestor
        // holding one.
        var held = new Dictionary<IElement, int>(ReferenceEqualityComparer.Instance);
        foreach (var (link, _) in headlines)
            for (var parent = link.ParentElement; parent is not null && parent != body; parent = parent.ParentElement)
                held[parent] = held.GetValueOrDefault(parent) + 1;
        var teasers = new List<(HtmlTeaser, IElement, IElement)>(headlines.Count);
        foreach (var (link, title) in headlines)
        {
            var item = link;
            for (var parent = link.ParentElement; parent is not null && parent != body && held[parent] == 1; parent = parent.ParentElement)
                item = parent;
            var summary = Summary(item, link, title);
            teasers.Add((new HtmlTeaser(StoryRole.Teaser, title, summary, link.GetAttribute("href"), DateOf(item)), link, item));
        }
        return teasers;
    }

    private static bool IsHeadline(IElement link)
    {
        for (var node = link; node is not null; node = node.ParentElement)
        {
            if (node.LocalName is "h1" or "h2" or "h3" or "h4" or "h5")
                return true;
            if (node.LocalName is "article" or "li" or "body")
                break;
            var hint = node.GetAttribute("class");
            if (!string.IsNullOrEmpty(hint) && TitleHint().IsMatch(hint))
                return true;
        }
        return false;
    }

    private static string? Summary(IElement item, IElement link, string title)
    {
        if (item == link)
            return null;
        foreach (var paragraph in item.QuerySelectorAll("p, div, span"))
        {
            if (paragraph.Contains(link) || link.Contains(paragraph) || paragraph.QuerySelector("p, div") is not null && paragraph.LocalName != "p")
                continue;
            var text = Clean(paragraph.TextContent);
            if (text.Length >= 40 && !text.Contains(title, StringComparison.Ordinal) && CountWords(text) >= 6)
                return text.Length > 600 ? text[..600] : text;
        }
        return null;
    }

    private static PartialDate? DateOf(IElement item)
    {
        // At the precision the page states, as the page's own date is read.
        return HtmlMetadata.Date(item.QuerySelector("time[datetime]")?.GetAttribute("datetime"));
    }

    private static string Clean(string text) => Whitespace().Replace(text, " ").Trim();

    private static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (!inWord)
                    words++;
                inWord = true;
            }
            else
            {
                inWord = false;
            }
        }
        return words;
    }
}
