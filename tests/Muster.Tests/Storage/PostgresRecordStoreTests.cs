using Muster.Storage;
using Muster.Tests.Storage.Backends;

namespace Muster.Tests.Storage;

/// <summary>The record's suite on PostgreSQL, and its own migrations.</summary>
public sealed class PostgresRecordStoreTests(PostgresServer server) : RecordStoreSuite(new PostgresBackend(server))
{
    [Fact]
    public void MigrationsBringANewDatabaseToTheLatestVersionOnce()
    {
        using (var store = (PostgresRecordStore)Backend.Open())
            Assert.Equal(Muster.Storage.Postgres.PostgresMigrations.All.Max(m => m.Version), store.SchemaVersion);
        using var again = (PostgresRecordStore)Backend.Open();
        Assert.Equal(Muster.Storage.Postgres.PostgresMigrations.All.Max(m => m.Version), again.SchemaVersion);
        Assert.Equal(0, again.Count().Documents);
    }
}
