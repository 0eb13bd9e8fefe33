using System.Text.Json;
using Muster.Storage.Sql;

namespace Muster.Storage.Sqlite;

/// <summary>SQLite's words: rowid order, id lists as JSON read by <c>json_each</c>, FTS5 for claim text.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public override string InsertOrder => "rowid";

    public override string IdsIn(string parameter) => $"SELECT value FROM json_each({parameter})";

    public override object Ids(IEnumerable<long> ids) => JsonSerializer.Serialize(ids);

    public override string ClaimTextCondition(ClaimText field, string parameter) =>
        $"c.id IN (SELECT rowid FROM claim_search WHERE claim_search MATCH {parameter})";

    // An FTS5 phrase of the user's words in the given columns (the last word a prefix).
    public override object ClaimTextValue(ClaimText field, string text) =>
        SearchTerms.Phrase(field == ClaimText.Source ? "{source via}" : "evidence", text);

    public override string InsertClusterEvidence =>
        "INSERT OR IGNORE INTO cluster_claims (cluster_id, type, evidence, event_id) VALUES (@cl, @t, @ev, @e)";

    public override string MergeClusterEvidence => "UPDATE OR IGNORE cluster_claims SET cluster_id = @t WHERE cluster_id = @m";
}
