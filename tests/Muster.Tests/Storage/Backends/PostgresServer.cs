using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(Muster.Tests.Storage.Backends.PostgresServer))]

namespace Muster.Tests.Storage.Backends;

/// <summary>
/// A throwaway PostgreSQL cluster on loopback for the test run, started the first time a test asks for it (initdb,
/// pg_ctl start with its socket in its own folder) and stopped when the run ends. As root the server runs as the
/// <c>postgres</c> user (runuser), as PostgreSQL requires. Without Debian's binaries a PostgreSQL test skips
/// locally with a message and fails under CI (<c>CI=true</c>).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Where Debian's postgresql-15 package puts the server's programs; <c>MUSTER_PG_BIN</c> names another.</summary>
    public static string BinaryFolder =>
        Environment.GetEnvironmentVariable("MUSTER_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    private readonly Lock _gate = new();
    private string? _folder;
    private int _port;
    private string? _failure;
    private int _databases;

    /// <summary>The connection string of the maintenance database, starting the server if need be; skips or fails without one.</summary>
    public string Maintenance
    {
        get
        {
            lock (_gate)
            {
                if (_folder is null && _failure is null)
                    Start();
            }
            if (_failure is not null)
                Unavailable(_failure);
            return Connection("postgres");
        }
    }

    /// <summary>A connection string for <paramref name="database"/> on the running server.</summary>
    public string Connection(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database, Pooling = true, Timeout = 30,
    }.ConnectionString;

    /// <summary>A URI for <paramref name="database"/>, as a user passes it to <c>--db</c>.</summary>
    public string Uri(string database) => $"postgresql://postgres@127.0.0.1:{_port}/{database}";

    /// <summary>Creates an empty database of its own for one test; its name.</summary>
    public string CreateDatabase()
    {
        var name = $"muster_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using var connection = new NpgsqlConnection(Maintenance);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'";
        command.ExecuteNonQuery();
        return name;
    }

    /// <summary>Drops a test's database, closing whatever connections are still open on it.</summary>
    public void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Maintenance);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    private static void Unavailable(string reason)
    {
        var message = $"PostgreSQL is not available: {reason}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message + "; under CI the PostgreSQL backend must be tested (test.sh installs it)");
        Assert.Skip(message + "; PostgreSQL tests skipped locally (apt-get install postgresql, or MUSTER_PG_BIN)");
    }

    private static bool IsRoot => Environment.UserName == "root";

    private void Start()
    {
        var initdb = Path.Combine(BinaryFolder, "initdb");
        if (!File.Exists(initdb))
        {
            _failure = $"{initdb} does not exist";
            return;
        }
        var folder = Directory.CreateTempSubdirectory("muster-pg-").FullName;
        try
        {
            if (IsRoot)
                Run("chown", ["postgres:", folder]);
            var data = Path.Combine(folder, "data");
            Run(initdb, ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
            _port = FreePort();
            // Loopback only; the socket in the cluster's own folder; durability off: the cluster lives for one test run.
            var options = $"-c listen_addresses=127.0.0.1 -p {_port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            Run(Path.Combine(BinaryFolder, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start"]);
            _folder = folder;
        }
        catch (Exception e)
        {
            _failure = e.Message;
            TryDelete(folder);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a program (as the postgres user when root) and fails with its output when it fails.</summary>
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

    /// <summary>Stops the server (fast shutdown: it closes what is still connected) and deletes its folder.</summary>
    public ValueTask DisposeAsync()
    {
        if (_folder is { } folder)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                Run(Path.Combine(BinaryFolder, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "fast", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // The run is over either way; the folder is removed below.
            }
            TryDelete(folder);
            _folder = null;
        }
        return ValueTask.CompletedTask;
    }
}
