using Muster.Dates;

namespace Muster.Html;

/// <summary>What Muster reads from an HTML page: its metadata, its article's paragraphs and its teasers.</summary>
public sealed record HtmlArticle
{
    /// <summary>What the page states about itself: title, byline, date, site name, canonical URL, language, excerpt.</summary>
    public required HtmlMetadata Metadata { get; init; }
    /// <summary>True when the page holds an article worth reading; listing and front pages hold none.</summary>
    public bool Readerable { get; init; }
    /// <summary>The article's paragraphs (subheadings and list items included), furniture removed.</summary>
    public IReadOnlyList<string> Body { get; init; } = [];
    /// <summary>Links to other stories, with their summaries (a listing page's items, related stories).</summary>
    public IReadOnlyList<HtmlTeaser> Teasers { get; init; } = [];
    /// <summary>The body as one text, paragraphs separated by blank lines.</summary>
    public string BodyText => string.Join("\n\n", Body);
}

/// <summary>A story a page links to: its headline, its summary when shown, and where it leads.</summary>
/// <param name="Role">Teaser for a listing's items.</param>
/// <param name="Title">The headline.</param>
/// <param name="Summary">The summary shown under it, or null.</param>
/// <param name="Url">The link, or null.</param>
/// <param name="Published">A date shown with it.</param>
public sealed record HtmlTeaser(StoryRole Role, string Title, string? Summary, string? Url, PartialDate? Published);
