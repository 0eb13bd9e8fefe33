using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Muster.Tests.Storage.Backends;

/// <summary>
/// A throwaway PostgreSQL cluster on loopback: Debian's PostgreSQL 15 programs (<c>MUSTER_PG_BIN</c> names another
/// folder of them), <c>initdb</c> and <c>pg_ctl</c> run as the <c>postgres</c> user through <c>runuser</c> when root
/// (PostgreSQL refuses root), a free port on 127.0.0.1, the socket in the cluster's own folder; stopped and deleted
/// when disposed. The tests' server (<see cref="PostgresServer"/>) and the workers benchmark both start theirs with it
/// (the benchmark project compiles this file too).
/// </summary>
internal sealed class LocalPostgres : IDisposable
{
    private LocalPostgres(string folder, int port)
    {
        Folder = folder;
        Port = port;
    }

    /// <summary>The cluster's folder (its data in <c>data/</c>, its log in <c>server.log</c>).</summary>
    public string Folder { get; }

    /// <summary>The port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Where the server's programs are: <c>MUSTER_PG_BIN</c>, else Debian's postgresql-15 folder.</summary>
    public static string BinaryFolder =>
        Environment.GetEnvironmentVariable("MUSTER_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    /// <summary>Why no cluster can be started here (the programs are missing), or null when they are present.</summary>
    public static string? Missing() =>
        File.Exists(Path.Combine(BinaryFolder, "initdb")) && File.Exists(Path.Combine(BinaryFolder, "pg_ctl"))
            ? null
            : $"{Path.Combine(BinaryFolder, "initdb")} does not exist (apt-get install postgresql, or set MUSTER_PG_BIN)";

    /// <summary>Creates and starts a cluster in a new temporary folder named from <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The temporary folder's prefix.</param>
    /// <param name="settings">Server settings beyond the address, port and socket (<c>-c name=value …</c>).</param>
    /// <exception cref="InvalidOperationException">initdb or pg_ctl failed; the message has their output.</exception>
    public static LocalPostgres Start(string prefix, string settings)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        try
        {
            if (IsRoot)
                Run("chown", ["postgres:", folder]);
            var data = Path.Combine(folder, "data");
            Run(Path.Combine(BinaryFolder, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
            var port = FreePort();
            var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} {settings}";
            Run(Path.Combine(BinaryFolder, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start"]);
            return new LocalPostgres(folder, port);
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/>.</summary>
    public string Connection(string database, bool pooling) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = pooling, Timeout = 30,
    }.ConnectionString;

    /// <summary>A URI for <paramref name="database"/>, as a user passes it to <c>--db</c>.</summary>
    public string Uri(string database) => $"postgresql://postgres@127.0.0.1:{Port}/{database}";

    /// <summary>Creates an empty database named <paramref name="name"/>.</summary>
    public void CreateDatabase(string name)
    {
        using var connection = new NpgsqlConnection(Connection("postgres", pooling: false));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'";
        command.ExecuteNonQuery();
    }

    private static bool IsRoot => Environment.UserName == "root";

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

    /// <summary>Stops the server (fast shutdown: it ends open sessions) and deletes its folder.</summary>
    /// <exception cref="InvalidOperationException">pg_ctl could not stop it (the folder is deleted all the same).</exception>
    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Run(Path.Combine(BinaryFolder, "pg_ctl"), ["-D", Path.Combine(Folder, "data"), "-m", "fast", "-w", "stop"]);
        }
        finally
        {
            TryDelete(Folder);
        }
    }
}
