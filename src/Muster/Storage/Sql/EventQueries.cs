using Muster.Claims;
using Muster.Events;

namespace Muster.Storage.Sql;

/// <summary>
/// Events and clusters as the record keeps them: summaries (recomputed when read, for the events touched since),
/// an event's claims, a story's cluster, and the change log.
/// </summary>
internal sealed class EventQueries(SqlSession session)
{
    /// <summary>The ids of events whose summaries are to be computed again.</summary>
    public List<string> ChangedEvents() => session.Rows("SELECT id FROM events WHERE dirty = 1", r => r.GetString(0));

    /// <summary>Computes an event's summary again, inside the session's write transaction.</summary>
    public void Refresh(string eventId)
    {
        var rows = Reports(eventId);
        var days = EventSummaries.StatedDays(rows);
        session.Execute("""
            UPDATE events SET claims = @claims, sources = @sources, outlets = @outlets, first_reported = @first, last_reported = @last, conflict = @conflict, dirty = 0
            WHERE id = @id
            """, ("@claims", rows.Count), ("@sources", EventSummaries.OriginalSources(rows).Count), ("@outlets", EventSummaries.Outlets(rows).Count),
            ("@first", days.FirstOrDefault()), ("@last", days.LastOrDefault()), ("@conflict", EventSummaries.Conflicts(rows).Count > 0 ? 1 : 0), ("@id", eventId));
    }

    private List<EventReport> Reports(string eventId) => session.Rows($"""
        SELECT c.id, c.story_id, c.source, c.stance, c.quantity_min, c.quantity_max, c.quantity_approx, c.quantity_unit, d.outlet, s.sort_date,
               g.cluster_id, s.{session.Dialect.InsertOrder},
               CASE WHEN length(s.published) = 10 AND substr(s.published, 1, 1) <> '-' THEN s.published END
        FROM event_claims ec JOIN claims c ON c.id = ec.claim_id JOIN stories s ON s.id = c.story_id JOIN documents d ON d.id = s.document_id
        LEFT JOIN story_signatures g ON g.story_id = c.story_id
        WHERE ec.event_id = @e ORDER BY c.id
        """, r => new EventReport(r.GetInt64(0), r.GetString(1), RecordRows.Text(r, 2), r.GetString(3),
            r.IsDBNull(7) ? null : new Quantity(RecordRows.Number(r, 4), RecordRows.Number(r, 5), !r.IsDBNull(6) && r.GetInt32(6) == 1, r.GetString(7)),
            RecordRows.Text(r, 8), RecordRows.Text(r, 9), RecordRows.Text(r, 10), r.GetInt64(11), RecordRows.Text(r, 12)),
        ("@e", eventId));

    /// <summary>Events with at least the filter's original sources, most sourced first (summaries must be current).</summary>
    public IReadOnlyList<EventSummary> List(EventFilter filter, int offset, int limit)
    {
        var conditions = new List<string> { "e.sources >= @min" };
        var parameters = new List<(string, object?)> { ("@min", filter.MinSources), ("@limit", limit), ("@offset", offset) };
        if (filter.Type is not null)
        {
            conditions.Add("e.type = @type");
            parameters.Add(("@type", filter.Type));
        }
        if (filter.Place is not null)
        {
            conditions.Add("""
                EXISTS (SELECT 1 FROM event_claims ec JOIN claim_places p ON p.claim_id = ec.claim_id
                        WHERE ec.event_id = e.id AND (p.code = @place OR p.country = @place))
                """);
            parameters.Add(("@place", filter.Place));
        }
        // An event no story dates sorts after the dated ones, on every backend.
        var ids = session.Rows($"""
            SELECT e.id FROM events e WHERE {string.Join(" AND ", conditions)}
            ORDER BY e.sources DESC, e.last_reported DESC NULLS LAST, e.id LIMIT @limit OFFSET @offset
            """, r => r.GetString(0), [.. parameters]);
        return ids.Select(id => Find(id)!).ToList();
    }

    /// <summary>One event's summary, or null (summaries must be current).</summary>
    public EventSummary? Find(string id)
    {
        if (session.Scalar("SELECT type FROM events WHERE id = @id", ("@id", id)) is not string type)
            return null;
        var rows = Reports(id);
        var days = EventSummaries.StatedDays(rows);
        var places = RecordRows.Places(session, rows.Select(r => r.ClaimId).ToList()).Values.SelectMany(EventRules.PlaceKeys)
            .Where(p => !p.StartsWith(EventRules.LocalityPrefix, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new EventSummary(id, type, rows.Count, EventSummaries.OriginalSources(rows), EventSummaries.Outlets(rows),
            days.FirstOrDefault(), days.LastOrDefault(), EventSummaries.Conflicts(rows), places, rows.Count(r => r.Stated is null));
    }

    /// <summary>The claims of an event, in reading order.</summary>
    public IReadOnlyList<StoredClaim> Claims(string id) => RecordRows.StoredClaims(session,
        session.Rows("SELECT claim_id FROM event_claims WHERE event_id = @id ORDER BY claim_id", r => r.GetInt64(0), ("@id", id)));

    /// <summary>The story cluster a story belongs to, with the ids of its stories (earliest first), or null.</summary>
    public (string Cluster, IReadOnlyList<string> Stories)? Cluster(string storyId)
    {
        if (session.Scalar("SELECT cluster_id FROM story_signatures WHERE story_id = @s", ("@s", storyId)) is not string cluster)
            return null;
        var stories = session.Rows($"""
            SELECT g.story_id FROM story_signatures g JOIN stories s ON s.id = g.story_id
            WHERE g.cluster_id = @c ORDER BY s.sort_date, s.{session.Dialect.InsertOrder}
            """, r => r.GetString(0), ("@c", cluster));
        return (cluster, stories);
    }

    /// <summary>Cluster merges and event creations, oldest first, after change <paramref name="after"/>.</summary>
    public IReadOnlyList<RecordChange> Changes(long after) => session.Rows(
        "SELECT id, kind, subject, target, document_id, at FROM record_changes WHERE id > @after ORDER BY id",
        r => new RecordChange(r.GetInt64(0), r.GetString(1), r.GetString(2), RecordRows.Text(r, 3), r.IsDBNull(4) ? null : r.GetInt64(4), r.GetString(5)),
        ("@after", after));
}
