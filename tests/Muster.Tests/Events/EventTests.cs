using Muster.Pipeline;
using Muster.Reading;
using Muster.Storage;
using Muster.Storage.Sql;
using Muster.Tests.Storage.Backends;

namespace Muster.Tests.Events;

/// <summary>
/// The event scenario on pages the team wrote (samples/events): a report, a lightly edited reprint from another
/// outlet, a third outlet relaying the same source, an independent source, and a denial — ingested one by one.
/// </summary>
public abstract class EventSuite(StoreBackend backend) : IDisposable
{
    private readonly MusterPipeline _pipeline = new MusterPipelineBuilder().UseClaims().Build();
    private static readonly string Pages = Path.Combine(SharedFolder.Samples, "events");

    public void Dispose()
    {
        backend.Dispose();
        GC.SuppressFinalize(this);
    }

    private PageDocument Page(string name)
    {
        var path = Path.Combine(Pages, name);
        return _pipeline.Process(new PageInput(path, File.ReadAllBytes(path), null)).Document!;
    }

    private static EventSummary Tokmak(SqlRecordStore store) =>
        Assert.Single(store.ListEvents(new EventFilter(Type: "summons", Place: "UA-23")));

    [Fact]
    public void AnEventIsDatedByTheDaysItsStoriesStateNeverByTheDayTheyWereRead()
    {
        using var store = backend.Open();
        var readOn = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        store.Save(Page("1-ledger-tokmak-summons.txt"), readOn);
        var undated = Tokmak(store);
        Assert.Null(undated.FirstReported);
        Assert.Null(undated.LastReported);
        Assert.Equal(undated.Claims, undated.Undated);

        const string dated = "Published 5 March 2024\n\nSummonses in occupied Tokmak\n\nPartisans said that summonses were handed out to 150 men in occupied Tokmak, Zaporizhzhia Oblast.\n";
        var page = _pipeline.Process(new PageInput("dated.txt", System.Text.Encoding.UTF8.GetBytes(dated), null)).Document!;
        store.Save(page, readOn);
        var both = Tokmak(store);
        Assert.Equal("2024-03-05", both.FirstReported);
        Assert.Equal("2024-03-05", both.LastReported);
        Assert.Equal(undated.Claims, both.Undated);
        Assert.Equal(undated.Claims + 1, both.Claims);
    }

    [Fact]
    public void RelaysCountOneSourceAnIndependentReportTwoAndADenialIsAConflict()
    {
        using var store = backend.Open();
        var at = DateTimeOffset.UnixEpoch;
        var original = Page("1-ledger-tokmak-summons.txt");
        store.Save(original, at);
        Assert.Single(Tokmak(store).Sources);

        var reprint = Page("2-courier-tokmak-reprint.txt");
        store.Save(reprint, at);
        var cluster = store.FindCluster(reprint.Stories[0].Id);
        Assert.NotNull(cluster);
        Assert.Contains(original.Stories.First(s => s.Role == StoryRole.Article).Id, cluster.Value.Stories);
        Assert.Equal(original.Stories.First(s => s.Role == StoryRole.Article).Id, cluster.Value.Stories[0]); // the origin is the earliest
        Assert.Single(Tokmak(store).Sources);

        store.Save(Page("3-herald-tokmak-relay.txt"), at);
        var relayed = Tokmak(store);
        Assert.Single(relayed.Sources);
        Assert.Equal(3, relayed.Outlets.Count);

        store.Save(Page("4-gazette-tokmak-governor.txt"), at);
        var independent = Tokmak(store);
        Assert.Equal(2, independent.Sources.Count);
        Assert.Contains(independent.Conflicts, c => c.StartsWith("counts differ", StringComparison.Ordinal) && c.Contains("150") && c.Contains("200"));
        Assert.Single(store.ListEvents(new EventFilter(MinSources: 2, Type: "summons")));

        store.Save(Page("5-tass-tokmak-denial.txt"), at);
        var denied = Tokmak(store);
        Assert.Contains(denied.Conflicts, c => c.Contains("denied by", StringComparison.Ordinal) && c.Contains("Tokmak"));
        Assert.Equal(["UA-23"], denied.Places);
        Assert.All(store.EventClaims(denied.Id), c => Assert.Equal(denied.Id, c.EventId));
    }

    [Fact]
    public void ReingestingChangesNothingAndANewPageTouchesOnlyItsOwnEvents()
    {
        using var store = backend.Open();
        var at = DateTimeOffset.UnixEpoch;
        var pages = Directory.GetFiles(Pages).Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f)!).ToList();
        foreach (var page in pages)
            store.Save(Page(page), at);
        var before = Tokmak(store);
        var changes = store.Changes();
        var events = store.ListEvents(new EventFilter());

        foreach (var page in pages)
            Assert.Equal(SaveStatus.Unchanged, store.Save(Page(page), at).Status);
        Assert.Equal(changes, store.Changes());
        Assert.Equal(before, Tokmak(store) with { Sources = before.Sources, Outlets = before.Outlets, Conflicts = before.Conflicts, Places = before.Places });
        Assert.Equal(before.Sources, Tokmak(store).Sources);

        var unrelated = Path.Combine(SharedFolder.Samples, "basement-refusers.txt");
        store.Save(_pipeline.Process(new PageInput(unrelated, File.ReadAllBytes(unrelated), null)).Document!, at);
        Assert.Equal(before.Claims, Tokmak(store).Claims);
        Assert.Equal(before.Id, Tokmak(store).Id);
        var added = store.Changes(changes[^1].Id);
        Assert.NotEmpty(added);
        Assert.All(added, c => Assert.Equal("event-created", c.Kind));
        Assert.True(store.ListEvents(new EventFilter()).Count > events.Count);
    }
}

/// <summary>The event scenario on SQLite.</summary>
public sealed class EventTests() : EventSuite(new SqliteBackend());

/// <summary>The event scenario on PostgreSQL.</summary>
public sealed class PostgresEventTests(PostgresServer server) : EventSuite(new PostgresBackend(server));

/// <summary>The seed pages, ingested one by one: every claim in one event, unrelated pages apart.</summary>
public abstract class SeedEventSuite(StoreBackend backend) : IDisposable
{
    public void Dispose()
    {
        backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void EverySeedClaimBelongsToExactlyOneEventAndDistinctPagesStayApart()
    {
        var pipeline = new MusterPipelineBuilder().UseClaims().Build();
        using var store = backend.Open();
        foreach (var file in Directory.GetFiles(SharedFolder.Require("seeds")).Order(StringComparer.Ordinal))
            store.Save(pipeline.Process(new PageInput(file, File.ReadAllBytes(file), null)).Document!, DateTimeOffset.UnixEpoch);
        var claims = store.ListClaims(new ClaimFilter());
        Assert.All(claims, c => Assert.NotNull(c.EventId));
        var events = store.ListEvents(new EventFilter(), 0, 1000);
        Assert.Equal(claims.Count, events.Sum(e => e.Claims));
        // Five unrelated pages: no story is a near-duplicate of another page's story.
        var pages = claims.Select(c => c.StoryId).Distinct().ToList();
        Assert.All(pages, story => Assert.Single(store.FindCluster(story)!.Value.Stories));
        // The Kremlin's denial in one page and the outlet's report in another are different happenings.
        Assert.All(events, e => Assert.True(e.Outlets.Count <= 2, e.Id));
    }
}

/// <summary>The seed pages on SQLite.</summary>
public sealed class SeedEventTests() : SeedEventSuite(new SqliteBackend());

/// <summary>The seed pages on PostgreSQL.</summary>
public sealed class PostgresSeedEventTests(PostgresServer server) : SeedEventSuite(new PostgresBackend(server));
