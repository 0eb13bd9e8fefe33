using System.Globalization;

namespace Muster.Storage.Sql;

/// <summary>
/// Numbered migrations as every backend applies them: the version is the highest recorded in <c>schema_migrations</c>;
/// each later migration runs as one command (several statements, no parameters) and is recorded, inside the caller's
/// write transaction.
/// </summary>
internal static class SchemaMigrations
{
    /// <summary>The recorded version, 0 when <paramref name="tableExists"/> (a query) finds no <c>schema_migrations</c>.</summary>
    public static int Version(SqlSession session, string tableExists) => session.Scalar(tableExists) is null
        ? 0
        : Convert.ToInt32(session.Scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"), CultureInfo.InvariantCulture);

    /// <summary>Applies, in order, the migrations after <paramref name="current"/>, in the session's write transaction.</summary>
    public static void ApplyAfter(SqlSession session, IReadOnlyList<(int Version, string Sql)> migrations, int current, int timeoutSeconds)
    {
        foreach (var (version, sql) in migrations)
        {
            if (version <= current)
                continue;
            // Never pooled: run once.
            using (var command = session.Connection.CreateCommand())
            {
                command.Transaction = session.Transaction;
                command.CommandTimeout = timeoutSeconds;
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }
            session.Execute("INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @t)",
                ("@v", version), ("@t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
        }
    }
}
