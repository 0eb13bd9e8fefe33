using Muster.Tests.Storage.Backends;

namespace Muster.Benchmarks;

/// <summary>
/// A throwaway PostgreSQL cluster on loopback for one benchmark run, started as the tests start theirs (the tests'
/// <see cref="LocalPostgres"/>, compiled here too).
/// </summary>
/// <remarks>
/// Unlike the tests' cluster it keeps <c>fsync</c> and <c>full_page_writes</c> on: only <c>synchronous_commit</c> is
/// off, the durability of the SQLite record it is compared with (WAL with <c>synchronous=NORMAL</c>: a crash of the
/// machine may lose the last commits, never corrupt the record).
/// </remarks>
public sealed class PostgresCluster : IDisposable
{
    private readonly LocalPostgres _server;

    private PostgresCluster(LocalPostgres server) => _server = server;

    /// <summary>Why no cluster can be started here (the programs are missing), or null when they are present.</summary>
    public static string? Missing() => LocalPostgres.Missing();

    /// <summary>Creates and starts a cluster.</summary>
    /// <exception cref="InvalidOperationException">initdb or pg_ctl failed; the message has their output.</exception>
    /// <param name="statements">Load pg_stat_statements (the statements each phase ran, for finding what a write costs).</param>
    public static PostgresCluster Start(bool statements = false) =>
        new(LocalPostgres.Start("muster-bench-pg-", "-c synchronous_commit=off -c max_connections=50"
            + (statements ? " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" : "")));

    /// <summary>
    /// The CPU seconds the server has used so far: the postmaster's own and that of its children that have ended (a
    /// session's backend ends when its client disconnects, so after a phase's workers have exited their sessions' CPU
    /// is counted; the long-lived background processes' is not).
    /// </summary>
    public double CpuSeconds()
    {
        var pid = File.ReadLines(Path.Combine(_server.Folder, "data", "postmaster.pid")).First().Trim();
        return ProcessCpu.Seconds($"/proc/{pid}/stat", includeOwn: true);
    }

    /// <summary>Creates an empty database; the URI a user would pass to <c>--db</c>.</summary>
    public string CreateDatabase(string name)
    {
        _server.CreateDatabase(name);
        return _server.Uri(name);
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/>.</summary>
    public string Connection(string database) => _server.Connection(database, pooling: false);

    /// <summary>Stops the server (fast: it ends open sessions) and deletes its folder.</summary>
    public void Dispose()
    {
        try
        {
            _server.Dispose();
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"workers: stopping the PostgreSQL cluster: {e.Message}");
        }
    }
}

/// <summary>CPU time from <c>/proc/PID/stat</c>: a process's own and that of its children it has waited for.</summary>
internal static class ProcessCpu
{
    // USER_HZ: the unit of /proc's times on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The CPU seconds of the ended children of this process (the benchmark's child processes, once exited).</summary>
    public static double Children() => Seconds("/proc/self/stat", includeOwn: false);

    /// <summary>utime+stime (when <paramref name="includeOwn"/>) plus cutime+cstime of the process whose stat file is <paramref name="stat"/>.</summary>
    public static double Seconds(string stat, bool includeOwn)
    {
        if (!File.Exists(stat))
            return double.NaN;
        // The fields after the command's closing parenthesis, from the third (state) on.
        var fields = File.ReadAllText(stat).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double Field(int number) => double.Parse(fields[number - 3], System.Globalization.CultureInfo.InvariantCulture);
        var children = Field(16) + Field(17);
        return ((includeOwn ? Field(14) + Field(15) : 0) + children) / TicksPerSecond;
    }
}
