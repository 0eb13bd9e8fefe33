using System.Text;
using Microsoft.Data.Sqlite;
using Muster.Cli;
using Muster.Storage;
using Muster.Tests.Storage;

namespace Muster.Tests.Cli;

/// <summary>Two ingests at once, and an ingest beside another writer: they wait for each other, or say why not, in one line.</summary>
[Collection(SerialCollection.Name)]
public sealed class ConcurrentIngestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-concurrent-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string[] Samples => Directory.GetFiles(SharedFolder.Samples, "*.txt").Order(StringComparer.Ordinal).ToArray();

    /// <summary>The lines that report a page as stored: its path, then what it holds.</summary>
    private static int StoredLines(string output) =>
        output.Split('\n').Count(line => Samples.Any(s => line.StartsWith(s + ": ", StringComparison.Ordinal)));

    [Fact]
    public async Task TwoIngestProcessesOnAFreshDatabaseBothSucceedEveryTime()
    {
        for (var round = 0; round < 6; round++)
        {
            var db = Path.Combine(_folder, $"fresh-{round}.db");
            using var one = CliRunner.Start(["ingest", .. Samples, "--db", db, "--quiet"]);
            using var two = CliRunner.Start(["ingest", .. Samples, "--db", db, "--quiet"]);
            var errors = new[] { one.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken), two.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken) };
            var outputs = new[] { one.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken), two.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken) };
            await one.WaitForExitAsync(TestContext.Current.CancellationToken);
            await two.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(one.ExitCode == 0 && two.ExitCode == 0,
                $"round {round}: exit codes {one.ExitCode} and {two.ExitCode}: {await errors[0]} {await errors[1]}");
            Assert.Equal("", (await errors[0]) + (await errors[1]));
            // Between them, each page was added once; the other found it unchanged.
            var added = (await Task.WhenAll(outputs)).Sum(o => int.Parse(System.Text.RegularExpressions.Regex.Match(o, @"documents: (\d+) added").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Samples.Length, added);
            SqliteConnection.ClearAllPools();
            using var store = new SqliteRecordStore(db);
            Assert.Equal(Samples.Length, store.Count().Documents);
        }
    }

    [Fact]
    public async Task AnIngestWaitsForAWriterHoldingTheLockForAFewSecondsAndStoresEveryPage()
    {
        var db = Path.Combine(_folder, "held.db");
        using (new SqliteRecordStore(db))
        {
        }
        using var holder = new ConcurrentWriterTests.LockHolder(db);
        var released = holder.ReleaseAfter(TimeSpan.FromSeconds(3));
        var run = CliRunner.Run(["ingest", .. Samples, "--db", db]);
        await released;
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(Samples.Length, StoredLines(run.Out));
        using var store = new SqliteRecordStore(db);
        Assert.Equal(Samples.Length, store.Count().Documents);
    }

    [Fact]
    public void ALockHeldPastTheWaitReportsEachPageAsNotStoredInOneLineAndExitsWithOne()
    {
        var db = Path.Combine(_folder, "locked.db");
        using (new SqliteRecordStore(db))
        {
        }
        CliRunner.Result run;
        using (new ConcurrentWriterTests.LockHolder(db))
            run = CliRunner.Run(["ingest", .. Samples, "--db", db, "--lock-wait", "1"]);
        Assert.Equal(1, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Samples.Length, lines.Length);
        Assert.All(lines, l => Assert.Matches($@"^muster: .+\.txt: not stored: database {System.Text.RegularExpressions.Regex.Escape(db)} is locked by another writer; gave up after waiting [\d.]+ s$", l));
        // No page is reported as stored.
        Assert.Equal(0, StoredLines(run.Out));
        Assert.Contains($"errors: {Samples.Length}", run.Out, StringComparison.Ordinal);
        using var store = new SqliteRecordStore(db);
        Assert.Equal(0, store.Count().Documents);
    }

    [Fact]
    public void ASchemaLockedPastTheWaitIsOneLineAndExitCodeOne()
    {
        var db = Path.Combine(_folder, "schema-locked.db");
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString()))
        {
            connection.Open();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        CliRunner.Result run;
        using (new ConcurrentWriterTests.LockHolder(db))
            run = CliRunner.Run(["ingest", Samples[0], "--db", db, "--lock-wait", "1"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Matches($@"^muster: database {System.Text.RegularExpressions.Regex.Escape(db)} is locked by another writer; gave up after waiting [\d.]+ s\n$", run.Error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("soon")]
    public void ALockWaitThatIsNotAPositiveNumberIsAUsageError(string value)
    {
        var run = CliRunner.Run("ingest", Samples[0], "--db", Path.Combine(_folder, "x.db"), "--lock-wait", value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--lock-wait", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhileInputIsPendingTheIngestHoldsNoWriteLockAndWhatItReportedAsStoredIsCommitted()
    {
        var db = Path.Combine(_folder, "pending.db");
        using var gate = new ManualResetEventSlim();
        var output = new Lines();
        var error = new Lines();
        var stdin = new GatedStream(gate, File.ReadAllBytes(Samples[1]));
        var context = new CliContext(output, error, () => stdin, Interactive: false, TimeProvider.System);
        var ingest = Task.Run(() => CliApp.Run(["ingest", Samples[0], "-", "--db", db], context), TestContext.Current.CancellationToken);

        // The first page's line comes while standard input is still being waited for (the old ingest printed it
        // before the commit and kept the write transaction open meanwhile).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (StoredLines(output.Text) == 0)
        {
            Assert.False(ingest.IsCompleted, "the ingest ended early: " + error.Text);
            Assert.True(DateTime.UtcNow < deadline, "the first page was never reported");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        Assert.False(gate.IsSet);
        using (var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false, DefaultTimeout = 1 }.ToString()))
        {
            other.Open();
            using var noWait = other.CreateCommand();
            noWait.CommandText = "PRAGMA busy_timeout=0;";
            noWait.ExecuteNonQuery();
            using var count = other.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM documents";
            Assert.Equal(1L, (long)count.ExecuteScalar()!);
            using var transaction = other.BeginTransaction(deferred: false);
            transaction.Commit();
        }
        gate.Set();
        Assert.Equal(0, await ingest);
        using var store = new SqliteRecordStore(db);
        Assert.Equal(2, store.Count().Documents);
    }

    /// <summary>A writer another thread can read while lines are written.</summary>
    private sealed class Lines : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_text)
                    return _text.ToString();
            }
        }

        public override void Write(char value)
        {
            lock (_text)
                _text.Append(value);
        }

        public override void Write(string? value)
        {
            lock (_text)
                _text.Append(value);
        }
    }

    /// <summary>Standard input whose bytes come only once the gate is opened: a page slow to arrive.</summary>
    private sealed class GatedStream(ManualResetEventSlim gate, byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            gate.Wait();
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            gate.Wait();
            return base.Read(buffer);
        }
    }
}
