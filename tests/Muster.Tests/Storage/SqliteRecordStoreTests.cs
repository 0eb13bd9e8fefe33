using Microsoft.Data.Sqlite;
using Muster.Storage;
using Muster.Tests.Storage.Backends;

namespace Muster.Tests.Storage;

/// <summary>The record's suite on SQLite, and what only the SQLite file has: its migrations and WAL mode.</summary>
public sealed class SqliteRecordStoreTests() : RecordStoreSuite(new SqliteBackend())
{
    private string Db => ((SqliteBackend)Backend).Path;

    [Fact]
    public void MigrationsBringANewDatabaseToTheLatestVersionOnce()
    {
        using (var store = new SqliteRecordStore(Db))
            Assert.Equal(SqliteMigrations.All.Max(m => m.Version), store.SchemaVersion);
        using var again = new SqliteRecordStore(Db);
        Assert.Equal(SqliteMigrations.All.Max(m => m.Version), again.SchemaVersion);
        using var connection = new SqliteConnection($"Data Source={Db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void AFileThatIsNoDatabaseIsMustersOwnErrorNamingIt()
    {
        File.WriteAllText(Db, "not a database, only text that is long enough to be read as a header and refused by SQLite");
        var error = Assert.Throws<RecordStoreException>(() => new SqliteRecordStore(Db));
        Assert.Contains(Db, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.IsType<SqliteException>(error.InnerException);
    }
}
