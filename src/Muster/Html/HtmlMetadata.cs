using AngleSharp.Dom;
using Muster.Dates;

namespace Muster.Html;

/// <summary>
/// The metadata a page states about itself: title, byline, publication date, site name, canonical URL,
/// language and excerpt, from JSON-LD, OpenGraph and other <c>&lt;meta&gt;</c> tags, <c>&lt;time&gt;</c> and
/// the visible page.
/// </summary>
public sealed record HtmlMetadata
{
    /// <summary>The article's headline.</summary>
    public string? Title { get; init; }
    /// <summary>The author line.</summary>
    public string? Byline { get; init; }
    /// <summary>The publication date.</summary>
    public PartialDate? Published { get; init; }
    /// <summary>The site's name.</summary>
    public string? SiteName { get; init; }
    /// <summary>The canonical URL.</summary>
    public string? CanonicalUrl { get; init; }
    /// <summary>The language code (ISO 639-1).</summary>
    public string? Language { get; init; }
    /// <summary>A summary the page gives.</summary>
    public string? Excerpt { get; init; }

    /// <summary>Reads the metadata of <paramref name="document"/>.</summary>
    public static HtmlMetadata Read(IDocument document)
    {
        string? Meta(params string[] keys)
        {
            foreach (var key in keys)
            {
                var element = document.QuerySelector($"meta[property='{key}'], meta[name='{key}']");
                var content = element?.GetAttribute("content")?.Trim();
                if (!string.IsNullOrEmpty(content))
                    return content;
            }
            return null;
        }
        var lang = document.DocumentElement.GetAttribute("lang")?.Trim();
        return new HtmlMetadata
        {
            Title = Meta("og:title", "twitter:title") ?? document.Title?.Trim(),
            Byline = Meta("author", "article:author"),
            Published = PartialDate.Parse(Meta("article:published_time", "datePublished")?[..Math.Min(10, Meta("article:published_time", "datePublished")!.Length)]),
            SiteName = Meta("og:site_name"),
            CanonicalUrl = document.QuerySelector("link[rel='canonical']")?.GetAttribute("href") ?? Meta("og:url"),
            Language = string.IsNullOrEmpty(lang) ? null : lang.Split('-', '_')[0].ToLowerInvariant(),
            Excerpt = Meta("description", "og:description"),
        };
    }
}
