using Muster.Claims;
using Muster.Dates;

namespace Muster;

/// <summary>What part a story plays on its page.</summary>
public enum StoryRole
{
    /// <summary>The page's main story.</summary>
    Article,
    /// <summary>The headline of a linked story, perhaps with its first lines.</summary>
    Teaser,
    /// <summary>Another short news item on the page.</summary>
    Sidebar,
    /// <summary>A byline or an author's bio.</summary>
    Author,
}

/// <summary>A span of the page text: [<see cref="Start"/>, <see cref="End"/>) in UTF-16 code units.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    /// <summary>The number of code units covered.</summary>
    public int Length => End - Start;
}

/// <summary>
/// One story of a page: its role, title, the paragraphs of its body (page furniture removed) and where it
/// lies in the decoded text.
/// </summary>
public sealed record Story
{
    /// <summary>Stable id: the first 12 hex digits of the page's SHA-256, a dash, and the story's 1-based position.</summary>
    public required string Id { get; init; }
    /// <summary>The story's role on the page.</summary>
    public required StoryRole Role { get; init; }
    /// <summary>The headline the page shows for it, or null.</summary>
    public string? Title { get; init; }
    /// <summary>Where the headline lies in the page, when there is one.</summary>
    public TextSpan? TitleSpan { get; init; }
    /// <summary>The body's paragraphs as spans of the page text, in order.</summary>
    public required IReadOnlyList<TextSpan> Paragraphs { get; init; }
    /// <summary>The body: its paragraphs joined by blank lines.</summary>
    public required string Text { get; init; }
    /// <summary>Offset of the story's first character (its title, or else its body).</summary>
    public required int Start { get; init; }
    /// <summary>Offset just past the story's last character.</summary>
    public required int End { get; init; }
    /// <summary>The publication date where the page states one as such.</summary>
    public PartialDate? Published { get; init; }
    /// <summary>True when the story is about military mobilization (see the taxonomy).</summary>
    public bool Relevant { get; init; }
    /// <summary>The claims found in the story.</summary>
    public IReadOnlyList<Claim> Claims { get; init; } = [];
}

/// <summary>A page after the pipeline: its identity, outlet, language, text and stories.</summary>
public sealed record PageDocument
{
    /// <summary>The path or URL the page came from, as given.</summary>
    public required string Source { get; init; }
    /// <summary>Lower-case hex SHA-256 of the raw bytes.</summary>
    public required string Sha256 { get; init; }
    /// <summary>The outlet that published the page, when the page names itself; else null.</summary>
    public string? Outlet { get; init; }
    /// <summary>ISO 639-1 code of the page's main language (en, ru, uk), or null when unsure.</summary>
    public string? Language { get; init; }
    /// <summary>The encoding the bytes were decoded with.</summary>
    public required string Encoding { get; init; }
    /// <summary>The decoded, normalized text every offset refers to.</summary>
    public required string Text { get; init; }
    /// <summary>The raw size in bytes.</summary>
    public required long ByteLength { get; init; }
    /// <summary>The stories, in page order.</summary>
    public required IReadOnlyList<Story> Stories { get; init; }
    /// <summary>The format it was read as: text, html, feed, telegram, warc or jsonl.</summary>
    public string Format { get; init; } = "text";
    /// <summary>The page's own URL (canonical link, item link, message link, archived target URI), when known.</summary>
    public string? Url { get; init; }
    /// <summary>The page's title as its metadata or container states it, when known.</summary>
    public string? Title { get; init; }
    /// <summary>The author the page or its container names, when known.</summary>
    public string? Byline { get; init; }
    /// <summary>The publication date the page's metadata or container states, with its precision.</summary>
    public PartialDate? Published { get; init; }
    /// <summary>Relays the page passed through before reaching Muster (a Telegram forward's original channel).</summary>
    public IReadOnlyList<string> Via { get; init; } = [];
}
