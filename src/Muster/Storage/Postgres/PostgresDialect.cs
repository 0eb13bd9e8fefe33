using Muster.Storage.Sql;

namespace Muster.Storage.Postgres;

/// <summary>PostgreSQL's words: <c>seq</c> identity columns for insertion order, id arrays, tsvector matches for claim text.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override string InsertOrder => "seq";

    public override string IdsIn(string parameter) => $"SELECT unnest({parameter}::bigint[])";

    public override object Ids(IEnumerable<long> ids) => ids.ToArray();

    // The GIN index finds the candidates under every configuration a story may have been indexed with.
    public override string ClaimTextCondition(ClaimText field, string parameter) =>
        $"c.{(field == ClaimText.Source ? "source_vector" : "evidence_vector")} @@ {PostgresSearch.AnyLanguage(parameter)}";

    public override object ClaimTextValue(ClaimText field, string text) => PostgresSearch.Phrase(text);

    public override string InsertClusterEvidence =>
        "INSERT INTO cluster_claims (cluster_id, type, evidence, event_id) VALUES (@cl, @t, @ev, @e) ON CONFLICT DO NOTHING";

    // What SQLite's UPDATE OR IGNORE does: rows the target already holds stay with the merged cluster (deleted next).
    public override string MergeClusterEvidence => """
        UPDATE cluster_claims m SET cluster_id = @t WHERE m.cluster_id = @m
        AND NOT EXISTS (SELECT 1 FROM cluster_claims t WHERE t.cluster_id = @t AND t.type = m.type AND t.evidence = m.evidence)
        """;
}
