using System.Text;
using Microsoft.Data.Sqlite;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Storage;

namespace Muster.Tests.Pipeline;

/// <summary>The storing half of an ingest: no write lock while a page is analysed, a page reported only once committed.</summary>
public sealed class IngestWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-ingest-writer-").FullName;
    private readonly MusterPipeline _pipeline = new MusterPipelineBuilder().UseClaims().Build();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Db => Path.Combine(_folder, "muster.db");

    private PageOutcome Page(int number) => _pipeline.Process(new PageInput($"/pages/{number}.txt", Encoding.UTF8.GetBytes(
        $"Summonses served in Penza\n\nEnlistment offices in Penza sent summons to {number} men on Monday, the outlet said.\n\nPage {number}."), null));

    private SqliteConnection Other()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false, DefaultTimeout = 1 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        // Not a moment's wait: the lock must be free, not merely freed soon.
        command.CommandText = "PRAGMA busy_timeout=0;";
        command.ExecuteNonQuery();
        return connection;
    }

    [Fact]
    public async Task WhileAPageIsAnalysedNoWriteLockIsHeldAndThePageBeforeItIsCommittedWhenReported()
    {
        using var slowPage = new ManualResetEventSlim();
        var first = Page(1);
        var second = Page(2);
        IEnumerable<PageOutcome> Outcomes()
        {
            yield return first;
            // The second page's analysis takes as long as the test wants.
            slowPage.Wait(TestContext.Current.CancellationToken);
            yield return second;
        }
        using var store = new SqliteRecordStore(Db);
        using var firstReported = new ManualResetEventSlim();
        var visibleWhenReported = -1L;
        var reports = new List<(string Source, SaveAttempt? Attempt)>();
        var writing = Task.Run(() => new IngestWriter(store, TimeProvider.System).Write(Outcomes(), (outcome, attempt) =>
        {
            reports.Add((outcome.Source, attempt));
            if (outcome == first)
            {
                using var other = Other();
                using var count = other.CreateCommand();
                count.CommandText = "SELECT COUNT(*) FROM documents WHERE sha256 = $s";
                count.Parameters.AddWithValue("$s", first.Document!.Sha256);
                visibleWhenReported = (long)count.ExecuteScalar()!;
                firstReported.Set();
            }
        }), TestContext.Current.CancellationToken);

        Assert.True(firstReported.Wait(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken), "the first page was never reported");
        Assert.Equal(1, visibleWhenReported);
        // The second page is still being analysed: another writer gets the lock at once.
        using (var other = Other())
        {
            using var transaction = other.BeginTransaction(deferred: false);
            transaction.Commit();
        }
        slowPage.Set();
        await writing;
        Assert.Equal(["/pages/1.txt", "/pages/2.txt"], reports.Select(r => r.Source));
        Assert.All(reports, r => Assert.Equal(SaveStatus.Added, r.Attempt?.Result?.Status));
        Assert.Equal(2, store.Count().Documents);
    }

    [Fact]
    public void PagesNotCommittedAreReportedAsNotStoredWithTheReason()
    {
        using (new SqliteRecordStore(Db))
        {
        }
        using var store = new SqliteRecordStore(Db, TimeSpan.FromSeconds(1));
        using var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString());
        other.Open();
        var reports = new List<SaveAttempt?>();
        using (other.BeginTransaction(deferred: false))
            new IngestWriter(store, TimeProvider.System).Write([Page(1), Page(2)], (_, attempt) => reports.Add(attempt));
        Assert.Equal(2, reports.Count);
        Assert.All(reports, r =>
        {
            Assert.False(r!.Stored);
            Assert.Contains($"database {Db} is locked by another writer", r.Error, StringComparison.Ordinal);
        });
        Assert.Equal(0, store.Count().Documents);
    }

    [Fact]
    public void TheReadAheadOfLargePagesHoldsNoMoreThanItsBytesThoughItsPageCountWouldAllowAll()
    {
        // Twelve distinct pages of about 1.5 MB, analysed before the write begins so that the producer is always
        // ahead of the store: counted by pages only (64), the read-ahead held all of them at once.
        var plain = new MusterPipelineBuilder().Build();
        var outcomes = Enumerable.Range(0, 12).Select(n =>
        {
            var text = new StringBuilder($"Large page {n}\n\n");
            for (var p = 0; text.Length < 1_500_000; p++)
                text.Append($"Paragraph {p} of page {n}: enlistment offices sent summons to reservists, the outlet said on Monday.\n\n");
            return plain.Process(new PageInput($"/pages/large-{n}.txt", Encoding.UTF8.GetBytes(text.ToString()), null));
        }).ToList();
        Assert.All(outcomes, o => Assert.True(o.Success, o.Error));
        const long budget = 16L << 20;
        Assert.True(outcomes.Sum(o => o.HeldBytes) > 3 * budget, "the pages fit in the budget: the test proves nothing");
        using var store = new SqliteRecordStore(Db);
        var writer = new IngestWriter(store, TimeProvider.System) { ReadAheadBytes = budget };
        var stored = 0;
        writer.Write(outcomes, (_, attempt) => stored += attempt?.Stored == true ? 1 : 0);
        Assert.Equal(12, stored);
        Assert.InRange(writer.PeakReadAheadBytes, outcomes.Max(o => o.HeldBytes), budget);
        Assert.Equal(12, store.Count().Documents);
    }
}
