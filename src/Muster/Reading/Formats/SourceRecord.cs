using Muster.Dates;

namespace Muster.Reading.Formats;

/// <summary>What a record's <see cref="SourceRecord.Content"/> holds.</summary>
public enum ContentKind
{
    /// <summary>Plain or flattened text.</summary>
    Text,
    /// <summary>HTML markup (a whole page, or a fragment such as a feed item's content).</summary>
    Html,
}

/// <summary>
/// One document a format reader found in an input: a whole text or HTML page, a feed item, a Telegram
/// message, a WARC response or a JSON line; or the one-line reason that record could not be read.
/// </summary>
public sealed record SourceRecord
{
    /// <summary>
    /// Where the record came from: the input's path for a single page; for a record inside a container, the
    /// record's own URL when it has one (item link, message link, target URI), else the path with a
    /// <c>#</c> locator (for example <c>feed.xml#item-3</c>, <c>result.json#message-12</c>, <c>pages.jsonl#line-4</c>).
    /// </summary>
    public required string Source { get; init; }

    /// <summary>The record's bytes (HTML or text), when it was read; its SHA-256 is the document's identity.</summary>
    public byte[]? Content { get; init; }

    /// <summary>What <see cref="Content"/> holds.</summary>
    public ContentKind Kind { get; init; }

    /// <summary>A charset the container declared for the content (an HTTP header, a feed's XML declaration), or null to detect it.</summary>
    public string? Charset { get; init; }

    /// <summary>
    /// True when the content is one story (a feed item, a message): it becomes one article, not split by the
    /// segmenter.
    /// </summary>
    public bool SingleStory { get; init; }

    /// <summary>The format of the container it came from.</summary>
    public PageFormat Format { get; init; }

    /// <summary>The record's URL (item link, message link, WARC target URI), when known.</summary>
    public string? Url { get; init; }

    /// <summary>The title the container gives (feed item title), when any.</summary>
    public string? Title { get; init; }

    /// <summary>The author the container names, when any.</summary>
    public string? Author { get; init; }

    /// <summary>The outlet or channel that published it, when the container names it.</summary>
    public string? Outlet { get; init; }

    /// <summary>The publication date the container gives, with its precision.</summary>
    public PartialDate? Published { get; init; }

    /// <summary>Relays the record passed through (a Telegram forward's original channel), nearest first.</summary>
    public IReadOnlyList<string> Via { get; init; } = [];

    /// <summary>
    /// A one-line warning about a record that was read (text the container held that was not valid, replaced), or
    /// null; the record stands, and the pipeline passes the warning on with the document.
    /// </summary>
    public string? Warning { get; init; }

    /// <summary>Why this record could not be read; the other records of the input go on.</summary>
    public string? Error { get; init; }

    /// <summary>A failed record.</summary>
    public static SourceRecord Failed(string source, PageFormat format, string error) =>
        new() { Source = source, Format = format, Error = error };
}
