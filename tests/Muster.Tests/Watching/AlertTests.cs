using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Muster.Tests.Cli;
using Muster.Web;

namespace Muster.Tests.Watching;

/// <summary>
/// A saved query, a matching page served, and one alert on each channel (standard output, a webhook on loopback that
/// fails once first, a JSON Lines file), none on the next run; the query's Atom feed lists the match.
/// </summary>
public sealed class AlertTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-alerts-").FullName;
    private NewsServer _server = null!;
    private string Db => Path.Combine(_folder, "alerts.db");
    private string Jsonl => Path.Combine(_folder, "alerts.jsonl");

    public async ValueTask InitializeAsync()
    {
        _server = await NewsServer.StartAsync();
        _server.AddArticle("/articles/bridge", "The council agrees to repair the river bridge in spring", WatchRunner.Quiet(1));
        _server.RssItems.Add("/articles/bridge");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Sources()
    {
        var path = Path.Combine(_folder, "sources.yaml");
        File.WriteAllText(path, $"""
            contact: analyst@example.org
            allow_private_addresses: true
            delay: 50ms
            sources:
              - url: {_server.At("/feed.xml")}
                every: 15m
            """);
        return path;
    }

    [Fact]
    public async Task ANewMatchRaisesOneAlertPerChannelAndNoneOnTheNextRun()
    {
        var time = new MovableTime();
        var watch = new[] { "watch", Sources(), "--db", Db, "--once", "--webhook-backoff", "0.05" };
        Assert.Equal(0, WatchRunner.Run(time, watch).ExitCode);
        var add = CliRunner.Run("alerts", "add", "belgorod", "--type", "summons", "--place", "ru-bel", "--webhook", _server.At("/hook").AbsoluteUri,
            "--jsonl", Jsonl, "--db", Db);
        Assert.Equal(0, add.ExitCode);
        Assert.Contains("0 claims match already", add.Out);

        // A matching story is published; the receiver fails the first POST, so the alert is delivered on a retry.
        _server.AddArticle("/articles/summons", "Factory workers in Belgorod handed summonses", WatchRunner.Story("Belgorod region", 1));
        _server.RssItems.Add("/articles/summons");
        _server.HookFailuresLeft = 1;
        time.Offset = TimeSpan.FromHours(1);
        var run = WatchRunner.Run(time, watch);
        Assert.True(run.ExitCode == 0, run.Error);
        var printed = run.Out.Split('\n').Where(l => l.StartsWith("alert belgorod: claim ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(printed);
        var posts = _server.To("/hook").ToList();
        var delivered = posts.Select(p => p.IdempotencyKey).Distinct().Count();
        Assert.Equal(printed.Count, delivered);
        Assert.Equal(printed.Count + 1, posts.Count);
        var lines = File.ReadAllLines(Jsonl);
        Assert.Equal(printed.Count, lines.Length);
        foreach (var line in lines)
        {
            using var alert = JsonDocument.Parse(line);
            Assert.Equal("belgorod", alert.RootElement.GetProperty("query").GetString());
            Assert.Equal("summons", alert.RootElement.GetProperty("type").GetString());
            Assert.Contains("RU-BEL", alert.RootElement.GetProperty("places").EnumerateArray().Select(p => p.GetString()));
            Assert.EndsWith("/articles/summons", alert.RootElement.GetProperty("page").GetString());
        }
        using (var posted = JsonDocument.Parse(posts[^1].Body))
            Assert.Equal("belgorod", posted.RootElement.GetProperty("query").GetString());

        // The next run (the feed changed again, with a story that matches nothing) raises nothing anywhere.
        _server.AddArticle("/articles/bridge2", "The council publishes the plans for the river bridge", WatchRunner.Quiet(2));
        _server.RssItems.Add("/articles/bridge2");
        time.Offset = TimeSpan.FromHours(2);
        var next = WatchRunner.Run(time, watch);
        Assert.Equal(0, next.ExitCode);
        Assert.Contains("1 new", next.Out);
        Assert.DoesNotContain("alert ", next.Out);
        Assert.Equal(posts.Count, _server.To("/hook").Count());
        Assert.Equal(lines.Length, File.ReadAllLines(Jsonl).Length);

        // The saved query's Atom feed parses as Atom and lists the matches, linking to their stories.
        SqliteConnection.ClearAllPools();
        await using var web = new WebApplicationFactory<MusterWebOptions>().WithWebHostBuilder(b => b.UseSetting("db", Db));
        var client = web.CreateClient();
        var response = await client.GetAsync("/alerts/belgorod.atom", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var formatter = new Atom10FeedFormatter();
        using (var reader = XmlReader.Create(new StringReader(text)))
        {
            Assert.True(formatter.CanRead(reader));
            formatter.ReadFrom(reader);
        }
        var feed = formatter.Feed;
        Assert.Equal(printed.Count, feed.Items.Count());
        Assert.All(feed.Items, item => Assert.StartsWith("summons (asserted) in RU-BEL", item.Title.Text));
        Assert.All(feed.Items, item => Assert.Contains("/stories/", item.Links.Single().Uri.AbsoluteUri));
        // What RFC 4287 requires of a feed and of each entry: id, title, updated (and an author, given at the feed).
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var document = XDocument.Parse(text);
        Assert.Equal(atom + "feed", document.Root!.Name);
        foreach (var required in new[] { "id", "title", "updated", "author" })
            Assert.Single(document.Root.Elements(atom + required));
        Assert.All(document.Root.Elements(atom + "entry"), e =>
        {
            foreach (var required in new[] { "id", "title", "updated" })
                Assert.Single(e.Elements(atom + required));
            Assert.True(DateTimeOffset.TryParse(e.Element(atom + "updated")!.Value, out _));
        });
        var page = await client.GetStringAsync("/alerts", TestContext.Current.CancellationToken);
        Assert.Contains("belgorod", page);
        Assert.Contains("href=\"/alerts/belgorod.atom\"", page);
        Assert.Contains("summons (asserted) in RU-BEL", page);
        var missing = await client.GetAsync("/alerts/nope.atom", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void AlertCommandsRefuseTyposWithOneLine()
    {
        Assert.Equal(0, CliRunner.Run("alerts", "add", "tyumen", "--type", "summons", "--place", "RU-TYU", "--db", Db).ExitCode);
        var type = CliRunner.Run("alerts", "add", "other", "--type", "sumons", "--db", Db);
        Assert.Equal(2, type.ExitCode);
        Assert.Contains("--type: 'sumons' is not a claim type", type.Error);
        var name = CliRunner.Run("alerts", "add", "Bad Name", "--db", Db);
        Assert.Equal(2, name.ExitCode);
        Assert.Contains("is not a query name", name.Error);
        var twice = CliRunner.Run("alerts", "add", "tyumen", "--type", "summons", "--db", Db);
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("tyumen: a saved query of that name exists", twice.Error);
        var remove = CliRunner.Run("alerts", "remove", "tyumenn", "--db", Db);
        Assert.Equal(1, remove.ExitCode);
        Assert.Contains("tyumenn: no saved query of that name; saved: tyumen", remove.Error);
        var list = CliRunner.Run("alerts", "list", "--db", Db);
        Assert.StartsWith("tyumen\ttype=summons place=RU-TYU\tstdout\t0 matches", list.Out);
        Assert.Equal(0, CliRunner.Run("alerts", "remove", "tyumen", "--db", Db).ExitCode);
        Assert.Equal("", CliRunner.Run("alerts", "list", "--db", Db).Out);
    }
}
