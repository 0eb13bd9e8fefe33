using Muster.Storage.Sql;

namespace Muster.Storage.Postgres;

/// <summary>
/// Brings a PostgreSQL record to the latest of <see cref="PostgresMigrations.All"/>: in one transaction under the
/// record's write lock, the version read again once the lock is held, so that two processes starting at once
/// migrate once (DDL is transactional in PostgreSQL: a failed migration leaves nothing behind).
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The version the database is at (0 for an empty database).</summary>
    public static int Version(SqlSession session) => SchemaMigrations.Version(session, "SELECT to_regclass('schema_migrations')::text");

    /// <summary>Applies the missing migrations inside <paramref name="inWrite"/> (a write transaction holding the lock).</summary>
    public static void Migrate(SqlSession session, Action<Action> inWrite)
    {
        if (Version(session) >= PostgresMigrations.All[^1].Version)
            return;
        inWrite(() =>
        {
            session.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at text NOT NULL)");
            SchemaMigrations.ApplyAfter(session, PostgresMigrations.All, Version(session), session.WriteTimeout);
        });
    }
}
