using System.Data.Common;
using Muster.Claims;
using Muster.Events;

namespace Muster.Storage.Sql;

/// <summary>The linking port over the record's tables, inside the session's write transaction; the same SQL on every backend.</summary>
internal sealed class SqlEventLinks(SqlSession session) : IEventLinks
{
    private SqlDialect Dialect => session.Dialect;

    public string? ClusterOfText(string textHash) =>
        session.Scalar("SELECT cluster_id FROM story_signatures WHERE text_hash = @h LIMIT 1", ("@h", textHash)) as string;

    public IReadOnlyList<BucketNeighbour> BucketNeighbours(int band, long bucket, int limit) => session.Rows("""
        SELECT s.story_id, s.text_hash, s.minhash, s.cluster_id FROM story_bands b
        JOIN story_signatures s ON s.story_id = b.story_id
        WHERE b.band = @band AND b.bucket = @bucket LIMIT @limit
        """, r => new BucketNeighbour(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : (byte[])r.GetValue(2), r.GetString(3)),
        ("@band", band), ("@bucket", bucket), ("@limit", limit));

    public void AddCluster(string id) => session.Execute("INSERT INTO clusters (id) VALUES (@id)", ("@id", id));

    public long ClusterAge(string id) =>
        Convert.ToInt64(session.Scalar($"SELECT {Dialect.InsertOrder} FROM clusters WHERE id = @id", ("@id", id)), System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<string> EventsOfCluster(string cluster) => session.Rows("""
        SELECT DISTINCT ec.event_id FROM event_claims ec JOIN claims c ON c.id = ec.claim_id
        JOIN story_signatures s ON s.story_id = c.story_id WHERE s.cluster_id = @m
        """, r => r.GetString(0), ("@m", cluster));

    public void MergeCluster(string merged, string target)
    {
        session.Execute("UPDATE story_signatures SET cluster_id = @t WHERE cluster_id = @m", ("@t", target), ("@m", merged));
        session.Execute(Dialect.MergeClusterEvidence, ("@t", target), ("@m", merged));
        session.Execute("DELETE FROM cluster_claims WHERE cluster_id = @m", ("@m", merged));
    }

    public void AddSignature(string storyId, string textHash, byte[]? minHash, string cluster) =>
        session.Execute("INSERT INTO story_signatures (story_id, text_hash, minhash, cluster_id) VALUES (@s, @h, @m, @c)",
            ("@s", storyId), ("@h", textHash), ("@m", minHash), ("@c", cluster));

    public void AddBuckets(string storyId, IReadOnlyList<long> buckets)
    {
        for (var band = 0; band < buckets.Count; band++)
            session.Execute("INSERT INTO story_bands (band, bucket, story_id) VALUES (@b, @k, @s)", ("@b", band), ("@k", buckets[band]), ("@s", storyId));
    }

    public IReadOnlyList<(string EventId, string Evidence)> ClusterEvidence(string cluster, string type, int limit) =>
        // In evidence order, as the unique index keeps them: the same first matches on every backend.
        session.Rows("SELECT event_id, evidence FROM cluster_claims WHERE cluster_id = @cluster AND type = @type ORDER BY evidence LIMIT @limit",
            r => (r.GetString(0), r.GetString(1)), ("@cluster", cluster), ("@type", type), ("@limit", limit));

    public IReadOnlyList<long> RecentClaimsIn(string code, string type, int limit) => session.Rows("""
        SELECT p.claim_id FROM claim_places p
        WHERE p.code = @code AND p.claim_type = @type ORDER BY p.claim_id DESC LIMIT @limit
        """, r => r.GetInt64(0), ("@code", code), ("@type", type), ("@limit", limit));

    public IReadOnlyList<long> RecentUnplacedClaims(string type, int limit) => session.Rows("""
        SELECT c.id FROM claims c WHERE c.type = @type
        AND NOT EXISTS (SELECT 1 FROM claim_places p WHERE p.claim_id = c.id AND p.code IS NOT NULL)
        ORDER BY c.id DESC LIMIT @limit
        """, r => r.GetInt64(0), ("@type", type), ("@limit", limit));

    public IReadOnlyList<CandidateClaim> Candidates(IReadOnlyCollection<long> claimIds) => session.Rows($"""
        SELECT ec.event_id, c.id, c.evidence, c.date_from, c.date_to, s.cluster_id, c.quantity_min, c.quantity_max, c.quantity_unit
        FROM claims c JOIN event_claims ec ON ec.claim_id = c.id
        LEFT JOIN story_signatures s ON s.story_id = c.story_id
        WHERE c.id IN ({Dialect.IdsIn("@ids")})
        """, r => new CandidateClaim(r.GetString(0), r.GetInt64(1), r.GetString(2), Text(r, 3), Text(r, 4), Text(r, 5),
            r.IsDBNull(8) ? null : new Quantity(Number(r, 6), Number(r, 7), false, r.GetString(8))),
        ("@ids", Dialect.Ids(claimIds)));

    public IReadOnlyDictionary<long, IReadOnlyList<ClaimPlace>> PlacesOf(IReadOnlyCollection<long> claimIds)
    {
        if (claimIds.Count == 0)
            return new Dictionary<long, IReadOnlyList<ClaimPlace>>();
        return RecordRows.Places(session, claimIds).ToDictionary(g => g.Key, g => (IReadOnlyList<ClaimPlace>)g.Value);
    }

    public void AddEvent(string id, string type) =>
        session.Execute("INSERT INTO events (id, type, claims, sources, outlets, conflict) VALUES (@id, @type, 0, 0, 0, 0)", ("@id", id), ("@type", type));

    public void AddEventClaim(string eventId, long claimId) =>
        session.Execute("INSERT INTO event_claims (event_id, claim_id) VALUES (@e, @c)", ("@e", eventId), ("@c", claimId));

    public void AddClusterEvidence(string cluster, string type, string evidence, string eventId) =>
        session.Execute(Dialect.InsertClusterEvidence, ("@cl", cluster), ("@t", type), ("@ev", evidence), ("@e", eventId));

    public void MarkEventChanged(string eventId) => session.Execute("UPDATE events SET dirty = 1 WHERE id = @id", ("@id", eventId));

    public void RecordChange(string kind, string subject, string? target, long documentId, string at) =>
        session.Execute("INSERT INTO record_changes (kind, subject, target, document_id, at) VALUES (@k, @s, @t, @d, @at)",
            ("@k", kind), ("@s", subject), ("@t", target), ("@d", documentId), ("@at", at));

    public long NewestChange() =>
        Convert.ToInt64(session.Scalar("SELECT COALESCE(MAX(id), 0) FROM record_changes"), System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<(string Merged, string Target)> MergesSince(long change) => session.Rows(
        "SELECT subject, target FROM record_changes WHERE id > @after AND kind = 'cluster-merged' ORDER BY id",
        r => (r.GetString(0), r.GetString(1)), ("@after", change));

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static double? Number(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
