using System.Text;
using Microsoft.Data.Sqlite;
using Muster.Cli;
using Muster.Storage;
using Muster.Watching;

namespace Muster.Tests.Watching;

/// <summary>A clock that runs with the system's but can be moved on, so a second run finds its sources due.</summary>
internal sealed class MovableTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

/// <summary>Runs <c>muster watch</c> in-process with a movable clock.</summary>
internal static class WatchRunner
{
    public static Cli.CliRunner.Result Run(MovableTime time, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, () => new MemoryStream(), Interactive: false, time);
        var code = CliApp.Run(args, context);
        return new Cli.CliRunner.Result(code, output.ToString(), error.ToString());
    }

    /// <summary>Four paragraphs of the outlet's own words about summonses in a region, different for each article.</summary>
    public static string[] Story(string place, int n) =>
    [
        $"Military enlistment officers handed summonses to dozens of men at two factories in {place} on Tuesday, workers told the paper in report {n}.",
        "The men were told they must appear at the enlistment office by the next morning, according to the workers, who asked not to be named.",
        $"Regional officials did not respond to a request for comment on the visits, the {n}th such account the paper has gathered this autumn.",
        "Lawyers who advise conscripts said that a summons handed over at work is valid only when the man signs for it, and that many had refused to sign.",
        "Relatives of the men said they had been given no time to settle their affairs, and that some had already been sent on to a training camp.",
    ];

    /// <summary>An article with no claim: a local council story.</summary>
    public static string[] Quiet(int n) =>
    [
        $"The town council met on Wednesday to discuss the repair of the river bridge, the {n}th meeting on the subject this year.",
        "Members agreed to ask for bids from builders before the end of the month and to publish the plans for residents to read.",
        "The mayor said the works would close the bridge to lorries for about six weeks in the spring, and that buses would be rerouted.",
    ];
}

/// <summary>
/// <c>muster watch</c> against a news site on loopback: what it stores, what it asks for and how, and what a second
/// run does (304s, nothing new).
/// </summary>
public sealed class WatchTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-watch-").FullName;
    private NewsServer _server = null!;
    private string Db => Path.Combine(_folder, "watch.db");

    public async ValueTask InitializeAsync()
    {
        _server = await NewsServer.StartAsync();
        for (var i = 1; i <= 2; i++)
        {
            _server.AddArticle($"/articles/rss{i}", $"Factory workers in Belgorod handed summonses, report {i}", WatchRunner.Story("Belgorod region", i));
            _server.RssItems.Add($"/articles/rss{i}");
            _server.AddArticle($"/articles/atom{i}", $"Summonses at the Kursk depot reach more workers, part {i}", WatchRunner.Story("Kursk region", 10 + i));
            _server.AtomEntries.Add($"/articles/atom{i}");
            _server.AddArticle($"/articles/listed{i}", $"Men in Voronezh region receive papers at their work, part {i}", WatchRunner.Story("Voronezh region", 20 + i));
            _server.ListingLinks.Add($"/articles/listed{i}");
        }
        _server.AddArticle("/private/secret", "A page the site does not want crawled by anyone", WatchRunner.Quiet(1));
        _server.ListingLinks.Add("/private/secret");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string SourcesFile(string extra = "", bool allowPrivate = true)
    {
        var path = Path.Combine(_folder, "sources.yaml");
        File.WriteAllText(path, $"""
            contact: analyst@example.org
            allow_private_addresses: {(allowPrivate ? "true" : "false")}
            delay: 50ms
            timeout: 1s
            max_bytes: 1000000
            sources:
              - url: {_server.At("/feed.xml")}
                every: 15m
              - url: {_server.At("/atom.xml")}
                every: 15m
                fetch_articles: true
              - url: {_server.At("/news/")}
                every: 1h
                outlet: Example Herald
            {extra}
            """);
        return path;
    }

    private string Awkward() => $"""
          - url: {_server.At("/slow")}
            every: 15m
          - url: {_server.At("/big")}
            every: 15m
          - url: {_server.At("/loop/1")}
            every: 15m
          - url: {_server.At("/limited")}
            every: 15m
        """;

    [Fact]
    public void AFirstRunStoresFeedsListingsAndArticlesPolitely_AndASecondStoresNothingAndGets304s()
    {
        var time = new MovableTime();
        var sources = SourcesFile(Awkward());
        var first = WatchRunner.Run(time, "watch", sources, "--db", Db, "--once");

        // Stored: the RSS items, the Atom entries' articles (the feed gives only summaries) and the listing's articles.
        using (var store = new SqliteRecordStore(Db))
        {
            var pages = store.ListStories(relevantOnly: false).Select(s => s.Source).Distinct().Order().ToList();
            var expected = new[] { "rss1", "rss2", "atom1", "atom2", "listed1", "listed2" }.Select(a => _server.At("/articles/" + a).AbsoluteUri).Order().ToList();
            Assert.True(expected.SequenceEqual(pages), first.Out + first.Error);
            Assert.Equal(6, store.Count().Documents);
            Assert.Contains(store.ListStories(false), s => s.Source.EndsWith("listed1", StringComparison.Ordinal) && s.Outlet == "Example Herald");
            Assert.NotEmpty(store.ListClaims(new ClaimFilter(Type: "summons", Place: "RU-KRS")));
        }
        Assert.Equal(1, first.ExitCode);
        Assert.Contains($"{_server.At("/feed.xml")}: 2 new", first.Out);
        Assert.Contains($"{_server.At("/news/")}: 2 new", first.Out);
        // One line each for the awkward answers, naming the reason.
        var errors = first.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(errors, e => e.Contains("/limited: failed: HTTP 429", StringComparison.Ordinal) && e.Contains("Retry-After", StringComparison.Ordinal));
        Assert.Single(errors, e => e.Contains("/slow: failed:", StringComparison.Ordinal) && e.Contains("(timeout)", StringComparison.Ordinal));
        Assert.Single(errors, e => e.Contains("/big: failed:", StringComparison.Ordinal) && e.Contains("over the cap of 1,000,000 bytes", StringComparison.Ordinal));
        Assert.Single(errors, e => e.Contains("/loop/1: failed: more than 5 redirects", StringComparison.Ordinal));
        Assert.Single(errors, e => e.Contains("/private/secret", StringComparison.Ordinal) && e.Contains("robots.txt", StringComparison.Ordinal));

        // What was asked: robots.txt once, nothing under /private/, six redirects and no seventh, and at least the delay
        // between any two requests to the host (one host here: every source is on it).
        var requests = _server.Requests.ToList();
        Assert.Single(requests, r => r.Path == "/robots.txt");
        Assert.DoesNotContain(requests, r => r.Path.StartsWith("/private/", StringComparison.Ordinal));
        Assert.Equal(6, requests.Count(r => r.Path.StartsWith("/loop/", StringComparison.Ordinal)));
        Assert.All(requests, r => Assert.Contains("Muster/", r.UserAgent));
        Assert.All(requests, r => Assert.Contains("analyst@example.org", r.UserAgent));
        var gaps = requests.Zip(requests.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.True(gaps.Min() >= TimeSpan.FromMilliseconds(48), $"two requests {gaps.Min().TotalMilliseconds} ms apart, under the 50 ms delay");

        // The 429's Retry-After (120 s) holds the source back at least that long.
        using (var state = new SqliteWatchState(Db))
        {
            var limited = state.Get(_server.At("/limited").AbsoluteUri)!;
            Assert.True(limited.NextDue >= limited.LastAttempt!.Value.AddSeconds(119), $"due {limited.NextDue}, fetched {limited.LastAttempt}");
            Assert.Equal(1, limited.Failures);
        }

        // Two hours on, everything is due: the feeds and the listing answer 304 to the validators sent, and nothing is stored.
        _server.Clear();
        time.Offset = TimeSpan.FromHours(2);
        var second = WatchRunner.Run(time, "watch", SourcesFile(), "--db", Db, "--once");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("", second.Error);
        Assert.Contains($"{_server.At("/feed.xml")}: unchanged (304 Not Modified)", second.Out);
        Assert.Contains($"{_server.At("/atom.xml")}: unchanged (304 Not Modified)", second.Out);
        Assert.Contains($"{_server.At("/news/")}: unchanged (304 Not Modified)", second.Out);
        var again = _server.Requests.ToList();
        Assert.Equal(["/atom.xml", "/feed.xml", "/news/"], again.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.NotNull(again.Single(r => r.Path == "/feed.xml").IfNoneMatch);
        Assert.NotNull(again.Single(r => r.Path == "/news/").IfNoneMatch);
        Assert.NotNull(again.Single(r => r.Path == "/atom.xml").IfModifiedSince);
        using var final = new SqliteRecordStore(Db);
        Assert.Equal(6, final.Count().Documents);
    }

    [Fact]
    public void ANewItemIsStoredAndTheSeenOnesAreNotFetchedAgain()
    {
        var time = new MovableTime();
        Assert.Equal(0, WatchRunner.Run(time, "watch", SourcesFile(), "--db", Db, "--once").ExitCode);
        _server.AddArticle("/articles/rss3", "Factory workers in Belgorod handed summonses, report 3", WatchRunner.Story("Belgorod region", 3));
        _server.RssItems.Add("/articles/rss3");
        _server.AddArticle("/articles/listed3", "Men in Voronezh region receive papers at their work, part 3", WatchRunner.Story("Voronezh region", 23));
        _server.ListingLinks.Add("/articles/listed3");
        _server.Clear();
        time.Offset = TimeSpan.FromHours(2);
        var second = WatchRunner.Run(time, "watch", SourcesFile(), "--db", Db, "--once");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"{_server.At("/feed.xml")}: 1 new, 0 already stored, 2 seen before", second.Out);
        Assert.Contains($"{_server.At("/news/")}: 1 new, 0 already stored, 3 seen before", second.Out);
        // Of the listing's articles, only the new one is asked for.
        Assert.Equal(["/articles/listed3"], _server.Requests.Select(r => r.Path).Where(p => p.StartsWith("/articles/", StringComparison.Ordinal)));
        using var store = new SqliteRecordStore(Db);
        Assert.Equal(8, store.Count().Documents);
    }

    [Fact]
    public void WithoutPermissionLoopbackIsRefusedAndNothingIsRequested()
    {
        var result = WatchRunner.Run(new MovableTime(), "watch", SourcesFile(allowPrivate: false), "--db", Db, "--once");
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(_server.Requests);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.Contains("127.0.0.1 is a loopback address (allow_private_addresses: true", l));
    }

    [Fact]
    public void SourcesThatAreNotDueAreNotFetched()
    {
        var time = new MovableTime();
        WatchRunner.Run(time, "watch", SourcesFile(), "--db", Db, "--once");
        _server.Clear();
        // Twenty minutes on: the feeds (every 15m) are due, the listing (every 1h) is not.
        time.Offset = TimeSpan.FromMinutes(20);
        var second = WatchRunner.Run(time, "watch", SourcesFile(), "--db", Db, "--once");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"{_server.At("/news/")}: not due until", second.Out);
        Assert.Empty(_server.To("/news/"));
        Assert.Single(_server.To("/feed.xml"));
    }

    [Fact]
    public void AFeedThatIsNotXmlIsNamedAndTheOtherSourcesGoOn()
    {
        var path = Path.Combine(_folder, "bad.yaml");
        File.WriteAllText(path, $"""
            contact: analyst@example.org
            allow_private_addresses: true
            delay: 50ms
            sources:
              - url: {_server.At("/articles/rss1")}
                kind: feed
              - url: {_server.At("/feed.xml")}
            """);
        var result = WatchRunner.Run(new MovableTime(), "watch", path, "--db", Db, "--once");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{_server.At("/articles/rss1")}: failed: not a feed: ", result.Error);
        Assert.Contains($"{_server.At("/feed.xml")}: 2 new", result.Out);
    }
}
