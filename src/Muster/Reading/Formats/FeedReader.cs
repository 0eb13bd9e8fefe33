using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Muster.Reading.Formats;

/// <summary>
/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item or entry becomes one story-sized record with its
/// title, link, publication date, author and content (or summary), and the feed's title as the outlet.
/// <para>
/// The feed is read as a stream, item by item, so a feed whose XML breaks half-way still gives the items
/// before the break, then one error naming the line and position. No DTD is processed and no external
/// resource is fetched, so entity expansion ("billion laughs") and external entities cannot happen.
/// </para>
/// </summary>
public sealed partial class FeedReader : IFormatReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace ContentModule = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    // A feed's XML declaration may name a single-byte Cyrillic charset; System.Xml finds it through this provider.
    static FeedReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [GeneratedRegex(@"<(?:[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9]*\s*)>|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")]
    private static partial Regex Markup();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\s*\S+@\S+\s*\((?<name>[^()]+)\)\s*$")]
    private static partial Regex EmailWithName();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex XmlPosition();

    /// <inheritdoc />
    public PageFormat Format => PageFormat.Feed;

    /// <inheritdoc />
    public IEnumerable<SourceRecord> Read(PageInput input)
    {
        if (!input.Success)
        {
            yield return SourceRecord.Failed(input.Source, Format, input.Error ?? "cannot read");
            yield break;
        }
        var settings = new XmlReaderSettings
        {
            // Ignore rather than Prohibit: old RSS 0.91 feeds carry a DOCTYPE, and ignoring it reads them while
            // still expanding nothing it declares (an entity it declares is then an undeclared-entity error).
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };
        // Read as a stream, item by item, from the file or the bytes: a feed of any size holds one item at a time.
        using var xml = XmlReader.Create(input.OpenStream(), settings);
        var feed = new FeedState(input.Source);
        while (true)
        {
            SourceRecord? record;
            var stop = false;
            try
            {
                record = Next(xml, feed);
            }
            catch (Exception e) when (e is XmlException or ArgumentException or NotSupportedException or InvalidOperationException)
            {
                record = SourceRecord.Failed(input.Source, Format, Describe(e, feed));
                stop = true;
            }
            if (record is null)
                yield break;
            yield return record;
            if (stop)
                yield break;
        }
    }

    private sealed class FeedState(string source)
    {
        public string Source { get; } = source;
        public bool Started;
        public string? Outlet;
        public string? Link;
        public int Items;
        // The local name of the open element at each depth, to know whose child a <title> is.
        public readonly List<string> Path = [];
    }

    /// <summary>The next item's record, or null at the end of the feed.</summary>
    private SourceRecord? Next(XmlReader xml, FeedState feed)
    {
        if (!feed.Started)
        {
            feed.Started = true;
            if (xml.MoveToContent() != XmlNodeType.Element)
                return SourceRecord.Failed(feed.Source, Format, "holds no XML element, so no feed");
            var root = xml.LocalName;
            if (root is not ("rss" or "RDF" or "feed"))
                return SourceRecord.Failed(feed.Source, Format, $"is XML but not a feed: its root element is <{xml.Name}>, not <rss>, <rdf:RDF> or <feed>");
            Enter(feed, xml);
            if (!xml.Read())
                return null;
        }
        while (!xml.EOF)
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
                continue;
            }
            Enter(feed, xml);
            var parent = xml.Depth > 0 ? feed.Path[xml.Depth - 1] : null;
            var isItem = xml.LocalName == "item" && (xml.NamespaceURI.Length == 0 || xml.NamespaceURI == Rss1.NamespaceName)
                || xml.LocalName == "entry" && xml.NamespaceURI == Atom.NamespaceName;
            if (isItem)
            {
                var item = (XElement)XNode.ReadFrom(xml);
                feed.Items++;
                return Item(item, feed);
            }
            var isFeedLevel = parent is "channel" || parent is "feed" && xml.Depth == 1;
            if (isFeedLevel && xml.LocalName is "title" && feed.Outlet is null)
            {
                var title = (XElement)XNode.ReadFrom(xml);
                feed.Outlet = NullIfBlank(TextOf(title).Text);
                continue;
            }
            if (isFeedLevel && xml.LocalName is "link" && feed.Link is null)
            {
                var link = (XElement)XNode.ReadFrom(xml);
                feed.Link = LinkOf([link]);
                continue;
            }
            xml.Read();
        }
        return null;
    }

    private static void Enter(FeedState feed, XmlReader xml)
    {
        while (feed.Path.Count > xml.Depth)
            feed.Path.RemoveAt(feed.Path.Count - 1);
        feed.Path.Add(xml.LocalName);
    }

    private SourceRecord Item(XElement item, FeedState feed)
    {
        var atom = item.Name.Namespace == Atom;
        var ns = item.Name.Namespace;
        var title = Child(item, ns + "title") is { } t ? NullIfBlank(Plain(TextOf(t))) : null;
        var url = Absolute(LinkOf(item.Elements(ns + "link").Concat(item.Elements(Atom + "link"))), feed.Link)
            ?? PermaLink(item.Element(ns + "guid"))
            ?? Absolute((string?)item.Attribute(Rdf + "about"), feed.Link);
        var published = atom
            ? RecordDates.FromIso(Value(item, Atom + "published")) ?? RecordDates.FromIso(Value(item, Atom + "updated"))
            : RecordDates.FromFeed(Value(item, ns + "pubDate"));
        published ??= RecordDates.FromIso(Value(item, DublinCore + "date"));
        var author = atom ? AtomAuthors(item) : RssAuthor(Value(item, ns + "author"));
        author ??= NullIfBlank(Value(item, DublinCore + "creator"));
        // The fullest text the item carries: RSS's content module, Atom's content, then the description or summary.
        (string Text, bool Html)? content = null;
        foreach (var candidate in new[] { Child(item, ContentModule + "encoded"), Child(item, Atom + "content"), Child(item, ns + "description"), Child(item, Atom + "summary") })
        {
            if (candidate is null || candidate.Attribute("src") is not null)
                continue;
            var text = TextOf(candidate, rss: !atom);
            if (text.Known && !string.IsNullOrWhiteSpace(text.Text))
            {
                content = (text.Text, text.Html);
                break;
            }
        }
        var locator = $"{feed.Source}#item-{feed.Items}";
        if (content is null && title is null)
            return SourceRecord.Failed(locator, Format, $"item {feed.Items}{(url is null ? "" : $" ({url})")} holds neither a title nor any content");
        var identity = url ?? NullIfBlank(Value(item, ns + "guid")) ?? NullIfBlank(Value(item, Atom + "id"));
        return new SourceRecord
        {
            Source = url ?? locator,
            Content = Encoding.UTF8.GetBytes(Fragment(identity, title, content)),
            Kind = ContentKind.Html,
            Charset = "utf-8",
            SingleStory = true,
            Format = Format,
            Url = url,
            Title = title,
            Author = author,
            Outlet = feed.Outlet,
            Published = published,
        };
    }

    /// <summary>
    /// The item's content as an HTML fragment that opens with a comment naming the item.
    /// </summary>
    /// <remarks>
    /// A document's identity is the SHA-256 of its content, and the content is what gets decoded and extracted,
    /// so it stays the item's own text. But a feed item is more than that text: its title becomes the story's
    /// title and its link names it. Different items often share a body — a feed whose every summary is "Read
    /// more on our site", two live-blog entries with one summary, an item with no body at all — and a feed
    /// fetched again tomorrow brings new items with yesterday's boilerplate. Hashed alone, each would be taken
    /// for the first such item and dropped as unchanged. The opening comment names the item (its link, guid or
    /// id, and its title): extraction never sees a comment, the hash now covers what the document is, and the
    /// same item read twice (two fetches, two feeds of one outlet) still keeps one identity. Plain-text content
    /// (Atom's default, an RSS description without markup) is carried the same way, a <c>&lt;p&gt;</c> per
    /// paragraph, so it has somewhere to put the comment; extraction gives back the same paragraphs.
    /// </remarks>
    internal static string Fragment(string? identity, string? title, (string Text, bool Html)? content)
    {
        var builder = new StringBuilder();
        builder.Append("<!-- feed item: ").Append(CommentSafe(identity ?? "")).Append(" | ").Append(CommentSafe(title ?? "")).Append(" -->\n");
        if (content is { } c)
        {
            if (c.Html)
                builder.Append(c.Text);
            else
                foreach (var paragraph in TextBlocks.Paragraphs(c.Text))
                    builder.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>\n");
        }
        return builder.ToString();
    }

    // "--" may not appear inside an XML/HTML comment, and ">" right after it would close the comment early.
    private static string CommentSafe(string text) =>
        text.Replace("--", "- -", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').TrimEnd('-');

    private static XElement? Child(XElement element, XName name) => element.Element(name);

    private static string? Value(XElement element, XName name) => element.Element(name)?.Value;

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// The text of an element, and whether it is HTML. Atom says so with <c>type</c>; RSS does not, and its
    /// elements hold escaped HTML as often as plain text, so markup in the text decides.
    /// </summary>
    private static (string Text, bool Html, bool Known) TextOf(XElement element, bool rss = false)
    {
        var type = ((string?)element.Attribute("type"))?.Trim().ToLowerInvariant();
        switch (type)
        {
            case "xhtml" or "application/xhtml+xml":
                // The XHTML is inline, wrapped in one <div>: its children are the content.
                var div = element.Elements(Xhtml + "div").FirstOrDefault() ?? element;
                return (string.Concat(div.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting))), true, true);
            case "html" or "text/html":
                return (element.Value, true, true);
            case "text" or "text/plain":
                return (element.Value, false, true);
            case null or "":
                var value = element.Value;
                // Atom's default type is text, but feeds that leave it out and put markup in are common too.
                return (value, Markup().IsMatch(value), true);
            default:
                // Another media type (XML, base64 data): not text Muster reads. An RSS element with a stray
                // type attribute is still read.
                return rss ? (element.Value, Markup().IsMatch(element.Value), true) : ("", false, false);
        }
    }

    /// <summary>A title as plain text: markup removed and entities decoded when it holds HTML.</summary>
    private static string Plain((string Text, bool Html, bool Known) text)
    {
        var value = text.Html ? WebUtility.HtmlDecode(Tag().Replace(text.Text, " ")) : text.Text;
        return Whitespace().Replace(value, " ").Trim();
    }

    /// <summary>The item's link: an RSS <c>&lt;link&gt;</c>'s text, or an Atom link that is the alternate (HTML) page.</summary>
    private static string? LinkOf(IEnumerable<XElement> links)
    {
        string? best = null;
        foreach (var link in links)
        {
            var href = (string?)link.Attribute("href");
            if (href is null)
            {
                if (NullIfBlank(link.Value) is { } text)
                    return text;
                continue;
            }
            var rel = ((string?)link.Attribute("rel"))?.Trim() ?? "alternate";
            if (rel != "alternate" || string.IsNullOrWhiteSpace(href))
                continue;
            var type = (string?)link.Attribute("type");
            if (type is null || type.Contains("html", StringComparison.OrdinalIgnoreCase))
                return href.Trim();
            best ??= href.Trim();
        }
        return best;
    }

    private static string? PermaLink(XElement? guid)
    {
        if (guid is null || string.Equals((string?)guid.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase))
            return null;
        var value = guid.Value.Trim();
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? value : null;
    }

    private static string? Absolute(string? href, string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href))
            return null;
        href = href.Trim();
        // A scheme makes a link absolute; Uri alone would take "/news/1" for an absolute file path on Unix.
        if (Scheme().IsMatch(href))
            return href;
        return baseUrl is not null && Uri.TryCreate(baseUrl, UriKind.Absolute, out var root) && Uri.TryCreate(root, href, out var resolved)
            ? resolved.ToString()
            : null;
    }

    private static string? AtomAuthors(XElement entry)
    {
        var names = entry.Elements(Atom + "author").Select(a => NullIfBlank(a.Element(Atom + "name")?.Value)).OfType<string>().ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    /// <summary>RSS's <c>&lt;author&gt;</c> is an e-mail address, often with the name in brackets: the name is kept.</summary>
    private static string? RssAuthor(string? author)
    {
        if (NullIfBlank(author) is not { } value)
            return null;
        var match = EmailWithName().Match(value);
        return match.Success ? match.Groups["name"].Value.Trim() : value;
    }

    private static string Describe(Exception e, FeedState feed)
    {
        var read = feed.Items == 0 ? "" : $" after item {feed.Items}";
        if (e is XmlException xml)
        {
            // XmlException's message ends with its own "Line n, position m."; it is said once, up front.
            var reason = XmlPosition().Replace(xml.Message, "");
            return OneLine($"invalid XML at line {xml.LineNumber}, position {xml.LinePosition}{read}: {reason}");
        }
        return OneLine($"cannot read the feed{read}: {e.Message}");
    }

    private static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();
}
