using Microsoft.Data.Sqlite;
using Muster.Storage;
using Muster.Storage.Sql;

namespace Muster.Tests.Storage.Backends;

/// <summary>
/// A fresh, empty record on one backend, for one test: opened (and opened again) by the suite that runs on every
/// backend, and named as <c>--db</c> takes it for the CLI's tests.
/// </summary>
public abstract class StoreBackend : IDisposable
{
    /// <summary>Opens the test's record (creating its schema the first time).</summary>
    public abstract SqlRecordStore Open();

    /// <summary>The record as <c>--db</c> names it.</summary>
    public abstract string Location { get; }

    /// <summary>Another fresh record on the same backend (a test that compares two records), disposed by the test.</summary>
    public abstract StoreBackend Another();

    /// <inheritdoc />
    public abstract void Dispose();
}

/// <summary>A SQLite file in a folder of the test's own.</summary>
public sealed class SqliteBackend : StoreBackend
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-store-").FullName;

    /// <summary>The database file.</summary>
    public string Path => System.IO.Path.Combine(_folder, "muster.db");

    public override SqlRecordStore Open() => new SqliteRecordStore(Path);

    public override string Location => Path;

    public override StoreBackend Another() => new SqliteBackend();

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>A database of the test's own on the run's throwaway PostgreSQL server.</summary>
/// <remarks>The database is created when the test first asks for it, so that a missing server skips the test itself.</remarks>
public sealed class PostgresBackend(PostgresServer server) : StoreBackend
{
    private string? _database;

    private string Database => _database ??= server.CreateDatabase();

    public override SqlRecordStore Open() => new PostgresRecordStore(server.Connection(Database), server.Uri(Database), TimeSpan.FromSeconds(60));

    public override string Location => server.Uri(Database);

    /// <summary>Npgsql's connection string for the test's database, for tests that look at its tables.</summary>
    public string ConnectionString => server.Connection(Database);

    public override StoreBackend Another() => new PostgresBackend(server);

    public override void Dispose()
    {
        if (_database is not null)
            server.DropDatabase(_database);
    }
}
