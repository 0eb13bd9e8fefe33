using Muster.Watching;

namespace Muster.Storage;

/// <summary>The watcher's state in the record's SQLite file (tables of migration 12), on a connection of its own.</summary>
public sealed class SqliteWatchState : IWatchState
{
    private readonly SqliteSideTables _db;

    /// <summary>Opens (creating and migrating if needed) the database at <paramref name="path"/>.</summary>
    public SqliteWatchState(string path, TimeSpan lockWait) => _db = new SqliteSideTables(path, lockWait);

    /// <summary>Opens the database at <paramref name="path"/>, waiting for other writers as the record does by default.</summary>
    public SqliteWatchState(string path) : this(path, SqliteRecordStore.DefaultLockWait)
    {
    }

    /// <inheritdoc />
    public void Dispose() => _db.Dispose();

    private const string Columns = "url, last_attempt, last_success, etag, last_modified, next_due, failures, last_outcome";

    private static SourceState Read(Microsoft.Data.Sqlite.SqliteDataReader r) => new(
        r.GetString(0), SqliteSideTables.ReadStamp(r, 1), SqliteSideTables.ReadStamp(r, 2),
        new Validators(SqliteSideTables.Text(r, 3), SqliteSideTables.Text(r, 4)), SqliteSideTables.ReadStamp(r, 5)!.Value, r.GetInt32(6), SqliteSideTables.Text(r, 7));

    /// <inheritdoc />
    public SourceState? Get(string url) =>
        _db.Query($"SELECT {Columns} FROM watch_sources WHERE url = $u", Read, null, ("$u", url)).FirstOrDefault();

    /// <inheritdoc />
    public IReadOnlyList<SourceState> All() => _db.Query($"SELECT {Columns} FROM watch_sources ORDER BY url", Read);

    /// <inheritdoc />
    public void Put(SourceState state) => _db.Write(t => _db.Execute(
        $"""
         INSERT INTO watch_sources ({Columns}) VALUES ($u, $a, $s, $e, $m, $n, $f, $o)
         ON CONFLICT (url) DO UPDATE SET last_attempt = excluded.last_attempt, last_success = excluded.last_success, etag = excluded.etag,
             last_modified = excluded.last_modified, next_due = excluded.next_due, failures = excluded.failures, last_outcome = excluded.last_outcome
         """, t,
        ("$u", state.Url), ("$a", Stamp(state.LastAttempt)), ("$s", Stamp(state.LastSuccess)), ("$e", state.Validators.ETag),
        ("$m", state.Validators.LastModified), ("$n", SqliteSideTables.Stamp(state.NextDue)), ("$f", state.Failures), ("$o", state.LastOutcome)));

    private static string? Stamp(DateTimeOffset? at) => at is { } value ? SqliteSideTables.Stamp(value) : null;

    /// <inheritdoc />
    public IReadOnlySet<string> Seen(string url, IReadOnlyCollection<string> keys)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        lock (_db.Gate)
        {
            // Asked key by key on one prepared statement: a feed holds tens of items, a listing at most a few hundred.
            using var command = _db.Command("SELECT 1 FROM watch_items WHERE source_url = $u AND item_key = $k", null, ("$u", url), ("$k", ""));
            foreach (var key in keys)
            {
                command.Parameters["$k"].Value = key;
                if (command.ExecuteScalar() is not null)
                    seen.Add(key);
            }
        }
        return seen;
    }

    /// <inheritdoc />
    public void MarkSeen(string url, IReadOnlyCollection<(string Key, string? Document)> items, DateTimeOffset at)
    {
        if (items.Count == 0)
            return;
        _db.Write(t =>
        {
            using var command = _db.Command(
                "INSERT INTO watch_items (source_url, item_key, document_source, seen_at) VALUES ($u, $k, $d, $t) ON CONFLICT DO NOTHING", t,
                ("$u", url), ("$k", ""), ("$d", null), ("$t", SqliteSideTables.Stamp(at)));
            foreach (var (key, document) in items)
            {
                command.Parameters["$k"].Value = key;
                command.Parameters["$d"].Value = (object?)document ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
        });
    }

    /// <inheritdoc />
    public long SeenCount(string url) => Convert.ToInt64(_db.Scalar("SELECT COUNT(*) FROM watch_items WHERE source_url = $u", null, ("$u", url)),
        System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public (string Text, DateTimeOffset FetchedAt)? GetRobots(string origin) =>
        _db.Query("SELECT body, fetched_at FROM watch_robots WHERE origin = $o", r => (r.GetString(0), SqliteSideTables.ReadStamp(r, 1)!.Value), null, ("$o", origin))
            is [var row] ? row : null;

    /// <inheritdoc />
    public void PutRobots(string origin, string text, DateTimeOffset fetchedAt) => _db.Write(t => _db.Execute(
        "INSERT INTO watch_robots (origin, body, fetched_at) VALUES ($o, $b, $t) ON CONFLICT (origin) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at",
        t, ("$o", origin), ("$b", text), ("$t", SqliteSideTables.Stamp(fetchedAt))));
}
