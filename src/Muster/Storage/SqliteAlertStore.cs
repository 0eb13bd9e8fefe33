using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Muster.Alerts;

namespace Muster.Storage;

/// <summary>Saved queries and alerts in the record's SQLite file (tables of migration 13), on a connection of its own.</summary>
public sealed class SqliteAlertStore : IAlertStore
{
    private readonly SqliteSideTables _db;

    /// <summary>Opens (creating and migrating if needed) the database at <paramref name="path"/>.</summary>
    public SqliteAlertStore(string path, TimeSpan lockWait) => _db = new SqliteSideTables(path, lockWait);

    /// <summary>Opens the database at <paramref name="path"/>, waiting for other writers as the record does by default.</summary>
    public SqliteAlertStore(string path) : this(path, SqliteRecordStore.DefaultLockWait)
    {
    }

    /// <inheritdoc />
    public void Dispose() => _db.Dispose();

    private const string QueryColumns = "name, type, place, since, until, stance, source_text, text, min_sources, webhook, jsonl, created_at";

    private static SavedQuery ReadQuery(SqliteDataReader r) => new(
        r.GetString(0),
        new ClaimFilter(Type: SqliteSideTables.Text(r, 1), Place: SqliteSideTables.Text(r, 2), Since: SqliteSideTables.Text(r, 3), Until: SqliteSideTables.Text(r, 4),
            Stance: SqliteSideTables.Text(r, 5), SourceText: SqliteSideTables.Text(r, 6), Text: SqliteSideTables.Text(r, 7)),
        r.IsDBNull(8) ? null : r.GetInt32(8), SqliteSideTables.Text(r, 9), SqliteSideTables.Text(r, 10), SqliteSideTables.ReadStamp(r, 11)!.Value);

    /// <inheritdoc />
    public bool Add(SavedQuery query, IEnumerable<AlertMatch> baseline)
    {
        var matches = baseline.ToList();
        return _db.Write(t =>
        {
            if (_db.Scalar("SELECT 1 FROM saved_queries WHERE name = $n", t, ("$n", query.Name)) is not null)
                return false;
            var f = query.Filter;
            _db.Execute($"INSERT INTO saved_queries ({QueryColumns}) VALUES ($n, $type, $place, $since, $until, $stance, $source, $text, $min, $hook, $jsonl, $at)", t,
                ("$n", query.Name), ("$type", f.Type), ("$place", f.Place), ("$since", f.Since), ("$until", f.Until), ("$stance", f.Stance),
                ("$source", f.SourceText), ("$text", f.Text), ("$min", query.MinSources), ("$hook", query.Webhook), ("$jsonl", query.JsonLines),
                ("$at", SqliteSideTables.Stamp(query.CreatedAt)));
            foreach (var match in matches)
                Insert(t, query.Name, match, query.CreatedAt, baseline: true);
            return true;
        });
    }

    /// <inheritdoc />
    public bool Remove(string name) => _db.Write(t =>
    {
        _db.Execute("DELETE FROM alert_deliveries WHERE match_id IN (SELECT id FROM alert_matches WHERE query_name = $n)", t, ("$n", name));
        _db.Execute("DELETE FROM alert_matches WHERE query_name = $n", t, ("$n", name));
        return _db.Execute("DELETE FROM saved_queries WHERE name = $n", t, ("$n", name)) > 0;
    });

    /// <inheritdoc />
    public IReadOnlyList<SavedQuery> List() => _db.Query($"SELECT {QueryColumns} FROM saved_queries ORDER BY name", ReadQuery);

    /// <inheritdoc />
    public SavedQuery? Find(string name) =>
        _db.Query($"SELECT {QueryColumns} FROM saved_queries WHERE name = $n", ReadQuery, null, ("$n", name)).FirstOrDefault();

    /// <summary>The alert as JSON: the query's name, the time, then the match's fields.</summary>
    private static string Payload(string query, AlertMatch match, DateTimeOffset at)
    {
        var fields = new Dictionary<string, object?> { ["query"] = query, ["matched_at"] = SqliteSideTables.Stamp(at), ["title"] = match.Title, ["path"] = match.Path };
        foreach (var (key, value) in match.Fields)
            fields[key] = value;
        return JsonSerializer.Serialize(fields);
    }

    /// <summary>Inserts a match unless recorded; its id, or null when it was.</summary>
    private long? Insert(SqliteTransaction t, string query, AlertMatch match, DateTimeOffset at, bool baseline)
    {
        var id = _db.Scalar("""
            INSERT INTO alert_matches (query_name, kind, subject, matched_at, baseline, payload) VALUES ($q, $k, $s, $at, $b, $p)
            ON CONFLICT (query_name, kind, subject) DO NOTHING RETURNING id
            """, t, ("$q", query), ("$k", Kind(match.Kind)), ("$s", match.Subject), ("$at", SqliteSideTables.Stamp(at)), ("$b", baseline ? 1 : 0),
            ("$p", Payload(query, match, at)));
        return id is null ? null : Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    private static string Kind(MatchKind kind) => kind == MatchKind.Claim ? "claim" : "event";

    /// <inheritdoc />
    public IReadOnlyList<PendingDelivery> RecordNew(SavedQuery query, IEnumerable<AlertMatch> matches, DateTimeOffset at)
    {
        var list = matches.ToList();
        if (list.Count == 0)
            return [];
        var ids = _db.Write(t =>
        {
            var made = new List<long>();
            foreach (var match in list)
            {
                if (Insert(t, query.Name, match, at, baseline: false) is not { } id)
                    continue;
                foreach (var (channel, target) in Targets(query))
                    made.Add(Convert.ToInt64(_db.Scalar(
                        "INSERT INTO alert_deliveries (match_id, channel, target, next_attempt) VALUES ($m, $c, $t, $at) RETURNING id", t,
                        ("$m", id), ("$c", channel), ("$t", target), ("$at", SqliteSideTables.Stamp(at))), CultureInfo.InvariantCulture));
            }
            return made;
        });
        return ids.Count == 0 ? [] : Deliveries("d.id IN (SELECT value FROM json_each($ids))", ("$ids", JsonSerializer.Serialize(ids)));
    }

    private static IEnumerable<(string Channel, string? Target)> Targets(SavedQuery query)
    {
        yield return ("stdout", null);
        if (query.Webhook is { } hook)
            yield return ("webhook", hook);
        if (query.JsonLines is { } file)
            yield return ("jsonl", file);
    }

    private const string DeliveryColumns = "d.id, d.channel, d.target, d.attempts, m.id, m.query_name, m.kind, m.subject, m.matched_at, m.baseline, m.payload";

    private List<PendingDelivery> Deliveries(string where, params (string, object?)[] parameters) => _db.Query(
        $"SELECT {DeliveryColumns} FROM alert_deliveries d JOIN alert_matches m ON m.id = d.match_id WHERE {where} ORDER BY d.id",
        r => new PendingDelivery(r.GetInt64(0), ReadMatch(r, 4), r.GetString(1), SqliteSideTables.Text(r, 2), r.GetInt32(3)), null, parameters);

    private static RecordedMatch ReadMatch(SqliteDataReader r, int at) => new(
        r.GetInt64(at), r.GetString(at + 1), r.GetString(at + 2) == "claim" ? MatchKind.Claim : MatchKind.Event, r.GetString(at + 3),
        SqliteSideTables.ReadStamp(r, at + 4)!.Value, r.GetInt32(at + 5) != 0, r.GetString(at + 6));

    /// <inheritdoc />
    public IReadOnlyList<PendingDelivery> Pending(string channel, DateTimeOffset now) =>
        Deliveries("d.delivered_at IS NULL AND d.next_attempt IS NOT NULL AND d.channel = $c AND d.next_attempt <= $now",
            ("$c", channel), ("$now", SqliteSideTables.Stamp(now)));

    /// <inheritdoc />
    public int PendingCount(string channel) => Convert.ToInt32(_db.Scalar(
        "SELECT COUNT(*) FROM alert_deliveries WHERE delivered_at IS NULL AND next_attempt IS NOT NULL AND channel = $c", null, ("$c", channel)),
        CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public void Delivered(long delivery, DateTimeOffset at) => _db.Write(t => _db.Execute(
        "UPDATE alert_deliveries SET delivered_at = $at, attempts = attempts + 1, last_error = NULL WHERE id = $id", t,
        ("$id", delivery), ("$at", SqliteSideTables.Stamp(at))));

    /// <inheritdoc />
    public void Failed(long delivery, string error, DateTimeOffset? retryAt) => _db.Write(t => _db.Execute(
        "UPDATE alert_deliveries SET attempts = attempts + 1, last_error = $e, next_attempt = $next WHERE id = $id", t,
        ("$id", delivery), ("$e", error), ("$next", retryAt is { } r ? SqliteSideTables.Stamp(r) : null)));

    /// <inheritdoc />
    public IReadOnlyList<RecordedMatch> Latest(string name, int limit) => _db.Query(
        "SELECT id, query_name, kind, subject, matched_at, baseline, payload FROM alert_matches WHERE query_name = $n ORDER BY id DESC LIMIT $l",
        r => ReadMatch(r, 0), null, ("$n", name), ("$l", limit));

    /// <inheritdoc />
    public long MatchCount(string name) =>
        Convert.ToInt64(_db.Scalar("SELECT COUNT(*) FROM alert_matches WHERE query_name = $n", null, ("$n", name)), CultureInfo.InvariantCulture);
}
