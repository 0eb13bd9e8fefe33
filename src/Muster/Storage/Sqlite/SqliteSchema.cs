using Microsoft.Data.Sqlite;
using Muster.Storage.Sql;

namespace Muster.Storage.Sqlite;

/// <summary>
/// Brings a SQLite record to the latest of <see cref="SqliteMigrations.All"/>: every missing migration in one write
/// transaction, after reading the version again under the write lock, so a second process that waited for the first
/// finds the schema current, never half of it.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The version the database is at (0 for a new file).</summary>
    public static int Version(SqlSession session) =>
        SchemaMigrations.Version(session, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");

    /// <summary>Applies the missing migrations; returns the version the database was at before.</summary>
    public static int Migrate(SqlSession session, Func<SqliteTransaction> beginWrite, WriteRetry retry, int statementSeconds)
    {
        // Most opens find the schema current and take no lock (a web request opens the store).
        var latest = SqliteMigrations.All[^1].Version;
        var found = Version(session);
        if (found >= latest)
            return found;
        var before = retry.Run(() =>
        {
            using var transaction = beginWrite();
            try
            {
                session.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
                var current = Version(session);
                SchemaMigrations.ApplyAfter(session, SqliteMigrations.All, current, statementSeconds);
                transaction.Commit();
                return current;
            }
            finally
            {
                session.Transaction = null;
            }
        });
        // New indexes are only chosen well with statistics; a sampled ANALYZE takes moments even on a large record.
        if (before > 0 && before < latest)
            retry.Run(() => session.Execute("PRAGMA analysis_limit=400; ANALYZE;"));
        return before;
    }
}
