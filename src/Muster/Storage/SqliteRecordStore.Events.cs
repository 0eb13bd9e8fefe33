using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Muster.Claims;
using Muster.Dedup;
using Muster.Events;

namespace Muster.Storage;

/// <summary>A story cluster change or an event creation, for reconciling exports over time.</summary>
public sealed record RecordChange(long Id, string Kind, string Subject, string? Target, long? DocumentId, string At);

/// <summary>An event: claims from any number of pages that report the same happening.</summary>
/// <param name="Id">Stable id (<c>E-</c> and 10 hex digits), kept as pages are added.</param>
/// <param name="Type">The claim type.</param>
/// <param name="Claims">How many claims.</param>
/// <param name="Sources">The distinct original sources: a reprint, or a relay of the same party, is one.</param>
/// <param name="Outlets">The outlets that carried it.</param>
/// <param name="FirstReported">The earliest publication day a carrying story states; null when none states one.
/// The day Muster read a page is never a report's day.</param>
/// <param name="LastReported">The latest such day.</param>
/// <param name="Conflicts">Disagreements: a source asserting and another denying; counts that differ (side by side).</param>
/// <param name="Places">The region codes its claims name.</param>
/// <param name="Undated">How many of its claims come from stories that state no publication day: counted apart,
/// outside <paramref name="FirstReported"/>..<paramref name="LastReported"/>.</param>
public sealed record EventSummary(string Id, string Type, int Claims, IReadOnlyList<string> Sources, IReadOnlyList<string> Outlets,
    string? FirstReported, string? LastReported, IReadOnlyList<string> Conflicts, IReadOnlyList<string> Places, int Undated = 0);

/// <summary>Filters for listing events.</summary>
public sealed record EventFilter(int MinSources = 1, string? Type = null, string? Place = null);

public sealed partial class SqliteRecordStore
{
    /// <summary>Stories at least this similar (estimated Jaccard of word 4-shingles) are near-duplicates.</summary>
    public double DuplicateThreshold { get; init; } = 0.6;

    /// <summary>Above this similarity a story is a near-copy and is not indexed in the LSH buckets again.</summary>
    private const double NearCopy = 0.9;

    private sealed record NewClaim(long Id, string StoryId, Claim Claim);

    /// <summary>Clusters the document's stories and places its claims in events, inside the document's transaction.</summary>
    private void LinkStoriesAndEvents(SqliteTransaction transaction, PageDocument document, long documentId, List<NewClaim> claims, DateTimeOffset at)
    {
        var stamp = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        var clusters = new Dictionary<string, string>(StringComparer.Ordinal);
        var touchedEvents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var story in document.Stories.Where(s => s.Role != StoryRole.Author))
        {
            var signature = MinHasher.Sign(story.Text);
            var textHash = signature?.TextHash ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(story.Text)));
            var found = new List<string>();
            var nearCopy = false;
            if (Scalar("SELECT cluster_id FROM story_signatures WHERE text_hash = $h LIMIT 1", transaction, ("$h", textHash)) is string exact)
            {
                found.Add(exact);
                nearCopy = true;
            }
            var buckets = signature is null ? [] : MinHasher.BandBuckets(signature);
            if (signature is not null && !nearCopy)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var band = 0; band < buckets.Length; band++)
                {
                    // A few stories per bucket suffice: near-copies are not indexed again (below), so buckets stay short.
                    using var command = Prepare("""
                        SELECT s.story_id, s.text_hash, s.minhash, s.cluster_id FROM story_bands b
                        JOIN story_signatures s ON s.story_id = b.story_id
                        WHERE b.band = $band AND b.bucket = $bucket LIMIT 50
                        """, transaction, [("$band", band), ("$bucket", buckets[band])]);
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        if (!seen.Add(reader.GetString(0)) || reader.IsDBNull(2))
                            continue;
                        var similarity = signature.Similarity(StorySignature.FromBytes(reader.GetString(1), (byte[])reader.GetValue(2)));
                        if (similarity >= DuplicateThreshold)
                            found.Add(reader.GetString(3));
                        nearCopy |= similarity >= NearCopy;
                    }
                }
            }
            var cluster = ChooseCluster(transaction, found.Distinct(StringComparer.Ordinal).ToList(), story.Id, documentId, stamp, touchedEvents);
            Execute("INSERT INTO story_signatures (story_id, text_hash, minhash, cluster_id) VALUES ($s, $h, $m, $c)", transaction,
                ("$s", story.Id), ("$h", textHash), ("$m", signature?.ToBytes()), ("$c", cluster));
            // A near-copy of a story already indexed adds nothing to the buckets: its original will be found.
            if (!nearCopy)
                for (var band = 0; band < buckets.Length; band++)
                    Execute("INSERT INTO story_bands (band, bucket, story_id) VALUES ($b, $k, $s)", transaction, ("$b", band), ("$k", buckets[band]), ("$s", story.Id));
            clusters[story.Id] = cluster;
        }

        foreach (var claim in claims)
        {
            var me = new EventClaim(claim.Id, claim.Claim.Type, claim.Claim.Evidence, EventRules.PlaceKeys(claim.Claim.Places),
                PeriodStart(claim.Claim.Date), PeriodEnd(claim.Claim.Date), clusters.GetValueOrDefault(claim.StoryId), claim.Claim.Quantity);
            // A reprint's claim joins the event of the matching claim in its cluster: the same type and largely the
            // same evidence (a story can carry several happenings of one type, so the type alone is not enough).
            var eventId = me.Cluster is null ? null : SameClusterEvent(transaction, me);
            eventId ??= Candidates(transaction, me).Select(c => (c.EventId, Score: EventRules.Match(me, c.Claim)))
                .Where(c => c.Score > 0).OrderByDescending(c => c.Score).ThenBy(c => c.EventId, StringComparer.Ordinal).FirstOrDefault().EventId;
            if (eventId is null)
            {
                eventId = "E-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{claim.StoryId}:{claim.Id}:{claim.Claim.Type}")))[..10];
                Execute("INSERT INTO events (id, type, claims, sources, outlets, conflict) VALUES ($id, $type, 0, 0, 0, 0)", transaction, ("$id", eventId), ("$type", claim.Claim.Type));
                Execute("INSERT INTO record_changes (kind, subject, target, document_id, at) VALUES ('event-created', $e, NULL, $d, $at)", transaction,
                    ("$e", eventId), ("$d", documentId), ("$at", stamp));
            }
            Execute("INSERT INTO event_claims (event_id, claim_id) VALUES ($e, $c)", transaction, ("$e", eventId), ("$c", claim.Id));
            if (me.Cluster is not null)
                Execute("INSERT OR IGNORE INTO cluster_claims (cluster_id, type, evidence, event_id) VALUES ($cl, $t, $ev, $e)", transaction,
                    ("$cl", me.Cluster), ("$t", me.Type), ("$ev", me.Evidence), ("$e", eventId));
            touchedEvents.Add(eventId);
        }
        // Summaries are recomputed when read (see RefreshDirtyEvents): a batch of a thousand reprints touches
        // one event a thousand times but summarizes it once.
        foreach (var eventId in touchedEvents)
            Execute("UPDATE events SET dirty = 1 WHERE id = $id", transaction, ("$id", eventId));
    }

    /// <summary>Recomputes the summaries (sources, outlets, dates, conflicts) of events touched since they were last read.</summary>
    private void RefreshDirtyEvents()
    {
        var dirty = new List<string>();
        using (var command = Prepare("SELECT id FROM events WHERE dirty = 1", null, []))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                dirty.Add(reader.GetString(0));
        if (dirty.Count == 0)
            return;
        _retry.Run(() =>
        {
            using var transaction = BeginWrite();
            foreach (var id in dirty)
                RefreshEvent(transaction, id);
            transaction.Commit();
        });
    }

    /// <summary>The cluster a story joins: none found makes a new one; several found merge into the oldest.</summary>
    private string ChooseCluster(SqliteTransaction transaction, List<string> found, string storyId, long documentId, string stamp, HashSet<string> touchedEvents)
    {
        if (found.Count == 0)
        {
            var id = "C-" + storyId;
            Execute("INSERT INTO clusters (id) VALUES ($id)", transaction, ("$id", id));
            return id;
        }
        // The rowid orders clusters by creation: the oldest absorbs the others.
        var ordered = found.Select(f => (Id: f, Created: Convert.ToInt64(Scalar("SELECT rowid FROM clusters WHERE id = $id", transaction, ("$id", f)), CultureInfo.InvariantCulture)))
            .OrderBy(c => c.Created).ToList();
        var target = ordered[0].Id;
        foreach (var (merged, _) in ordered.Skip(1))
        {
            // Events of the merged cluster's stories count their sources anew.
            using (var command = Prepare("""
                SELECT DISTINCT ec.event_id FROM event_claims ec JOIN claims c ON c.id = ec.claim_id
                JOIN story_signatures s ON s.story_id = c.story_id WHERE s.cluster_id = $m
                """, transaction, [("$m", merged)]))
            using (var reader = command.ExecuteReader())
                while (reader.Read())
                    touchedEvents.Add(reader.GetString(0));
            Execute("UPDATE story_signatures SET cluster_id = $t WHERE cluster_id = $m", transaction, ("$t", target), ("$m", merged));
            RetargetCandidates(merged, target);
            Execute("UPDATE OR IGNORE cluster_claims SET cluster_id = $t WHERE cluster_id = $m", transaction, ("$t", target), ("$m", merged));
            Execute("DELETE FROM cluster_claims WHERE cluster_id = $m", transaction, ("$m", merged));
            Execute("INSERT INTO record_changes (kind, subject, target, document_id, at) VALUES ('cluster-merged', $m, $t, $d, $at)", transaction,
                ("$m", merged), ("$t", target), ("$d", documentId), ("$at", stamp));
        }
        return target;
    }

    private string? SameClusterEvent(SqliteTransaction transaction, EventClaim me)
    {
        // cluster_claims keeps one row per distinct evidence in a cluster: reprints add none, so this stays small.
        using var command = Prepare("SELECT event_id, evidence FROM cluster_claims WHERE cluster_id = $cluster AND type = $type LIMIT 200",
            transaction, [("$cluster", me.Cluster!), ("$type", me.Type)]);
        using var reader = command.ExecuteReader();
        string? best = null;
        var bestOverlap = 0.5;
        while (reader.Read())
        {
            var overlap = EventRules.Overlap(me.Words, WordsOf(reader.GetString(1)));
            if (overlap >= bestOverlap)
            {
                (best, bestOverlap) = (reader.GetString(0), overlap);
                if (overlap >= 1)
                    break;
            }
        }
        return best;
    }

    private List<(string EventId, EventClaim Claim)> Candidates(SqliteTransaction transaction, EventClaim me)
    {
        // Bounded, newest first: claims of the same type in each of the claim's regions, or (unplaced) recent
        // unplaced claims of the type. Each lookup walks an index backwards and stops at its limit.
        var ids = new HashSet<long>();
        void Collect(string sql, params (string Name, object? Value)[] parameters)
        {
            using var command = Prepare(sql, transaction, parameters);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                ids.Add(reader.GetInt64(0));
        }
        foreach (var code in me.Places.Where(p => !p.StartsWith(EventRules.LocalityPrefix, StringComparison.Ordinal)))
            Collect("""
                SELECT p.claim_id FROM claim_places p
                WHERE p.code = $code AND p.claim_type = $type ORDER BY p.claim_id DESC LIMIT 200
                """, ("$code", code), ("$type", me.Type));
        if (me.Places.Count == 0)
            Collect("""
                SELECT c.id FROM claims c WHERE c.type = $type
                AND NOT EXISTS (SELECT 1 FROM claim_places p WHERE p.claim_id = c.id AND p.code IS NOT NULL)
                ORDER BY c.id DESC LIMIT 300
                """, ("$type", me.Type));
        ids.Remove(me.Id);
        if (ids.Count == 0)
            return [];
        // Claims read before come from memory; only the others are read.
        var candidates = new List<(string EventId, EventClaim Claim)>(ids.Count);
        var missing = new List<long>();
        foreach (var id in ids)
        {
            if (_candidates.TryGetValue(id, out var known))
                candidates.Add(known);
            else
                missing.Add(id);
        }
        if (missing.Count == 0)
            return candidates;
        using var rowsCommand = Prepare("""
            SELECT ec.event_id, c.id, c.evidence, c.date_from, c.date_to, s.cluster_id, c.quantity_min, c.quantity_max, c.quantity_unit
            FROM claims c JOIN event_claims ec ON ec.claim_id = c.id
            LEFT JOIN story_signatures s ON s.story_id = c.story_id
            WHERE c.id IN (SELECT value FROM json_each($ids))
            """, transaction, [("$ids", JsonSerializer.Serialize(missing))]);
        var rows = new List<(string, long, string, string?, string?, string?, Quantity?)>();
        using (var reader = rowsCommand.ExecuteReader())
        {
            while (reader.Read())
            {
                Quantity? quantity = reader.IsDBNull(8) ? null : new Quantity(reader.IsDBNull(6) ? null : reader.GetDouble(6), reader.IsDBNull(7) ? null : reader.GetDouble(7), false, reader.GetString(8));
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), quantity));
            }
        }
        var places = PlacesOf(transaction, rows.Select(r => r.Item2).ToList());
        if (_candidates.Count + rows.Count > CandidatesKept)
            _candidates.Clear();
        foreach (var r in rows)
        {
            var candidate = (r.Item1, new EventClaim(r.Item2, me.Type, r.Item3, places.GetValueOrDefault(r.Item2) ?? [], r.Item4, r.Item5, r.Item6, r.Item7)
                .WithWords(WordsOf(r.Item3)));
            _candidates[r.Item2] = candidate;
            candidates.Add(candidate);
        }
        return candidates;
    }

    // Candidate claims as read, by claim id: a claim's event, evidence, dates, count and places never change once
    // stored, and the same recent claims are candidates for claim after claim at ingest. Its story's cluster can
    // change (clusters merge): this store's merges are applied to what it remembers, and the whole memory is
    // forgotten when another connection has written (PRAGMA data_version) and when a save fails (its rolled-back
    // ids may be reused).
    private readonly Dictionary<long, (string EventId, EventClaim Claim)> _candidates = [];

    private const int CandidatesKept = 30_000;

    private long _dataVersion = -1;

    /// <summary>Remembered candidates of a merged cluster's stories now belong to the cluster it merged into.</summary>
    private void RetargetCandidates(string merged, string target)
    {
        foreach (var (id, (eventId, claim)) in _candidates.Where(c => c.Value.Claim.Cluster == merged).ToList())
            _candidates[id] = (eventId, claim with { Cluster = target });
    }

    /// <summary>Forgets the remembered candidates when another connection has changed the database since the last look.</summary>
    private void CheckOtherWriters(SqliteTransaction transaction)
    {
        var version = Convert.ToInt64(Scalar("PRAGMA data_version", transaction), CultureInfo.InvariantCulture);
        if (version != _dataVersion)
            _candidates.Clear();
        _dataVersion = version;
    }

    // The content words of evidence read back as a candidate, by the evidence's text: the same recent claims are
    // candidates for claim after claim at ingest. Bounded; emptied when full.
    private readonly Dictionary<string, HashSet<string>> _words = new(StringComparer.Ordinal);

    private const int WordsKept = 50_000;

    private HashSet<string> WordsOf(string evidence)
    {
        if (_words.TryGetValue(evidence, out var words))
            return words;
        if (_words.Count >= WordsKept)
            _words.Clear();
        return _words[evidence] = EventRules.ContentWords(evidence);
    }

    private Dictionary<long, HashSet<string>> PlacesOf(SqliteTransaction? transaction, List<long> ids)
    {
        var places = new Dictionary<long, HashSet<string>>();
        if (ids.Count == 0)
            return places;
        using var command = Prepare("SELECT claim_id, name, code, country, lat, lon, kind FROM claim_places WHERE claim_id IN (SELECT value FROM json_each($ids))",
            transaction, [("$ids", JsonSerializer.Serialize(ids))]);
        using var reader = command.ExecuteReader();
        var rows = new List<(long Id, ClaimPlace Place)>();
        while (reader.Read())
            rows.Add((reader.GetInt64(0), new ClaimPlace(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.GetString(6))));
        foreach (var group in rows.GroupBy(r => r.Id))
            places[group.Key] = EventRules.PlaceKeys(group.Select(g => g.Place));
        return places;
    }

    // Day orders reprints (the story's stated day, else the day Muster read it); Stated is the stated day alone.
    private sealed record EventRow(long ClaimId, string StoryId, string? Source, string Stance, Quantity? Quantity, string? Outlet, string? Day, string? Cluster, long StoryRow,
        string? Stated);

    private List<EventRow> EventRows(SqliteTransaction? transaction, string eventId)
    {
        using var command = Prepare("""
            SELECT c.id, c.story_id, c.source, c.stance, c.quantity_min, c.quantity_max, c.quantity_approx, c.quantity_unit, d.outlet, s.sort_date,
                   g.cluster_id, s.rowid,
                   CASE WHEN length(s.published) = 10 AND substr(s.published, 1, 1) <> '-' THEN s.published END
            FROM event_claims ec JOIN claims c ON c.id = ec.claim_id JOIN stories s ON s.id = c.story_id JOIN documents d ON d.id = s.document_id
            LEFT JOIN story_signatures g ON g.story_id = c.story_id
            WHERE ec.event_id = $e ORDER BY c.id
            """, transaction, [("$e", eventId)]);
        using var reader = command.ExecuteReader();
        var rows = new List<EventRow>();
        while (reader.Read())
            rows.Add(new EventRow(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(7) ? null : new Quantity(reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetDouble(5), !reader.IsDBNull(6) && reader.GetInt32(6) == 1, reader.GetString(7)),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetInt64(11),
                reader.IsDBNull(12) ? null : reader.GetString(12)));
        return rows;
    }

    /// <summary>
    /// The original sources of an event: within a cluster of reprints only the earliest story speaks; across
    /// clusters, parties with the same name are one.
    /// </summary>
    private static List<string> OriginalSources(List<EventRow> rows)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cluster in rows.GroupBy(r => r.Cluster ?? r.StoryId))
        {
            var origin = cluster.OrderBy(r => r.Day, StringComparer.Ordinal).ThenBy(r => r.StoryRow).First().StoryId;
            foreach (var row in cluster.Where(r => r.StoryId == origin))
            {
                var name = row.Source ?? row.Outlet;
                if (name is not null)
                    sources.TryAdd(EventRules.SourceKey(name), name);
            }
        }
        return sources.Values.ToList();
    }

    private static List<string> Conflicts(List<EventRow> rows)
    {
        var conflicts = new List<string>();
        List<string> Parties(IEnumerable<EventRow> selected) =>
            selected.Select(r => r.Source ?? r.Outlet ?? "?").GroupBy(EventRules.SourceKey).Select(g => g.First()).ToList();
        var denied = Parties(rows.Where(r => r.Stance == "denied"));
        var asserted = Parties(rows.Where(r => r.Stance != "denied"));
        if (denied.Count > 0 && asserted.Count > 0)
            conflicts.Add($"asserted by {string.Join(", ", asserted)}; denied by {string.Join(", ", denied)}");
        // Counts that disagree are kept side by side, each with who gave it; never averaged.
        foreach (var unit in rows.Where(r => r.Quantity is not null).GroupBy(r => r.Quantity!.Unit))
        {
            var values = unit.GroupBy(r => (r.Quantity!.Min, r.Quantity.Max)).ToList();
            if (values.Count > 1)
                conflicts.Add("counts differ: " + string.Join(" vs ", values.Select(v =>
                    $"{Range(v.First().Quantity!)} ({string.Join("; ", v.Select(r => r.Source ?? r.Outlet ?? "?").Distinct())})")));
        }
        return conflicts;
    }

    private static string Range(Quantity q)
    {
        string N(double? v) => v?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "";
        return (q.Min == q.Max ? N(q.Min) : q.Max is null ? "≥" + N(q.Min) : q.Min is null ? "≤" + N(q.Max) : $"{N(q.Min)}–{N(q.Max)}") + " " + q.Unit;
    }

    private void RefreshEvent(SqliteTransaction transaction, string eventId)
    {
        var rows = EventRows(transaction, eventId);
        var days = rows.Select(r => r.Stated).OfType<string>().Order(StringComparer.Ordinal).ToList();
        Execute("""
            UPDATE events SET claims = $claims, sources = $sources, outlets = $outlets, first_reported = $first, last_reported = $last, conflict = $conflict, dirty = 0
            WHERE id = $id
            """, transaction, ("$claims", rows.Count), ("$sources", OriginalSources(rows).Count), ("$outlets", rows.Select(r => r.Outlet).OfType<string>().Distinct().Count()),
            ("$first", days.FirstOrDefault()), ("$last", days.LastOrDefault()), ("$conflict", Conflicts(rows).Count > 0 ? 1 : 0), ("$id", eventId));
    }

    /// <summary>Events with at least <see cref="EventFilter.MinSources"/> original sources, most sourced first.</summary>
    public IReadOnlyList<EventSummary> ListEvents(EventFilter filter, int offset = 0, int limit = 100)
    {
        RefreshDirtyEvents();
        var ids = new List<string>();
        using (var command = Prepare("""
            SELECT e.id FROM events e
            WHERE e.sources >= $min AND ($type IS NULL OR e.type = $type)
              AND ($place IS NULL OR EXISTS (SELECT 1 FROM event_claims ec JOIN claim_places p ON p.claim_id = ec.claim_id
                                             WHERE ec.event_id = e.id AND (p.code = $place OR p.country = $place)))
            ORDER BY e.sources DESC, e.last_reported DESC, e.id LIMIT $limit OFFSET $offset
            """, null, [("$min", filter.MinSources), ("$type", (object?)filter.Type ?? DBNull.Value), ("$place", (object?)filter.Place ?? DBNull.Value),
                        ("$limit", limit), ("$offset", offset)]))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                ids.Add(reader.GetString(0));
        return ids.Select(id => FindEvent(id)!).ToList();
    }

    /// <summary>One event's summary, or null.</summary>
    public EventSummary? FindEvent(string id)
    {
        RefreshDirtyEvents();
        var type = Scalar("SELECT type FROM events WHERE id = $id", null, ("$id", id)) as string;
        if (type is null)
            return null;
        var rows = EventRows(null, id);
        var days = rows.Select(r => r.Stated).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var places = PlacesOf(null, rows.Select(r => r.ClaimId).ToList()).Values.SelectMany(p => p)
            .Where(p => !p.StartsWith(EventRules.LocalityPrefix, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new EventSummary(id, type, rows.Count, OriginalSources(rows), rows.Select(r => r.Outlet).OfType<string>().Distinct().ToList(),
            days.FirstOrDefault(), days.LastOrDefault(), Conflicts(rows), places, rows.Count(r => r.Stated is null));
    }

    /// <summary>The claims of an event, in reading order.</summary>
    public IReadOnlyList<StoredClaim> EventClaims(string id)
    {
        var ids = new List<long>();
        using (var command = Prepare("SELECT claim_id FROM event_claims WHERE event_id = $id ORDER BY claim_id", null, [("$id", id)]))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                ids.Add(reader.GetInt64(0));
        return LoadStoredClaims(ids);
    }

    /// <summary>The story cluster a story belongs to, with the ids of its stories (earliest first), or null.</summary>
    public (string Cluster, IReadOnlyList<string> Stories)? FindCluster(string storyId)
    {
        if (Scalar("SELECT cluster_id FROM story_signatures WHERE story_id = $s", null, ("$s", storyId)) is not string cluster)
            return null;
        var stories = new List<string>();
        using (var command = Prepare("""
            SELECT g.story_id FROM story_signatures g JOIN stories s ON s.id = g.story_id
            WHERE g.cluster_id = $c ORDER BY s.sort_date, s.rowid
            """, null, [("$c", cluster)]))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                stories.Add(reader.GetString(0));
        return (cluster, stories);
    }

    /// <summary>Cluster merges and event creations, oldest first, after change <paramref name="after"/>.</summary>
    public IReadOnlyList<RecordChange> Changes(long after = 0)
    {
        using var command = Prepare("SELECT id, kind, subject, target, document_id, at FROM record_changes WHERE id > $after ORDER BY id", null, [("$after", after)]);
        using var reader = command.ExecuteReader();
        var changes = new List<RecordChange>();
        while (reader.Read())
            changes.Add(new RecordChange(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.GetString(5)));
        return changes;
    }
}
