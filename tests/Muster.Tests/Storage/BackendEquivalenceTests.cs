using System.Text.Json;
using Muster.Export;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Reading.Formats;
using Muster.Storage;
using Muster.Storage.Sql;
using Muster.Tests.Storage.Backends;

namespace Muster.Tests.Storage;

/// <summary>
/// The same pages stored in the same order give the same record on SQLite and on PostgreSQL: the same stories and
/// claims (ids and every field, as the JSON contract prints them), events, counts, pages and totals of every filter.
/// </summary>
public sealed class BackendEquivalenceTests(PostgresServer server) : IDisposable
{
    private readonly SqliteBackend _sqlite = new();
    private readonly PostgresBackend _postgres = new(server);

    public void Dispose()
    {
        _sqlite.Dispose();
        _postgres.Dispose();
    }

    private static void Fill(SqlRecordStore store)
    {
        var pipeline = new MusterPipelineBuilder().UseClaims().Build();
        var readers = new FormatReaders();
        var files = Directory.GetFiles(SharedFolder.Samples, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        foreach (var file in files)
            foreach (var input in readers.Read(new PageInput(file, File.ReadAllBytes(file), null)))
                if (pipeline.Process(input) is { Success: true, Document: { } document })
                    store.Save(document, DateTimeOffset.UnixEpoch);
    }

    private static string Stories(IEnumerable<StoredStory> stories) => DocumentJson.Array(stories, (w, s) => DocumentJson.WriteStory(w, s.Story, extra =>
    {
        extra.WriteString("source", s.Source);
        extra.WriteString("outlet", s.Outlet);
        extra.WriteNumber("version", s.Version);
    }));

    private static string Claims(ResultPage<StoredClaim> page) =>
        $"{page.Total} {page.TotalIsExact} " + DocumentJson.Array(page.Items, (w, c) => DocumentJson.WriteClaim(w, c.Claim, extra =>
        {
            extra.WriteNumber("id", c.Id);
            extra.WriteString("story", c.StoryId);
            extra.WriteString("event", c.EventId);
            extra.WriteString("storyPublished", c.StoryPublished);
        }));

    public static TheoryData<string, ClaimFilter> Filters => new()
    {
        { "every claim", new ClaimFilter() },
        { "a type", new ClaimFilter(Type: "summons") },
        { "a stance", new ClaimFilter(Stance: "denied") },
        { "a country", new ClaimFilter(Place: "UA") },
        { "a region and a type", new ClaimFilter(Type: "summons", Place: "UA-23") },
        { "a date range", new ClaimFilter(Since: "2023", Until: "2024-06") },
        { "words of the evidence, the last a prefix", new ClaimFilter(Text: "summons serv") },
        { "a source", new ClaimFilter(SourceText: "governor") },
        { "text with no word", new ClaimFilter(Text: "--") },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void BothBackendsHoldTheSameRecord(string reason, ClaimFilter filter)
    {
        using var sqlite = _sqlite.Open();
        using var postgres = _postgres.Open();
        Fill(sqlite);
        Fill(postgres);

        Assert.Equal(sqlite.Count(), postgres.Count());
        Assert.True(sqlite.Count().Claims > 0);
        Assert.Equal(Stories(sqlite.ListStories(false)), Stories(postgres.ListStories(false)));
        Assert.True(Claims(sqlite.QueryClaims(filter, 0, 10_000)) == Claims(postgres.QueryClaims(filter, 0, 10_000)), reason);
        Assert.True(Claims(sqlite.QueryClaims(filter, 3, 5)) == Claims(postgres.QueryClaims(filter, 3, 5)), reason + ", a page");
        var storiesA = sqlite.QueryStories(true, filter, 1, 4);
        var storiesB = postgres.QueryStories(true, filter, 1, 4);
        Assert.Equal((storiesA.Total, Stories(storiesA.Items)), (storiesB.Total, Stories(storiesB.Items)));
        Assert.Equal(Rounded(sqlite.CountPlaces(filter)), Rounded(postgres.CountPlaces(filter)));
        Assert.Equal(sqlite.Timeline(filter), postgres.Timeline(filter));
    }

    [Fact]
    public void BothBackendsLinkTheSameEventsAndClusters()
    {
        using var sqlite = _sqlite.Open();
        using var postgres = _postgres.Open();
        Fill(sqlite);
        Fill(postgres);

        var events = sqlite.ListEvents(new EventFilter(), 0, 1000);
        Assert.NotEmpty(events);
        Assert.Equal(JsonSerializer.Serialize(events), JsonSerializer.Serialize(postgres.ListEvents(new EventFilter(), 0, 1000)));
        Assert.Equal(JsonSerializer.Serialize(sqlite.ListEvents(new EventFilter(MinSources: 2, Place: "UA"))),
            JsonSerializer.Serialize(postgres.ListEvents(new EventFilter(MinSources: 2, Place: "UA"))));
        Assert.Equal(sqlite.Changes().Select(c => (c.Kind, c.Subject, c.Target, c.DocumentId)), postgres.Changes().Select(c => (c.Kind, c.Subject, c.Target, c.DocumentId)));
        foreach (var story in sqlite.ListStories(false).Select(s => s.Story.Id))
            Assert.Equal(sqlite.FindCluster(story)?.Stories, postgres.FindCluster(story)?.Stories);
    }

    [Theory]
    [InlineData("summons")]
    [InlineData("повестки")]
    [InlineData("title:summonses OR conscripts")]
    [InlineData("\"enlistment office\"")]
    public void BothBackendsFindTheSameStories(string query)
    {
        using var sqlite = _sqlite.Open();
        using var postgres = _postgres.Open();
        Fill(sqlite);
        Fill(postgres);
        var found = sqlite.Search(query, 1000);
        // Ranks differ (bm25 against ts_rank): the stories found are the same; the matches are marked values.
        Assert.Equal(found.Select(h => h.StoryId).Order(StringComparer.Ordinal), postgres.Search(query, 1000).Select(h => h.StoryId).Order(StringComparer.Ordinal));
        foreach (var hits in new[] { found, postgres.Search(query, 1000) })
        {
            Assert.All(hits, hit => Assert.DoesNotContain(hit.Snippet.Text, c => c is '\u0002' or '\u0003'));
            // A snippet is of the body: a story matched by its title alone has none marked.
            Assert.Contains(hits, hit => hit.Snippet.Parts.Any(p => p.IsMatch && p.Text.Length > 0));
        }
    }

    private static List<PlaceCount> Rounded(IEnumerable<PlaceCount> counts) =>
        counts.Select(c => c with { Lat = c.Lat is { } lat ? Math.Round(lat, 6) : null, Lon = c.Lon is { } lon ? Math.Round(lon, 6) : null }).ToList();
}
