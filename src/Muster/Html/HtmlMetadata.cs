using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Muster.Dates;

namespace Muster.Html;

/// <summary>
/// The metadata a page states about itself: title, byline, publication date, site name, canonical URL,
/// language and excerpt, from JSON-LD, OpenGraph and other <c>&lt;meta&gt;</c> tags, <c>&lt;time&gt;</c> and
/// the visible page.
/// <para>
/// Sources are ranked as Readability.js ranks them, so Muster agrees with the reader views people know:
/// the title from JSON-LD, then Dublin Core, OpenGraph, <c>&lt;meta name=title&gt;</c>, Twitter and Parse.ly
/// tags, then the <c>&lt;title&gt;</c> with the site's name cut off (<see cref="HtmlTitle"/>); the byline
/// from JSON-LD, then Dublin Core, <c>&lt;meta name=author&gt;</c> and Parse.ly tags, then the page's own
/// author line (<see cref="HtmlByline"/>). Dates, the canonical URL and the language, which Readability
/// reads less of, also come from microdata, <c>&lt;time&gt;</c>, <c>&lt;link rel=canonical&gt;</c> and
/// <c>&lt;html lang&gt;</c>. The page is read in one walk.
/// </para>
/// </summary>
public sealed partial record HtmlMetadata
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

    // Readability.js's patterns: a property holds a space-separated list, a name one key.
    [GeneratedRegex(@"\s*(article|dc|dcterms?|og|twitter)\s*:\s*(author|creator|description|published_time|title|site_name)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PropertyKey();

    [GeneratedRegex(@"^\s*(?:(dc|dcterms?|og|twitter|parsely|weibo:(article|webpage))\s*[-\.:]\s*)?(author|creator|pub-date|description|title|site_name)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NameKey();

    [GeneratedRegex(@"&(quot|amp|apos|lt|gt);|&#(?:x([0-9a-f]+)|([0-9]+));", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Entity();

    [GeneratedRegex(@"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:$|[T\s]|[+-]\d{2}:?\d{2}$|Z$)", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<!\d)(?:19|20|21)\d{2}(?!\d)")]
    private static partial Regex FourDigits();

    private const int MaxKeyLength = 200;

    /// <summary>Meta names and properties that give a publication date, beyond Readability's own.</summary>
    private static readonly HashSet<string> DateKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "datepublished", "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.issued", "dcterms.created",
        "og:published_time", "article.published", "article:published", "publish-date", "publishdate", "publish_date",
        "pubdate", "publication_date", "date", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
    };

    /// <summary>Reads the metadata of <paramref name="document"/>.</summary>
    public static HtmlMetadata Read(IDocument document)
    {
        var scan = new Scan();
        if (document.DocumentElement is { } root)
            scan.Walk(root, depth: 0);
        var jsonLd = HtmlMetadataJsonLd.Read(scan.JsonLd);
        var values = scan.Values;
        string? Value(params string[] keys)
        {
            foreach (var key in keys)
                if (values.TryGetValue(key, out var value) && value.Length > 0)
                    return value;
            return null;
        }

        // The <title>'s headline is needed only when no tag gives one, or to choose between JSON-LD's two.
        var pageTitle = new Lazy<string>(() => HtmlTitle.FromTitle(
            scan.TitleText ?? "",
            () => scan.Headings.Select(HtmlByline.TextWithoutScripts),
            () => scan.H1Count == 1 && scan.FirstH1 is { } h1 ? HtmlByline.TextWithoutScripts(h1) : null));
        var title = JsonLdTitle(jsonLd, pageTitle)
            ?? Value("dc:title", "dcterm:title", "dcterms:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title", "twitter:title", "parsely-title")
            ?? MicrodataHeadline(scan)
            ?? pageTitle.Value;
        // article:author is meant to be a link to the author's profile; only a name is a byline.
        var articleAuthor = Value("article:author") is { } author && !author.Contains("://", StringComparison.Ordinal) && !author.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? author : null;
        var byline = jsonLd?.Byline ?? Value("dc:creator", "dcterm:creator", "dcterms:creator", "author", "parsely-author") ?? articleAuthor;
        var excerpt = jsonLd?.Description
            ?? Value("dc:description", "dcterm:description", "dcterms:description", "og:description", "weibo:article:description", "weibo:webpage:description", "description", "twitter:description");
        var siteName = jsonLd?.Publisher ?? Value("og:site_name");
        var published = Date(jsonLd?.DatePublished) ?? Date(Value("article:published_time", "parsely-pub-date")) ?? Date(scan.ItempropDate)
            ?? Date(scan.MetaDate) ?? Date(scan.TimePublished)
            // A <time> inside the page's one <article> dates it; on a listing each <article> is another story's.
            ?? (scan.ArticleCount == 1 ? Date(scan.TimeInArticle) : null);
        return new HtmlMetadata
        {
            Title = Clean(title),
            // The page's own author line is looked for only when no tag names the author: it takes a second walk.
            Byline = Clean(byline) ?? (document.DocumentElement is { } page ? HtmlByline.Find(page) : null),
            Published = published,
            SiteName = Clean(siteName),
            CanonicalUrl = Canonical(scan),
            Language = LanguageCode(scan.HtmlLanguage) ?? LanguageCode(scan.MetaLanguage) ?? LanguageCode(scan.Extra.GetValueOrDefault("og:locale")),
            Excerpt = Clean(excerpt),
        };
    }

    /// <summary>
    /// The microdata headline (<c>itemprop="headline"</c>) when the page's <c>&lt;title&gt;</c> contains it:
    /// then it is the headline without the site's name, cut more surely than <see cref="HtmlTitle"/> cuts; a
    /// headline the title lacks may be a teaser's.
    /// </summary>
    private static string? MicrodataHeadline(Scan scan) =>
        scan.ItempropHeadline is { } headline && HtmlTitle.Normalize(headline) is { Length: > 0 } normalized
        && scan.TitleText?.Contains(normalized, StringComparison.Ordinal) == true
            ? normalized
            : null;

    /// <summary>
    /// The JSON-LD title: the headline when the object's <c>name</c> and <c>headline</c> differ and only the
    /// headline resembles the page's title (some sites put their own name in <c>name</c>), else the name.
    /// </summary>
    private static string? JsonLdTitle(HtmlMetadataJsonLd? jsonLd, Lazy<string> pageTitle)
    {
        if (jsonLd is null)
            return null;
        if (jsonLd is { Name: { } name, Headline: { } headline } && name != headline)
        {
            var nameMatches = Similarity(name, pageTitle.Value) > 0.75;
            var headlineMatches = Similarity(headline, pageTitle.Value) > 0.75;
            return headlineMatches && !nameMatches ? headline : name;
        }
        return jsonLd.Name ?? jsonLd.Headline;
    }

    /// <summary>
    /// How much of <paramref name="b"/> is in <paramref name="a"/>: 1 minus the share (by length) of
    /// <paramref name="b"/>'s words that <paramref name="a"/> lacks (Readability's text similarity).
    /// </summary>
    internal static double Similarity(string a, string b)
    {
        var tokensA = Tokens(a);
        var tokensB = Tokens(b);
        if (tokensA.Length == 0 || tokensB.Length == 0)
            return 0;
        var setA = new HashSet<string>(tokensA, StringComparer.Ordinal);
        var unique = tokensB.Where(t => !setA.Contains(t)).ToArray();
        var distance = (double)string.Join(' ', unique).Length / string.Join(' ', tokensB).Length;
        return 1 - distance;

        static string[] Tokens(string text) => WordSplit().Split(text.ToLowerInvariant()).Where(t => t.Length > 0).ToArray();
    }

    [GeneratedRegex(@"[^\p{L}\p{Nd}_]+")]
    private static partial Regex WordSplit();

    /// <summary>
    /// Decodes the entities left in a value (many sites escape their meta tags twice) and normalizes its
    /// whitespace; null when nothing is left.
    /// </summary>
    private static string? Clean(string? value)
    {
        if (value is null)
            return null;
        if (value.Contains('&'))
            value = Entity().Replace(value, m => m.Groups[1].Success
                ? m.Groups[1].Value.ToLowerInvariant() switch { "quot" => "\"", "amp" => "&", "apos" => "'", "lt" => "<", _ => ">" }
                : CodePoint(m.Groups[2].Success ? int.TryParse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) ? hex : 0
                    : int.TryParse(m.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var dec) ? dec : 0));
        var normalized = HtmlTitle.Normalize(value);
        return normalized.Length == 0 ? null : normalized;

        static string CodePoint(int value) =>
            value is <= 0 or > 0x10FFFF or >= 0xD800 and <= 0xDFFF ? "\uFFFD" : char.ConvertFromUtf32(value);
    }

    /// <summary>
    /// The date <paramref name="text"/> states, at the precision it states: an ISO date or timestamp as
    /// written (its local date, not converted to UTC), an RFC 1123 date, or a date written out in words.
    /// </summary>
    internal static PartialDate? Date(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var iso = IsoDate().Match(text);
        if (iso.Success)
        {
            var inv = CultureInfo.InvariantCulture;
            return PartialDate.Create(
                int.Parse(iso.Groups[1].Value, inv),
                iso.Groups[2].Success ? int.Parse(iso.Groups[2].Value, inv) : null,
                iso.Groups[3].Success ? int.Parse(iso.Groups[3].Value, inv) : null);
        }
        // Only a text that states its year: the parser would take a time alone ("12:06 PM") for today.
        if (FourDigits().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
            return PartialDate.Create(parsed.Year, parsed.Month, parsed.Day);
        foreach (var mention in DateRecognizer.Find(text))
            if (!mention.Relative && mention.Date.Year is not null)
                return mention.Date;
        return null;
    }

    private static string? Canonical(Scan scan)
    {
        foreach (var candidate in new[] { scan.Canonical, scan.Extra.GetValueOrDefault("og:url") })
        {
            if (string.IsNullOrWhiteSpace(candidate))
                continue;
            var href = candidate.Trim();
            if (Uri.TryCreate(href, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
                return absolute.ToString();
            // A relative link resolves against the page's own address when the page states one.
            var baseHref = scan.BaseHref ?? scan.Extra.GetValueOrDefault("og:url");
            if (baseHref is not null && Uri.TryCreate(baseHref.Trim(), UriKind.Absolute, out var baseUri)
                && (baseUri.Scheme == Uri.UriSchemeHttp || baseUri.Scheme == Uri.UriSchemeHttps) && Uri.TryCreate(baseUri, href, out var resolved))
                return resolved.ToString();
        }
        return null;
    }

    /// <summary>The ISO 639-1 code of a language tag (<c>en-GB</c>, <c>pt_BR</c>, <c>FR</c>), or null.</summary>
    internal static string? LanguageCode(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
            return null;
        var primary = tag.Trim().Split('-', '_', ',', ';', ' ')[0].ToLowerInvariant();
        return primary.Length == 2 && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }

    /// <summary>What one walk over the page collects.</summary>
    private sealed class Scan
    {
        public string? TitleText;
        public readonly List<IElement> Headings = [];
        public IElement? FirstH1;
        public int H1Count;
        public readonly List<string> JsonLd = [];
        // Readability's table of meta values, by normalized key (og:title, dc:creator, author, parsely-title).
        public readonly Dictionary<string, string> Values = new(StringComparer.Ordinal);
        // og:url and og:locale, which Readability does not read: the first tag wins.
        public readonly Dictionary<string, string> Extra = new(StringComparer.Ordinal);
        public string? Canonical;
        public string? BaseHref;
        public string? HtmlLanguage;
        public string? MetaLanguage;
        public string? ItempropHeadline;
        public string? ItempropDate;
        public string? MetaDate;
        public string? TimePublished;
        public string? TimeInArticle;
        public int ArticleCount; // article elements on the page
        private int _articles; // how many article elements enclose the element being read

        /// <param name="element">The element to read, with its subtree.</param>
        /// <param name="depth">Its depth in the page.</param>
        public void Walk(IElement element, int depth)
        {
            var tag = element.LocalName;
            switch (tag)
            {
                case "html" when depth == 0:
                    HtmlLanguage = element.GetAttribute("lang") ?? element.GetAttribute("xml:lang");
                    break;
                case "meta":
                    Meta(element);
                    return;
                case "title" when TitleText is null && element.NamespaceUri == AngleSharp.Dom.NamespaceNames.HtmlUri:
                    TitleText = HtmlTitle.Normalize(element.TextContent);
                    return;
                case "script":
                    if (string.Equals(element.GetAttribute("type")?.Trim(), "application/ld+json", StringComparison.OrdinalIgnoreCase))
                        JsonLd.Add(element.TextContent);
                    return;
                case "style" or "template" or "noscript":
                    return;
                case "link":
                    Link(element);
                    return;
                case "base":
                    BaseHref ??= element.GetAttribute("href");
                    return;
                case "h1":
                    FirstH1 ??= element;
                    H1Count++;
                    Headings.Add(element);
                    break;
                case "h2":
                    Headings.Add(element);
                    break;
                case "time":
                    Time(element);
                    break;
                case "article":
                    _articles++;
                    ArticleCount++;
                    break;
            }
            if (element.GetAttribute("itemprop") is { } itemprop)
                Itemprop(element, itemprop);

            if (depth < HtmlArticleExtractor.MaxDepth)
            {
                var children = element.ChildNodes;
                for (var i = 0; i < children.Length; i++)
                    if (children[i] is IElement child)
                        Walk(child, depth + 1);
            }
            if (tag == "article")
                _articles--;
        }

        private void Meta(IElement element)
        {
            var content = element.GetAttribute("content");
            if (string.IsNullOrEmpty(content))
                return;
            // Keys are short; a long one is junk, and would cost the key patterns time.
            var name = element.GetAttribute("name") is { Length: <= MaxKeyLength } n ? n : null;
            var property = element.GetAttribute("property") is { Length: <= MaxKeyLength } p ? p : null;
            var matched = false;
            if (!string.IsNullOrEmpty(property))
            {
                var match = PropertyKey().Match(property);
                if (match.Success)
                {
                    matched = true;
                    Set(Key(match.Value), content.Trim());
                }
                else if (property.Trim().ToLowerInvariant() is ("og:url" or "og:locale") and var key)
                {
                    Extra.TryAdd(key, content.Trim());
                }
                if (DateKeys.Contains(property.Trim()))
                    MetaDate ??= content;
            }
            if (!matched && !string.IsNullOrEmpty(name) && NameKey().IsMatch(name))
                Set(Key(name).Replace('.', ':'), content.Trim());
            if (!string.IsNullOrEmpty(name))
            {
                if (DateKeys.Contains(name.Trim()))
                    MetaDate ??= content;
                else if (name.Trim().Equals("language", StringComparison.OrdinalIgnoreCase) || name.Trim().Equals("dc.language", StringComparison.OrdinalIgnoreCase))
                    MetaLanguage ??= content;
            }
            if (element.GetAttribute("http-equiv") is { } equiv && equiv.Trim().Equals("content-language", StringComparison.OrdinalIgnoreCase))
                MetaLanguage ??= content;
            if (element.GetAttribute("itemprop") is { } itemprop)
                Itemprop(element, itemprop);

            static string Key(string raw) => string.Concat(raw.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        }

        /// <summary>
        /// Records a meta value; as in Readability the last tag with a key wins, except that when one value
        /// extends the other (a plugin's second <c>og:title</c> with the site's name appended) the shorter stays.
        /// </summary>
        private void Set(string key, string value)
        {
            if (Values.TryGetValue(key, out var earlier) && earlier.Length < value.Length
                && (value.StartsWith(earlier, StringComparison.Ordinal) || value.EndsWith(earlier, StringComparison.Ordinal)))
                return;
            Values[key] = value;
        }

        private void Link(IElement element)
        {
            var rel = element.GetAttribute("rel");
            if (Canonical is null && rel is not null && rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("canonical", StringComparer.OrdinalIgnoreCase))
                Canonical = element.GetAttribute("href");
        }

        private void Time(IElement element)
        {
            var datetime = element.GetAttribute("datetime");
            if (string.IsNullOrWhiteSpace(datetime))
                return;
            if (element.HasAttribute("pubdate"))
                TimePublished ??= datetime;
            else if (_articles > 0)
                TimeInArticle ??= datetime;
        }

        private void Itemprop(IElement element, string itemprop)
        {
            foreach (var property in itemprop.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (property == "headline" && ItempropHeadline is null)
                    ItempropHeadline = element.GetAttribute("content") ?? HtmlByline.TextWithoutScripts(element);
                else if (property == "datePublished" && ItempropDate is null)
                    ItempropDate = element.GetAttribute("content") ?? element.GetAttribute("datetime") ?? (element.LocalName == "abbr" ? element.GetAttribute("title") : null) ?? element.TextContent;
            }
        }
    }
}
