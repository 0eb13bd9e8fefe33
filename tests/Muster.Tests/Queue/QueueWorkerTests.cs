using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Muster.Queue;
using Muster.Tests.Cli;
using Muster.Tests.Storage.Backends;
using Npgsql;

namespace Muster.Tests.Queue;

/// <summary>
/// <c>muster enqueue</c>, <c>muster worker</c> and <c>muster queue</c> on a real PostgreSQL server: real worker processes,
/// one killed with SIGKILL while it holds a job, the record compared with one process's SQLite ingest of the same inputs.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class QueueWorkerTests(PostgresServer server) : IDisposable
{
    private readonly PostgresBackend _postgres = new(server);
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-queue-").FullName;

    private readonly List<Process> _workers = [];

    /// <summary>Starts a worker process, killed at the end of the test if it is still running (a failed test leaves none behind).</summary>
    private Process StartWorker(params string[] args)
    {
        var process = CliRunner.Start(["worker", .. args]);
        _workers.Add(process);
        return process;
    }

    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            if (!worker.HasExited)
            {
                worker.Kill();
                worker.WaitForExit();
            }
            worker.Dispose();
        }
        _postgres.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Sqlite => Path.Combine(_folder, "muster.db");

    [Fact]
    public async Task TwoWorkersOneKilledWhileItHoldsAJobMakeTheRecordOneSqliteIngestMakes()
    {
        var seeds = SharedFolder.Require("seeds");
        var uri = _postgres.Location;
        var enqueue = CliRunner.Run("enqueue", SharedFolder.Samples, seeds, "--db", uri);
        Assert.True(enqueue.ExitCode == 0, enqueue.Error);
        var ingest = CliRunner.Run("ingest", SharedFolder.Samples, seeds, "--db", Sqlite, "--quiet");
        Assert.True(ingest.ExitCode == 0, ingest.Error);

        var killed = StartWorker("--db", uri, "--lease", "3");
        var killedError = killed.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = killed.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var survivor = StartWorker("--db", uri, "--lease", "3", "--until-empty");
        var survivorOut = survivor.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var survivorError = survivor.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var deadline = Stopwatch.StartNew();
        // The first job a worker takes is held for seconds (the pipeline builds its patterns), so it is killed holding one.
        while (HeldBy(killed.Id) == 0)
        {
            if (killed.HasExited)
                Assert.Fail("the worker to kill stopped on its own: " + await killedError);
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(120), "the worker to kill held no job within two minutes");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        killed.Kill(); // SIGKILL: no handler runs, nothing is given back
        await killed.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(HeldBy(killed.Id) > 0, "the killed worker held no job when it died");

        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            timeout.CancelAfter(TimeSpan.FromMinutes(5));
            await survivor.WaitForExitAsync(timeout.Token);
        }
        Assert.True(survivor.ExitCode == 0, await survivorError);
        Assert.Contains("whose lease ran out", await survivorError);
        Assert.Contains("(job ", await survivorOut);

        var queue = CliRunner.Run("queue", "--db", uri);
        Assert.Equal(0, queue.ExitCode);
        Assert.StartsWith("pending 0, running 0, done ", queue.Out);
        Assert.Contains(", failed 0", queue.Out);
        AssertSameRecord(uri);
    }

    [Fact]
    public void TheSameBytesEnqueuedTwiceAreOneJob()
    {
        var page = Path.Combine(SharedFolder.Samples, "metro-raids.txt");
        var copy = Path.Combine(_folder, "copy-of-metro-raids.txt");
        File.Copy(page, copy);
        var uri = _postgres.Location;
        var first = CliRunner.Run("enqueue", page, "--db", uri);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("jobs: 1 queued, 0 already queued", first.Out);
        var again = CliRunner.Run("enqueue", page, copy, "--db", uri);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("jobs: 0 queued, 2 already queued", again.Out);
        Assert.Equal("pending 1, running 0, done 0, failed 0", CliRunner.Run("queue", "--db", uri).Out.Trim());
    }

    [Fact]
    public void AJobWhosePageFailsThreeTimesIsMarkedFailedWithItsReasonAndTheRestAreStored()
    {
        var pages = Path.Combine(_folder, "pages");
        Directory.CreateDirectory(pages);
        File.Copy(Path.Combine(SharedFolder.Samples, "metro-raids.txt"), Path.Combine(pages, "a.txt"));
        // Read at enqueue (a text file), refused by the pipeline: nothing but whitespace.
        File.WriteAllText(Path.Combine(pages, "b-blank.txt"), " \n\n\t \n");
        File.Copy(Path.Combine(SharedFolder.Samples, "basement-refusers.txt"), Path.Combine(pages, "c.txt"));
        var uri = _postgres.Location;
        Assert.Equal(0, CliRunner.Run("enqueue", pages, "--db", uri).ExitCode);

        var worker = CliRunner.Run("worker", "--db", uri, "--until-empty");
        Assert.Equal(1, worker.ExitCode);
        var errors = worker.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, errors.Length);
        Assert.All(errors, line => Assert.Contains("b-blank.txt", line));
        Assert.Contains("attempt 1 of 3", errors[0]);
        Assert.Contains("attempt 2 of 3", errors[1]);
        Assert.Contains("job 2 failed: empty input (only whitespace)", errors[2]);

        var queue = CliRunner.Run("queue", "--db", uri);
        var lines = queue.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("pending 0, running 0, done 2, failed 1", lines[0]);
        Assert.Equal($"failed: job 2: {Path.Combine(pages, "b-blank.txt")}: empty input (only whitespace)", lines[1]);
        Assert.Equal(2, lines.Length);
        var json = System.Text.Json.JsonDocument.Parse(CliRunner.Run("queue", "--db", uri, "--json").Out).RootElement;
        Assert.Equal(2, json.GetProperty("done").GetInt64());
        Assert.Equal(3, json.GetProperty("failures")[0].GetProperty("attempts").GetInt32());

        // The pages after the failed one are stored, as one ingest of the same folder stores them.
        Assert.Equal(1, CliRunner.Run("ingest", pages, "--db", Sqlite, "--quiet").ExitCode);
        AssertSameRecord(uri);
    }

    [Fact]
    public async Task AWorkerWhoseConnectionsAreEndedByTheServerReconnectsAndStoresEveryJob()
    {
        var uri = _postgres.Location;
        Assert.Equal(0, CliRunner.Run("enqueue", SharedFolder.Samples, "--db", uri).ExitCode);
        var worker = StartWorker("--db", uri, "--until-empty", "--lease", "5");
        var output = worker.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = worker.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var deadline = Stopwatch.StartNew();
        while (Scalar("SELECT COUNT(*) FROM queue_jobs WHERE state = 'done'") < 2)
        {
            Assert.False(worker.HasExited, "the worker finished before its connections could be ended");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(120), "no job was stored within two minutes");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        var ended = Scalar($"SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{QueueWorker.ApplicationName}') t");
        Assert.True(ended >= 2, $"ended {ended} sessions");
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            timeout.CancelAfter(TimeSpan.FromMinutes(5));
            await worker.WaitForExitAsync(timeout.Token);
        }
        Assert.True(worker.ExitCode == 0, await error);
        Assert.Contains("reconnected", await error);
        Assert.NotEmpty(await output);
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM queue_jobs WHERE state <> 'done'"));
        Assert.Equal(0, CliRunner.Run("ingest", SharedFolder.Samples, "--db", Sqlite, "--quiet").ExitCode);
        AssertSameRecord(uri);
    }

    [Theory]
    [InlineData("enqueue", "samples")]
    [InlineData("worker")]
    [InlineData("queue")]
    public void ASqliteRecordIsAOneLineUsageErrorSayingTheQueueNeedsPostgres(params string[] args)
    {
        var result = CliRunner.Run([.. args.Select(a => a == "samples" ? SharedFolder.Samples : a), "--db", Sqlite]);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"needs a record on PostgreSQL", line);
        Assert.Contains(Sqlite, line);
        Assert.False(File.Exists(Sqlite));
    }

    private long HeldBy(int pid) =>
        Scalar($"SELECT COUNT(*) FROM queue_jobs WHERE state = 'running' AND locked_by LIKE '%:{pid.ToString(CultureInfo.InvariantCulture)}:%'");

    private long Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    // Every column of what a page makes, but the ingest time (and the ingest day, which stands in for a missing date).
    private static readonly string[] RecordQueries =
    [
        "SELECT id, sha256, source, version, outlet, language, encoding, byte_length, text, format, url, title, byline, published, via FROM documents ORDER BY id",
        "SELECT id, document_id, ordinal, role, title, title_start, title_end, body, paragraphs, start_offset, end_offset, published, relevant FROM stories ORDER BY document_id, ordinal",
        "SELECT id, story_id, ordinal, type, stance, evidence, start_offset, end_offset, source, via, claim_date, quantity_min, quantity_max, quantity_approx, quantity_unit, confidence, date_from, date_to FROM claims ORDER BY id",
        "SELECT claim_id, ordinal, name, code, country, lat, lon, kind FROM claim_places ORDER BY claim_id, ordinal",
        "SELECT story_id, cluster_id FROM story_signatures ORDER BY story_id",
        "SELECT event_id, claim_id FROM event_claims ORDER BY claim_id",
    ];

    /// <summary>The PostgreSQL record holds exactly what the SQLite ingest stored, and lists the same stories, claims and events.</summary>
    private void AssertSameRecord(string uri)
    {
        using (var sqlite = new SqliteConnection($"Data Source={Sqlite};Pooling=False"))
        using (var postgres = new NpgsqlConnection(_postgres.ConnectionString))
        {
            sqlite.Open();
            postgres.Open();
            foreach (var sql in RecordQueries)
            {
                var expected = Rows(sqlite, sql);
                Assert.NotEmpty(expected);
                Assert.Equal(expected, Rows(postgres, sql));
            }
        }
        foreach (var args in new[] { ["stories", "--json"], ["claims", "--json"], new[] { "events", "--json" } })
        {
            var a = CliRunner.Run([.. args, "--db", Sqlite]);
            var b = CliRunner.Run([.. args, "--db", uri]);
            Assert.Equal(0, b.ExitCode);
            Assert.True(a.Out == b.Out, string.Join(' ', args));
        }
    }

    private static List<string> Rows(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
            {
                DBNull => "null",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                var value => Convert.ToString(value, CultureInfo.InvariantCulture),
            })));
        return rows;
    }
}
