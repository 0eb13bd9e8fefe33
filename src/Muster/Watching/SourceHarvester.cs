using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Muster.Html;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Reading.Formats;

namespace Muster.Watching;

/// <summary>One new item of a source, fetched and ready for the pipeline.</summary>
/// <param name="Key">What identifies it among the source's items: its link, else its content's hash.</param>
/// <param name="Source">The document source it is stored under.</param>
/// <param name="Analyse">Runs the pipeline on it (on the ingest writer's reading thread).</param>
internal sealed record HarvestItem(string Key, string Source, Func<PageOutcome> Analyse);

/// <summary>What fetching one source gave: its answer, its new items, and the problems met on the way.</summary>
internal sealed record Harvest(WatchSource Source, FetchResult Answer)
{
    public List<HarvestItem> Items { get; } = [];

    /// <summary>Items not seen before that could not be fetched: tried again on the next run.</summary>
    public List<(string Source, string Error)> Missed { get; } = [];

    /// <summary>Notes about items passed over (a feed item with neither title nor content).</summary>
    public List<(string Source, string Note)> Notes { get; } = [];

    /// <summary>Items not fetched because robots.txt disallows them: remembered, and not asked for again.</summary>
    public List<string> Disallowed { get; } = [];

    public int Seen { get; set; }

    /// <summary>Why the source itself failed (not fetched, not a feed, a feed that breaks), if it did.</summary>
    public string? Error { get; set; }
}

/// <summary>
/// Fetches one source and finds its new items: a feed's items (with their articles when the feed gives only
/// summaries and the source asks for them), or the articles a listing page links to. Items seen on earlier runs are
/// skipped before anything more is fetched.
/// </summary>
internal sealed partial class SourceHarvester(PoliteFetcher fetcher, IWatchState state, MusterPipeline pipeline)
{
    private const string FeedAccept = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5";
    private const string PageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

    /// <summary>A feed item with less text than this is a summary: with fetch_articles, its link is read instead.</summary>
    public const int SummaryCharacters = 1200;

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    public async Task<Harvest> HarvestAsync(WatchSource source, Validators? validators, CancellationToken cancel)
    {
        var answer = await fetcher.FetchAsync(source.Url, validators, source.Kind == SourceKind.Listing ? PageAccept : FeedAccept, cancel);
        var harvest = new Harvest(source, answer);
        if (answer.Status == FetchStatus.Failed)
        {
            harvest.Error = answer.Error;
            return harvest;
        }
        if (answer.Status == FetchStatus.NotModified)
            return harvest;
        var kind = source.Kind ?? KindOf(answer);
        if (kind is null)
        {
            harvest.Error = $"holds neither a feed nor an HTML page (Content-Type {answer.MediaType ?? "not given"}); say kind: feed or kind: listing to read it as one";
            return harvest;
        }
        if (kind == SourceKind.Feed)
            await FeedAsync(harvest, cancel);
        else
            await ListingAsync(harvest, cancel);
        return harvest;
    }

    private static SourceKind? KindOf(FetchResult answer)
    {
        var type = answer.MediaType ?? "";
        if (type.Contains("rss", StringComparison.Ordinal) || type.Contains("atom", StringComparison.Ordinal) || type is "application/xml" or "text/xml")
            return SourceKind.Feed;
        if (type is "text/html" or "application/xhtml+xml")
            return SourceKind.Listing;
        return FormatSniffer.Sniff(answer.FinalUrl!.AbsolutePath, answer.Body).Format switch
        {
            PageFormat.Feed => SourceKind.Feed,
            PageFormat.Html => SourceKind.Listing,
            _ => null,
        };
    }

    private async Task FeedAsync(Harvest harvest, CancellationToken cancel)
    {
        var source = harvest.Source;
        var records = new List<(string Key, SourceRecord Record)>();
        var url = harvest.Answer.FinalUrl!.AbsoluteUri;
        foreach (var record in new FeedReader().Read(new PageInput(url, harvest.Answer.Body, null)))
        {
            if (record.Content is null)
            {
                // A failure at the feed's level (not XML, not a feed, XML that breaks) ends it: the items before stand.
                if (record.Source == url)
                {
                    harvest.Error = records.Count == 0 ? $"not a feed: {record.Error}" : record.Error;
                    break;
                }
                harvest.Notes.Add((record.Source, $"passed over: {record.Error}"));
                continue;
            }
            records.Add((record.Url ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(record.Content)), record));
        }
        var seen = state.Seen(source.Url.AbsoluteUri, records.Select(r => r.Key).ToList());
        foreach (var (key, record) in records.DistinctBy(r => r.Key))
        {
            if (seen.Contains(key))
            {
                harvest.Seen++;
                continue;
            }
            if (source.FetchArticles && record.Url is { } link && SummaryOnly(record) && Uri.TryCreate(link, UriKind.Absolute, out var article)
                && article.Scheme is "http" or "https")
            {
                await ArticleAsync(harvest, key, article, cancel);
                continue;
            }
            var outlet = source.Outlet;
            harvest.Items.Add(new HarvestItem(key, record.Source, () => pipeline.Process(record, outlet)));
        }
    }

    private static bool SummaryOnly(SourceRecord record) =>
        Tag().Replace(Encoding.UTF8.GetString(record.Content!), " ").Trim().Length < SummaryCharacters;

    private async Task ListingAsync(Harvest harvest, CancellationToken cancel)
    {
        var page = harvest.Answer.FinalUrl!;
        var decoded = PageDecoder.Decode(harvest.Answer.Body, harvest.Answer.Charset);
        if (decoded.Page is not { } text)
        {
            harvest.Error = $"cannot read the listing: {decoded.Error}";
            return;
        }
        var links = new List<Uri>();
        foreach (var teaser in new HtmlArticleExtractor().Extract(text.Text, page.AbsoluteUri).Teasers)
        {
            // Only the listing's own site: a listing's links to other sites are advertising and partners, not its news.
            if (teaser.Url is null || !Uri.TryCreate(page, teaser.Url, out var link) || link.Scheme is not ("http" or "https")
                || !string.Equals(link.IdnHost, page.IdnHost, StringComparison.OrdinalIgnoreCase))
                continue;
            links.Add(new UriBuilder(link) { Fragment = "" }.Uri);
        }
        links = links.DistinctBy(l => l.AbsoluteUri).ToList();
        if (links.Count == 0)
        {
            harvest.Error = "the listing links to no stories on its site (no headline links found; is it an article, or a feed?)";
            return;
        }
        var seen = state.Seen(harvest.Source.Url.AbsoluteUri, links.Select(l => l.AbsoluteUri).ToList());
        foreach (var link in links)
        {
            if (seen.Contains(link.AbsoluteUri))
            {
                harvest.Seen++;
                continue;
            }
            await ArticleAsync(harvest, link.AbsoluteUri, link, cancel);
        }
    }

    private async Task ArticleAsync(Harvest harvest, string key, Uri link, CancellationToken cancel)
    {
        var answer = await fetcher.FetchAsync(link, null, PageAccept, cancel);
        if (answer.Disallowed)
        {
            harvest.Disallowed.Add(key);
            harvest.Notes.Add((link.AbsoluteUri, $"not fetched: {answer.Error}"));
            return;
        }
        if (answer.Status != FetchStatus.Fetched)
        {
            harvest.Missed.Add((link.AbsoluteUri, answer.Error ?? "not fetched"));
            return;
        }
        var input = new PageInput(link.AbsoluteUri, answer.Body, null) { Url = answer.FinalUrl!.AbsoluteUri };
        var outlet = harvest.Source.Outlet;
        harvest.Items.Add(new HarvestItem(key, link.AbsoluteUri, () => pipeline.Process(input, outlet)));
    }
}
