using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Muster.Benchmarks;

/// <summary>
/// The record on PostgreSQL filled by queue workers, beside SQLite, in one run: a throwaway PostgreSQL cluster on
/// loopback; the same generated corpus of long articles (where analysing a page costs more than storing it) ingested
/// into SQLite with plain <c>muster ingest</c>, then enqueued into a fresh PostgreSQL database and drained by one
/// <c>muster worker --until-empty</c> process, then into another by two at once; then the claims list's latency
/// (<c>/api/claims</c>, as the <c>latency</c> part measures it) on the PostgreSQL record and on the SQLite one.
/// Every process is the built CLI (<c>muster.dll</c> beside this program), as a user runs it.
/// </summary>
/// <remarks>
/// Rates are the steady state: documents stored per second from the <c>warmup</c>-th document's ingest time to the
/// last one's (the record's own <c>ingested_at</c>, taken as each document is stored), so the processes' start-up (the
/// runtime, the pipeline's patterns, the JIT) and the first pages are left out alike for every backend. The whole
/// wall time of each process, start-up included, is reported beside them.
/// </remarks>
public static class WorkersRun
{
    /// <summary>What the part needs and how big it is.</summary>
    /// <param name="Pages">Generated pages.</param>
    /// <param name="WarmupPages">Pages stored before the timing starts.</param>
    /// <param name="MinParagraphs">The fewest body paragraphs of a page.</param>
    /// <param name="MaxParagraphs">The most body paragraphs of a page.</param>
    /// <param name="LatencyRounds">Rounds of the claims-list URLs on each record.</param>
    /// <param name="FillerKb">Kilobytes of plain prose with nothing to claim in each page (0: the articles alone).</param>
    public sealed record Settings(int Pages, int WarmupPages, int MinParagraphs, int MaxParagraphs, int LatencyRounds, int FillerKb = 0);

    /// <summary>Runs the part; the fields of its JSON line.</summary>
    public static async Task<Dictionary<string, object?>> Run(Settings settings)
    {
        var results = new Dictionary<string, object?>();
        if (PostgresCluster.Missing() is { } missing)
        {
            var message = $"PostgreSQL is not available: {missing}";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException(message + "; under CI the workers benchmark must run");
            Console.Error.WriteLine($"workers: skipped: {message}");
            results["workers_skipped"] = message;
            return results;
        }
        var cli = Path.Combine(AppContext.BaseDirectory, "muster.dll");
        if (!File.Exists(cli))
            throw new FileNotFoundException($"the muster CLI is not built beside the benchmarks: {cli}");

        var folder = Directory.CreateTempSubdirectory("muster-bench-workers-").FullName;
        try
        {
            var pages = Path.Combine(folder, "pages");
            var corpus = WriteCorpus(pages, settings);
            results["workers_pages"] = settings.Pages;
            results["workers_corpus"] = $"generated long articles, {settings.MinParagraphs}+ body paragraphs" +
                (settings.FillerKb > 0 ? $" and {settings.FillerKb} KB of prose with nothing to claim" : "") + $" (seed {Corpus.Seed}), {corpus.MeanKb:F1} KB a page on average";
            results["workers_warmup_pages"] = settings.WarmupPages;

            // The control: the pipeline alone, in memory, in one process and then in two at once. What two CPU-bound
            // processes get on this machine at this moment bounds what two workers can.
            var alone = await PipelineRates(1);
            var together = await PipelineRates(2);
            results["workers_pipeline_only_1_pages_per_s"] = Math.Round(alone.Sum(), 1);
            results["workers_pipeline_only_2_pages_per_s"] = Math.Round(together.Sum(), 1);
            results["workers_pipeline_only_2_vs_1"] = alone.Sum() > 0 ? Math.Round(together.Sum() / alone.Sum(), 2) : null;

            // The baseline: one `muster ingest` process into SQLite (it analyses on a second thread ahead of the store).
            var sqlite = Path.Combine(folder, "sqlite.db");
            var ingest = await Phase("sqlite", [Command(cli, "ingest", pages, "--db", sqlite, "--quiet")]);
            Measure(results, "workers_sqlite", ingest, sqlite, settings);

            // MUSTER_BENCH_PG_STATEMENTS=1: each phase's costliest statements go to the log (pg_stat_statements, a little overhead).
            var statements = Environment.GetEnvironmentVariable("MUSTER_BENCH_PG_STATEMENTS") == "1";
            using var cluster = PostgresCluster.Start(statements);
            results["workers_postgres_version"] = "15 (throwaway cluster on 127.0.0.1, synchronous_commit=off)";
            string? lastUri = null;
            foreach (var count in new[] { 1, 2 })
            {
                var uri = cluster.CreateDatabase($"muster_workers_{count}");
                if (statements)
                    Statements(cluster.Connection($"muster_workers_{count}"), reset: true, settings.Pages);
                var enqueue = await Phase($"enqueue-{count}", [Command(cli, "enqueue", pages, "--db", uri)]);
                results[$"workers_enqueue_{count}_s"] = Math.Round(enqueue.WallSeconds, 1);
                var server = cluster.CpuSeconds();
                var workers = Enumerable.Range(0, count).Select(_ => Command(cli, "worker", "--db", uri, "--until-empty", "--quiet")).ToArray();
                var drain = await Phase($"postgres-{count}", workers);
                var prefix = $"workers_postgres_{count}";
                Measure(results, prefix, drain, uri, settings);
                results[$"{prefix}_server_cpu_s"] = Math.Round(cluster.CpuSeconds() - server, 1);
                results[$"{prefix}_queue"] = QueueLine(cluster.Connection($"muster_workers_{count}"));
                if (statements)
                    results[$"{prefix}_statements_per_page"] = Statements(cluster.Connection($"muster_workers_{count}"), reset: false, settings.Pages);
                lastUri = uri;
            }
            double? Rate(string key) => results.GetValueOrDefault(key) as double?;
            double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? Math.Round(x / y, 2) : null;
            results["workers_postgres_1_vs_sqlite"] = Ratio(Rate("workers_postgres_1_pages_per_s"), Rate("workers_sqlite_pages_per_s"));
            results["workers_postgres_2_vs_postgres_1"] = Ratio(Rate("workers_postgres_2_pages_per_s"), Rate("workers_postgres_1_pages_per_s"));
            results["workers_postgres_2_vs_sqlite"] = Ratio(Rate("workers_postgres_2_pages_per_s"), Rate("workers_sqlite_pages_per_s"));
            bool Same(string what) => Equals(results[$"workers_sqlite_{what}"], results[$"workers_postgres_1_{what}"])
                && Equals(results[$"workers_sqlite_{what}"], results[$"workers_postgres_2_{what}"]);
            results["workers_same_counts"] = Same("counts");
            results["workers_same_linking"] = Same("linking_sha256");

            // The claims list on the record two workers made, then on SQLite's: the same pages, the same claims.
            foreach (var (name, db) in new[] { ("postgres", lastUri!), ("sqlite", sqlite) })
            {
                var latency = await LatencyRun.Run(db, settings.LatencyRounds, only: "claims", prefix: $"workers_{name}_");
                foreach (var (key, value) in latency)
                    results[key] = value;
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        return results;
    }

    /// <summary>
    /// The <c>text</c> part (the whole pipeline on news pages in memory, timed after a warm-up) in
    /// <paramref name="processes"/> processes at once; each one's pages per second.
    /// </summary>
    private static async Task<double[]> PipelineRates(int processes)
    {
        Console.Error.WriteLine($"workers: pipeline only, {processes} process(es) at once");
        var host = Environment.ProcessPath!;
        var self = typeof(WorkersRun).Assembly.Location;
        var runs = Enumerable.Range(0, processes).Select(_ =>
        {
            var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = BenchmarkPaths.Root };
            if (Path.GetFileNameWithoutExtension(host) == "dotnet")
                info.ArgumentList.Add(self);
            foreach (var arg in (string[])["text", "--pages", "300", "--seconds", "10", "--warmup", "3"])
                info.ArgumentList.Add(arg);
            return Process.Start(info)!;
        }).ToList();
        var rates = new double[processes];
        for (var i = 0; i < processes; i++)
        {
            var output = runs[i].StandardOutput.ReadToEndAsync();
            _ = runs[i].StandardError.ReadToEndAsync();
            await runs[i].WaitForExitAsync();
            var line = (await output).Split('\n').LastOrDefault(l => l.StartsWith('{'));
            if (runs[i].ExitCode != 0 || line is null)
                throw new InvalidOperationException($"the text part exited with {runs[i].ExitCode}");
            rates[i] = System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("text_pages_per_s_per_core").GetDouble();
            runs[i].Dispose();
        }
        return rates;
    }

    private sealed record CorpusFacts(double MeanKb);

    /// <summary>Writes the corpus as files (the CLI reads files), in the order their names sort.</summary>
    private static CorpusFacts WriteCorpus(string folder, Settings settings)
    {
        Directory.CreateDirectory(folder);
        long bytes = 0;
        foreach (var (name, content) in Corpus.Generate(BenchmarkPaths.Samples, settings.Pages, Corpus.Seed, settings.MinParagraphs, settings.MaxParagraphs, settings.FillerKb * 1024))
        {
            File.WriteAllBytes(Path.Combine(folder, name), content);
            bytes += content.Length;
        }
        return new CorpusFacts(bytes / 1024.0 / settings.Pages);
    }

    private static ProcessStartInfo Command(string cli, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = BenchmarkPaths.Root };
        info.ArgumentList.Add(cli);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return info;
    }

    /// <param name="WallSeconds">From starting the processes to the last one's exit.</param>
    /// <param name="CpuSeconds">The CPU the processes used, start-up included.</param>
    private sealed record PhaseResult(double WallSeconds, double CpuSeconds);

    /// <summary>Starts <paramref name="commands"/> at once and waits for all; fails with a process's error output when one fails.</summary>
    private static async Task<PhaseResult> Phase(string name, ProcessStartInfo[] commands)
    {
        Console.Error.WriteLine($"workers: {name}: {commands.Length} × muster {commands[0].ArgumentList[1]}");
        var cpu = ProcessCpu.Children();
        var clock = Stopwatch.StartNew();
        var processes = commands.Select(c => Process.Start(c)!).ToList();
        try
        {
            var outputs = processes.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Error: p.StandardError.ReadToEndAsync())).ToList();
            await Task.WhenAll(processes.Select(p => p.WaitForExitAsync()));
            var wall = clock.Elapsed.TotalSeconds;
            for (var i = 0; i < processes.Count; i++)
            {
                var error = (await outputs[i].Error).Trim();
                var last = (await outputs[i].Out).Trim().Split('\n').LastOrDefault() ?? "";
                Console.Error.WriteLine($"workers: {name}: {last}");
                if (processes[i].ExitCode != 0)
                    throw new InvalidOperationException($"{name}: muster exited with {processes[i].ExitCode}: {error}");
            }
            Console.Error.WriteLine($"workers: {name}: {wall:F1} s");
            return new PhaseResult(wall, ProcessCpu.Children() - cpu);
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited)
                    process.Kill();
                process.Dispose();
            }
        }
    }

    /// <summary>The steady-state rate from the record's ingest times, the phase's wall and CPU time, and what the record holds.</summary>
    private static void Measure(Dictionary<string, object?> results, string prefix, PhaseResult phase, string db, Settings settings)
    {
        using var connection = LatencyRun.Open(db);
        var times = Column(connection, "SELECT ingested_at FROM documents")
            .Select(t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)).Order().ToList();
        if (times.Count <= settings.WarmupPages + 1)
            throw new InvalidOperationException($"{prefix}: {times.Count} documents stored, too few past {settings.WarmupPages} warm-up pages");
        var (start, end) = (times[settings.WarmupPages - 1], times[^1]);
        // Counted: the documents stored after the timing started, up to the last (a SQLite batch shares one time).
        var timed = times.Count(t => t > start);
        var seconds = (end - start).TotalSeconds;
        results[$"{prefix}_pages_per_s"] = Math.Round(timed / seconds, 1);
        results[$"{prefix}_steady_s"] = Math.Round(seconds, 1);
        results[$"{prefix}_wall_s"] = Math.Round(phase.WallSeconds, 1);
        results[$"{prefix}_cpu_s"] = Math.Round(phase.CpuSeconds, 1);
        results[$"{prefix}_counts"] = string.Join(", ", new[] { "documents", "stories", "claims", "events" }
            .Select(table => $"{table} {Column(connection, $"SELECT CAST(COUNT(*) AS TEXT) FROM {table}")[0]}"))
            + $", cluster merges {Column(connection, "SELECT CAST(COUNT(*) AS TEXT) FROM record_changes WHERE kind = 'cluster-merged'")[0]}";
        // Which event each claim is in and which cluster each story: the linking, which must not depend on how many
        // workers stored the pages.
        var linking = string.Join("\n", Column(connection, "SELECT CAST(claim_id AS TEXT) || ' ' || event_id FROM event_claims ORDER BY claim_id")
            .Concat(Column(connection, "SELECT story_id || ' ' || cluster_id FROM story_signatures ORDER BY story_id")));
        results[$"{prefix}_linking_sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(linking)))[..16];
    }

    /// <summary>Resets pg_stat_statements, or prints the costliest statements since; the statements run per page.</summary>
    private static double? Statements(string connectionString, bool reset, int pages)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        if (reset)
        {
            command.CommandText = "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()";
            command.ExecuteNonQuery();
            return null;
        }
        command.CommandText = """
            SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), left(regexp_replace(query, '\s+', ' ', 'g'), 110)
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC LIMIT 25
            """;
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                Console.Error.WriteLine($"workers: statements: {reader.GetInt64(0),8} calls {reader.GetDecimal(1),9} ms total {reader.GetDecimal(2),8} ms mean  {reader.GetString(3)}");
        command.CommandText = "SELECT sum(calls)::float8, sum(total_exec_time)::float8 FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())";
        using var totals = command.ExecuteReader();
        totals.Read();
        Console.Error.WriteLine($"workers: statements: {totals.GetDouble(0) / pages:F0} a page, {totals.GetDouble(1) / pages:F1} ms of execution a page");
        return Math.Round(totals.GetDouble(0) / pages);
    }

    private static string QueueLine(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return string.Join(", ", Column(connection, "SELECT state || ' ' || COUNT(*) FROM queue_jobs GROUP BY state ORDER BY state"));
    }

    private static List<string> Column(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
            list.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        return list;
    }
}
