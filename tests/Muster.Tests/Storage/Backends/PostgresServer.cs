using Npgsql;

[assembly: AssemblyFixture(typeof(Muster.Tests.Storage.Backends.PostgresServer))]

namespace Muster.Tests.Storage.Backends;

/// <summary>
/// The throwaway PostgreSQL cluster of the test run (<see cref="LocalPostgres"/>), started the first time a test asks
/// for it and stopped when the run ends. Without Debian's binaries a PostgreSQL test skips locally with a message and
/// fails under CI (<c>CI=true</c>).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private LocalPostgres? _cluster;
    private string? _failure;
    private int _databases;

    /// <summary>The connection string of the maintenance database, starting the server if need be; skips or fails without one.</summary>
    public string Maintenance
    {
        get
        {
            lock (_gate)
            {
                if (_cluster is null && _failure is null)
                    Start();
            }
            if (_failure is not null)
                Unavailable(_failure);
            return Connection("postgres");
        }
    }

    /// <summary>A connection string for <paramref name="database"/> on the running server.</summary>
    public string Connection(string database) => _cluster!.Connection(database, pooling: true);

    /// <summary>A URI for <paramref name="database"/>, as a user passes it to <c>--db</c>.</summary>
    public string Uri(string database) => _cluster!.Uri(database);

    /// <summary>Creates an empty database of its own for one test; its name.</summary>
    public string CreateDatabase()
    {
        var name = $"muster_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        _ = Maintenance;
        _cluster!.CreateDatabase(name);
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

    private void Start()
    {
        if (LocalPostgres.Missing() is { } missing)
        {
            _failure = missing;
            return;
        }
        try
        {
            // Durability off: the cluster lives for one test run.
            _cluster = LocalPostgres.Start("muster-pg-", "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        catch (InvalidOperationException e)
        {
            _failure = e.Message;
        }
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public ValueTask DisposeAsync()
    {
        try
        {
            _cluster?.Dispose();
        }
        catch (InvalidOperationException)
        {
            // The run is over either way; the folder is removed.
        }
        _cluster = null;
        return ValueTask.CompletedTask;
    }
}
