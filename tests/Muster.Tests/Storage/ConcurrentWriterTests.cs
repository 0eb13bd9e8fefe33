using System.Collections.Concurrent;
using System.Text;
using Microsoft.Data.Sqlite;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Storage;

namespace Muster.Tests.Storage;

/// <summary>Writers that wait: migrations under the write lock, bounded waits for another writer, reports after commits.</summary>
public sealed class ConcurrentWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-writers-").FullName;
    private readonly MusterPipeline _pipeline = new MusterPipelineBuilder().UseClaims().Build();
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Db => Path.Combine(_folder, "muster.db");

    private PageDocument Page(int number) => _pipeline.Process(new PageInput($"/pages/{number}.txt", Encoding.UTF8.GetBytes(
        $"Summonses served in Penza\n\nEnlistment offices in Penza sent summons to {number} men on Monday, the outlet said.\n\nPage {number}."), null)).Document!;

    /// <summary>The write lock taken by another connection (BEGIN IMMEDIATE), as a second process would, until released.</summary>
    internal sealed class LockHolder : IDisposable
    {
        private readonly SqliteConnection _connection;
        private SqliteTransaction? _transaction;

        public LockHolder(string db)
        {
            _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
            _connection.Open();
            _transaction = _connection.BeginTransaction(deferred: false);
        }

        /// <summary>Releases the lock after <paramref name="delay"/>, on another thread.</summary>
        public Task ReleaseAfter(TimeSpan delay) => Task.Run(async () =>
        {
            await Task.Delay(delay);
            Release();
        });

        public void Release()
        {
            lock (this)
            {
                _transaction?.Commit();
                _transaction?.Dispose();
                _transaction = null;
            }
        }

        public void Dispose()
        {
            Release();
            _connection.Dispose();
        }
    }

    private static long Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void StoresOpeningAFreshDatabaseAtOnceEachFindTheWholeSchemaAppliedOnce()
    {
        // Without the version read again under the lock, the second opener re-ran migration 1 ("table documents
        // already exists") about one time in a few.
        const int openers = 4;
        for (var round = 0; round < 20; round++)
        {
            var db = Path.Combine(_folder, $"fresh-{round}.db");
            using var start = new Barrier(openers);
            var failures = new ConcurrentBag<string>();
            var versions = new ConcurrentBag<int>();
            var threads = Enumerable.Range(0, openers).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    using var store = new SqliteRecordStore(db);
                    versions.Add(store.SchemaVersion);
                }
                catch (Exception e)
                {
                    failures.Add($"{e.GetType().Name}: {e.Message}");
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Empty(failures);
            Assert.All(versions, v => Assert.Equal(SqliteMigrations.All[^1].Version, v));
            Assert.Equal(SqliteMigrations.All.Length, Scalar(db, "SELECT COUNT(*) FROM schema_migrations"));
            SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task AWriteWaitsForALockHeldLongerThanOneStatementWaitsAndThenStores()
    {
        using var store = new SqliteRecordStore(Db, TimeSpan.FromSeconds(60));
        using var holder = new LockHolder(Db);
        // Held for several statement waits (one second each): only the retry carries the write through.
        var released = holder.ReleaseAfter(TimeSpan.FromSeconds(3));
        var saved = store.SaveAll([Page(1), Page(2)], At);
        await released;
        Assert.All(saved, a => Assert.Equal(SaveStatus.Added, a.Result?.Status));
        Assert.True(store.WriteRetries > 0, "the write never met the lock");
        Assert.Equal(2, store.Count().Documents);
        Assert.Equal(SaveStatus.Added, store.Save(Page(3), At).Status);
    }

    [Fact]
    public void ALockHeldPastTheWaitIsOneLineNamingTheDatabaseAndNothingIsStored()
    {
        using var store = new SqliteRecordStore(Db, TimeSpan.FromSeconds(1.5));
        using (var holder = new LockHolder(Db))
        {
            var busy = Assert.Throws<RecordBusyException>(() => store.SaveAll([Page(1), Page(2)], At));
            Assert.Contains(Db, busy.Message, StringComparison.Ordinal);
            Assert.Contains("locked by another writer", busy.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', busy.Message);
            Assert.Throws<RecordBusyException>(() => store.Save(Page(3), At));
        }
        Assert.Equal(0, store.Count().Documents);
        // The lock gone, the same store writes again.
        Assert.Equal(SaveStatus.Added, store.Save(Page(1), At).Status);
    }

    [Fact]
    public void OpeningADatabaseWhoseSchemaIsLockedPastTheWaitIsOneLineNotACrash()
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString()))
        {
            connection.Open();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        using var holder = new LockHolder(Db);
        var busy = Assert.Throws<RecordBusyException>(() => new SqliteRecordStore(Db, TimeSpan.FromSeconds(1)));
        Assert.Contains(Db, busy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveAllReportsTheDocumentThatFailedAndCommitsTheOthers()
    {
        var a = Page(1);
        // Same story ids under another identity: its stories collide with a's, so its save fails part-way.
        var broken = a with { Sha256 = new string('e', 64), Source = "/pages/broken.txt" };
        using var store = new SqliteRecordStore(Db);
        var attempts = store.SaveAll([a, broken, Page(2)], At);
        Assert.True(attempts[0].Stored);
        Assert.False(attempts[1].Stored);
        Assert.Contains("UNIQUE", attempts[1].Error, StringComparison.Ordinal);
        Assert.True(attempts[2].Stored);
        Assert.Equal(2, Scalar(Db, "SELECT COUNT(*) FROM documents"));
        Assert.Equal(0, Scalar(Db, $"SELECT COUNT(*) FROM documents WHERE sha256 = '{broken.Sha256}'"));
    }
}
