using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Muster.Benchmarks;

/// <summary>
/// A throwaway PostgreSQL cluster on loopback for one benchmark run, as the tests start theirs: Debian's PostgreSQL 15
/// programs (<c>MUSTER_PG_BIN</c> names another folder of them), <c>initdb</c> and <c>pg_ctl</c> run as the
/// <c>postgres</c> user through <c>runuser</c> when root, a free port, the socket in the cluster's own folder; stopped
/// and deleted when disposed.
/// </summary>
/// <remarks>
/// Unlike the tests' cluster it keeps <c>fsync</c> and <c>full_page_writes</c> on: only <c>synchronous_commit</c> is
/// off, the durability of the SQLite record it is compared with (WAL with <c>synchronous=NORMAL</c>: a crash of the
/// machine may lose the last commits, never corrupt the record).
/// </remarks>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _folder;

    /// <summary>The port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    private PostgresCluster(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    /// <summary>Where the server's programs are: <c>MUSTER_PG_BIN</c>, else Debian's postgresql-15 folder.</summary>
    public static string BinaryFolder =>
        Environment.GetEnvironmentVariable("MUSTER_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    /// <summary>Why no cluster can be started here (the programs are missing), or null when they are present.</summary>
    public static string? Missing() =>
        File.Exists(Path.Combine(BinaryFolder, "initdb")) && File.Exists(Path.Combine(BinaryFolder, "pg_ctl"))
            ? null
            : $"{Path.Combine(BinaryFolder, "initdb")} does not exist (apt-get install postgresql, or set MUSTER_PG_BIN)";

    /// <summary>Creates and starts a cluster.</summary>
    /// <exception cref="InvalidOperationException">initdb or pg_ctl failed; the message has their output.</exception>
    /// <param name="statements">Load pg_stat_statements (the statements each phase ran, for finding what a write costs).</param>
    public static PostgresCluster Start(bool statements = false)
    {
        var folder = Directory.CreateTempSubdirectory("muster-bench-pg-").FullName;
        try
        {
            if (IsRoot)
                Run("chown", ["postgres:", folder]);
            var data = Path.Combine(folder, "data");
            Run(Path.Combine(BinaryFolder, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
            var port = FreePort();
            var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c synchronous_commit=off -c max_connections=50"
                + (statements ? " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" : "");
            Run(Path.Combine(BinaryFolder, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start"]);
            return new PostgresCluster(folder, port);
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    /// <summary>
    /// The CPU seconds the server has used so far: the postmaster's own and that of its children that have ended (a
    /// session's backend ends when its client disconnects, so after a phase's workers have exited their sessions' CPU
    /// is counted; the long-lived background processes' is not).
    /// </summary>
    public double CpuSeconds()
    {
        var pid = File.ReadLines(Path.Combine(_folder, "data", "postmaster.pid")).First().Trim();
        return ProcessCpu.Seconds($"/proc/{pid}/stat", includeOwn: true);
    }

    /// <summary>Creates an empty database; the URI a user would pass to <c>--db</c>.</summary>
    public string CreateDatabase(string name)
    {
        using var connection = new NpgsqlConnection(Connection("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'";
        command.ExecuteNonQuery();
        return Uri(name);
    }

    /// <summary>The URI of <paramref name="database"/>.</summary>
    public string Uri(string database) => $"postgresql://postgres@127.0.0.1:{Port}/{database}";

    /// <summary>An Npgsql connection string for <paramref name="database"/>.</summary>
    public string Connection(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = false, Timeout = 30,
    }.ConnectionString;

    private static bool IsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (IsRoot && program != "chown")
        {
            info.FileName = "runuser";
            foreach (var a in (string[])["-u", "postgres", "--", program])
                info.ArgumentList.Add(a);
        }
        else
        {
            info.FileName = program;
        }
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish in 120 s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {error.Result.Trim()} {output.Result.Trim()}".Trim());
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Stops the server (fast: it ends open sessions) and deletes its folder.</summary>
    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Run(Path.Combine(BinaryFolder, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop"]);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"workers: stopping the PostgreSQL cluster: {e.Message}");
        }
        TryDelete(_folder);
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
