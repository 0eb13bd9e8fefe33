using System.Text;
using Muster.Claims;
using Muster.Dates;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Storage;
using Muster.Storage.Sql;
using Muster.Tests.Storage.Backends;

namespace Muster.Tests.Storage;

/// <summary>The record's behaviour, the same on every backend (the Dapper model: one suite, a subclass per backend).</summary>
public abstract class RecordStoreSuite(StoreBackend backend) : IDisposable
{
    private readonly MusterPipeline _pipeline = new MusterPipelineBuilder().Build();
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    protected StoreBackend Backend { get; } = backend;

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    private SqlRecordStore Open() => Backend.Open();

    private PageDocument Process(string source, string text)
    {
        var outcome = _pipeline.Process(new PageInput(source, Encoding.UTF8.GetBytes(text), null));
        Assert.True(outcome.Success, outcome.Error);
        return outcome.Document!;
    }

    private const string Page = "Summonses served in three regions\n\nEnlistment offices in Penza sent summons to men on Monday, the outlet said. Some were called to training.\n\nThe Kremlin denied a new wave of mobilization.";

    [Fact]
    public void AStoredPageIsNotKeptByTheStore()
    {
        // An ingest of pages of megabytes holds one page at a time only if the store keeps none it has written (its
        // kept commands once held their last values: a page's text and body until the statement ran again).
        using var store = Open();
        var text = SaveAndForget(store);
        // A driver may keep the last command it ran (Npgsql does); the store's next statement replaces it.
        Assert.Equal(1, store.Count().Documents);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(text.IsAlive, "the stored page's text is still reachable");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private WeakReference SaveAndForget(SqlRecordStore store)
    {
        var document = Process("/pages/kept.txt", Page + "\n\n" + string.Concat(Enumerable.Repeat("The market opened at nine. ", 2_000)));
        Assert.Single(store.SaveAll([document], At));
        return new WeakReference(document.Text);
    }

    [Fact]
    public void InABatchADocumentThatFailsIsRolledBackWholeAndTheOthersAreKept()
    {
        var a = Process("/pages/a.txt", Page);
        // Same story ids under another identity: its stories collide with a's, so its save fails part-way.
        var broken = a with { Sha256 = new string('f', 64), Source = "/pages/broken.txt" };
        var c = Process("/pages/c.txt", Page + "\n\nA second wave was announced in Kursk.");
        using (var store = Open())
        {
            using (store.BeginBatch())
            {
                Assert.Equal(SaveStatus.Added, store.Save(a, At).Status);
                Assert.Throws<RecordStoreException>(() => store.Save(broken, At));
                Assert.Equal(SaveStatus.Added, store.Save(c, At).Status);
            }
            Assert.Throws<InvalidOperationException>(() =>
            {
                using var first = store.BeginBatch();
                using var second = store.BeginBatch();
            });
        }
        using var reopened = Open();
        Assert.Equal(2, reopened.Count().Documents);
        Assert.DoesNotContain(reopened.ListStories(relevantOnly: false), s => s.Source == broken.Source);
    }

    [Fact]
    public void ADocumentRolledBackLeavesNoGapInTheIdsOfTheNext()
    {
        var a = Process("/pages/a.txt", Page);
        var broken = a with { Sha256 = new string('f', 64), Source = "/pages/broken.txt" };
        var c = Process("/pages/c.txt", Page + "\n\nA second wave was announced in Kursk.");
        using var store = Open();
        var attempts = store.SaveAll([a, broken, c], At);
        Assert.Equal([true, false, true], attempts.Select(x => x.Stored));
        // The ids a rolled-back document drew are given again: c is document 2 and its claims follow a's without a gap,
        // as on SQLite (event ids are made from claim ids).
        Assert.Equal(2, attempts[2].Result!.DocumentId);
        var claims = store.ListClaims(new ClaimFilter());
        Assert.Equal(a.Stories.Sum(s => s.Claims.Count) + c.Stories.Sum(s => s.Claims.Count), claims.Count);
        Assert.Equal(Enumerable.Range(1, claims.Count).Select(i => (long)i), claims.Select(x => x.Id).Order());
    }

    [Fact]
    public void SavingTheSameBytesTwiceAddsNothing()
    {
        using var store = Open();
        var document = Process("/pages/a.txt", Page);
        var first = store.Save(document, At);
        var second = store.Save(document, At.AddHours(1));
        Assert.Equal(SaveStatus.Added, first.Status);
        Assert.Equal(SaveStatus.Unchanged, second.Status);
        Assert.Equal(first.DocumentId, second.DocumentId);
        var counts = store.Count();
        Assert.Equal(1, counts.Documents);
        Assert.Equal(document.Stories.Count, counts.Stories);
    }

    [Fact]
    public void ChangedBytesUnderTheSameSourceAreANewVersionAndTheOldIsKept()
    {
        using var store = Open();
        var v1 = store.Save(Process("/pages/a.txt", Page), At);
        var v2 = store.Save(Process("/pages/a.txt", Page + "\n\nUpdated with a correction."), At);
        Assert.Equal((1, 2), (v1.Version, v2.Version));
        Assert.NotEqual(v1.DocumentId, v2.DocumentId);
        Assert.Equal(2, store.Count().Documents);
        var versions = store.ListStories(relevantOnly: false).Select(s => s.Version).Distinct().Order();
        Assert.Equal([1, 2], versions);
    }

    [Fact]
    public void StoriesAndClaimsRoundTrip()
    {
        var document = Process("/pages/a.txt", Page);
        var story = document.Stories[0];
        var claim = new Claim
        {
            Type = "summons",
            Stance = Stance.Hedged,
            Evidence = "sent summons to men",
            Span = new TextSpan(60, 79),
            Places = [new ClaimPlace("Penza", "RU-PNZ", "RU", 53.2, 45.0, "region")],
            Quantity = new Quantity(20000, null, false, "people"),
            Source = "the outlet",
            Via = ["Example Gazette"],
            Date = PartialDate.Parse("--08-16"),
            Confidence = 0.8,
        };
        document = document with { Stories = [story with { Claims = [claim] }, .. document.Stories.Skip(1)] };
        using (var store = Open())
            store.Save(document, At);
        using var reopened = Open();
        var stored = reopened.FindStory(story.Id);
        Assert.NotNull(stored);
        Assert.Equal(story.Text, stored.Story.Text);
        Assert.Equal(story.Paragraphs, stored.Story.Paragraphs);
        Assert.Equal(story.Title, stored.Story.Title);
        Assert.Equal(claim, stored.Story.Claims.Single() with { Places = claim.Places, Via = claim.Via });
        Assert.Equal(claim.Places, stored.Story.Claims.Single().Places);
        Assert.Equal(claim.Via, stored.Story.Claims.Single().Via);
        Assert.Null(reopened.FindStory("no-such-story"));
    }

    // Pages whose claims are candidates for each other's events: summonses in one region, told differently.
    private static readonly string[] PenzaPages =
    [
        "Summonses in Penza\n\nEnlistment offices in Penza sent summons to men on Monday, the outlet said.",
        "Students summoned\n\nIn Penza, recruiters handed summonses to students at a dormitory on Tuesday, residents said.",
        "Checkpoint summonses\n\nPolice in Penza served summonses to drivers at a checkpoint on Wednesday, a witness said.",
        "Factory summonses\n\nWorkers of a factory in Penza received summonses on Thursday, their union said.",
    ];

    private const string Unrelated = "Spring in Lisbon\n\nThe weather in Lisbon was mild on Tuesday and tourists walked in the old town.";

    private static string Record(SqlRecordStore store) => string.Join("\n",
        store.ListClaims(new ClaimFilter()).OrderBy(c => c.Id).Select(c => $"{c.Id} {c.StoryId} {c.Claim.Type} {c.EventId}")
            .Concat(store.ListEvents(new EventFilter(), 0, 1000).OrderBy(e => e.Id).Select(e => $"{e.Id} {e.Type} {e.Claims} {string.Join(',', e.Sources)}")));

    [Fact]
    public void AWriterAfterAnotherWriterKeepsWhatItRemembersAndMakesTheRecordOneWriterMakes()
    {
        var claims = new MusterPipelineBuilder().UseClaims().Build();
        PageDocument Analyse(string source, string text) => claims.Process(new PageInput(source, Encoding.UTF8.GetBytes(text), null)).Document!;
        var pages = PenzaPages.Select((text, i) => Analyse($"/pages/penza-{i}.txt", text)).ToList();
        var unrelated = Analyse("/pages/lisbon.txt", Unrelated);
        Assert.All(pages, p => Assert.NotEmpty(p.Stories.SelectMany(s => s.Claims)));

        // One writer: the four pages, the unrelated one before the last.
        long alone;
        string expected;
        using (var only = Open())
        {
            foreach (var page in pages.Take(3).Append(unrelated))
                only.Save(page, At);
            var before = only.CandidatesRead;
            only.Save(pages[3], At);
            alone = only.CandidatesRead - before;
            expected = Record(only);
        }
        Assert.Contains(" E-", expected);

        // Two writers taking turns on a fresh record: the other writer stores the unrelated page.
        using var fresh = Backend.Another();
        using var first = fresh.Open();
        using var second = fresh.Open();
        foreach (var page in pages.Take(3))
            first.Save(page, At);
        second.Save(unrelated, At);
        var remembered = first.CandidatesRead;
        first.Save(pages[3], At);
        // Forgetting everything at another writer's document read every candidate of the last page again.
        Assert.Equal(alone, first.CandidatesRead - remembered);
        Assert.Equal(expected, Record(first));
    }

    private const string Mayor = "The mayor of a small town near the river spoke to reporters outside the old library, describing a quiet week of repairs to roads, bridges and the public baths.";
    private const string Market = "Farmers at the weekly market complained about the price of seed and fuel, while a choir from the local school sang folk songs beside the fountain in the square.";
    private const string Call = "Enlistment offices in Penza sent summons to men of the reserve on Monday morning, and the regional governor said the men were told to report to the assembly point with their documents, warm clothes and food for three days.";

    [Fact]
    public void AWriterAfterAnotherWritersClusterMergeMakesTheRecordOneWriterMakes()
    {
        var claims = new MusterPipelineBuilder().UseClaims().Build();
        PageDocument Analyse(string source, string text) => claims.Process(new PageInput(source, Encoding.UTF8.GetBytes(text), null)).Document!;
        // Two stories that share a paragraph but are not near-duplicates, then one holding both: their clusters merge.
        var first = Analyse("/pages/mayor.txt", $"Penza notes\n\n{Mayor} {Call}");
        var second = Analyse("/pages/market.txt", $"Penza notes\n\n{Market} {Call}");
        var between = Analyse("/pages/penza-0.txt", PenzaPages[1]);
        var merging = Analyse("/pages/both.txt", $"Penza notes\n\n{Mayor} {Market} {Call}");
        var last = Analyse("/pages/penza-1.txt", PenzaPages[2]);

        string expected;
        using (var only = Open())
        {
            foreach (var page in new[] { first, second, between, merging, last })
                only.Save(page, At);
            Assert.Contains(only.Changes(), c => c.Kind == "cluster-merged");
            expected = Record(only);
        }

        using var fresh = Backend.Another();
        using var writer = fresh.Open();
        using var other = fresh.Open();
        // The writer remembers the first two pages' claims as candidates (read while linking the third), then the
        // other writer merges their clusters.
        foreach (var page in new[] { first, second, between })
            writer.Save(page, At);
        other.Save(merging, At);
        writer.Save(last, At);
        Assert.Equal(expected, Record(writer));
    }
}
