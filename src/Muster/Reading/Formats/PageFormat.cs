namespace Muster.Reading.Formats;

/// <summary>The formats Muster reads. <see cref="FormatSniffer"/> picks one from the bytes; <c>--format</c> overrides it.</summary>
public enum PageFormat
{
    /// <summary>A flattened text scrape: the article among teasers, bios and appeals.</summary>
    Text,
    /// <summary>An HTML page: article extraction, or a listing split into teasers.</summary>
    Html,
    /// <summary>An RSS 2.0 or Atom feed: each item a document.</summary>
    Feed,
    /// <summary>A Telegram Desktop channel export (<c>result.json</c>): each message a document.</summary>
    Telegram,
    /// <summary>A WARC file (<c>.warc</c> or <c>.warc.gz</c>): each HTTP response with HTML or text a document.</summary>
    Warc,
    /// <summary>JSON Lines of <c>{url, html | text, published}</c>: each line a document.</summary>
    JsonLines,
}

/// <summary>Names of formats as the command line and the JSON output spell them.</summary>
public static class PageFormatNames
{
    /// <summary>The lower-case name: text, html, feed, telegram, warc, jsonl.</summary>
    public static string Name(this PageFormat format) => format switch
    {
        PageFormat.Text => "text",
        PageFormat.Html => "html",
        PageFormat.Feed => "feed",
        PageFormat.Telegram => "telegram",
        PageFormat.Warc => "warc",
        PageFormat.JsonLines => "jsonl",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Parses a name given by a user (case-insensitive; <c>rss</c>, <c>atom</c> mean feed).</summary>
    public static bool TryParse(string name, out PageFormat format)
    {
        PageFormat? parsed = name.Trim().ToLowerInvariant() switch
        {
            "text" or "txt" => PageFormat.Text,
            "html" or "htm" => PageFormat.Html,
            "feed" or "rss" or "atom" => PageFormat.Feed,
            "telegram" => PageFormat.Telegram,
            "warc" => PageFormat.Warc,
            "jsonl" or "jsonlines" or "ndjson" => PageFormat.JsonLines,
            _ => null,
        };
        format = parsed ?? PageFormat.Text;
        return parsed is not null;
    }

    /// <summary>
    /// True for the containers read as a stream from the file, record by record, whatever the file's size: WARC
    /// (and .warc.gz), JSON Lines, feeds and Telegram exports. The others are read whole, under the page size limit.
    /// </summary>
    public static bool IsStreamed(PageFormat format) => format is PageFormat.Warc or PageFormat.JsonLines or PageFormat.Feed or PageFormat.Telegram;

    /// <summary>Every name <see cref="TryParse"/> accepts first, for help texts.</summary>
    public static readonly string[] All = ["text", "html", "feed", "telegram", "warc", "jsonl"];
}
