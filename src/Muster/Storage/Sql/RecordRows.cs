using System.Data.Common;
using System.Text.Json;
using Muster.Claims;
using Muster.Dates;

namespace Muster.Storage.Sql;

/// <summary>Reads stored stories and claims back into the domain's records: the row mapping, in one place.</summary>
internal static class RecordRows
{
    /// <summary>The columns <see cref="Stories"/> maps, from stories <c>s</c> and their documents <c>d</c>.</summary>
    public const string StorySelect = """
        SELECT s.id, s.role, s.title, s.title_start, s.title_end, s.body, s.paragraphs, s.start_offset, s.end_offset,
               s.published, s.relevant, d.id, d.source, d.outlet, d.version, d.text
        FROM stories s JOIN documents d ON d.id = s.document_id
        """;

    /// <summary>The stories a <see cref="StorySelect"/> finds, each with its claims.</summary>
    public static List<StoredStory> Stories(SqlSession session, string sql, params (string Name, object? Value)[] parameters)
    {
        var rows = session.Rows(sql, reader =>
        {
            var paragraphs = JsonSerializer.Deserialize<int[][]>(reader.GetString(6))!.Select(p => new TextSpan(p[0], p[1])).ToList();
            var story = new Story
            {
                Id = reader.GetString(0),
                Role = DomainNames.ParseRole(reader.GetString(1)),
                Title = Text(reader, 2),
                TitleSpan = reader.IsDBNull(3) ? null : new TextSpan(reader.GetInt32(3), reader.GetInt32(4)),
                Text = reader.GetString(5),
                Paragraphs = paragraphs,
                Start = reader.GetInt32(7),
                End = reader.GetInt32(8),
                Published = reader.IsDBNull(9) ? null : PartialDate.Parse(reader.GetString(9)),
                Relevant = reader.GetInt32(10) == 1,
            };
            return new StoredStory(story, reader.GetInt64(11), reader.GetString(12), Text(reader, 13), reader.GetInt32(14), reader.GetString(15));
        }, parameters);
        return rows.Select(r => r with { Story = r.Story with { Claims = ClaimsWhere(session, "c.story_id = @story", ("@story", r.Story.Id)).Values.ToList() } }).ToList();
    }

    /// <summary>Claims matching a fixed condition on <c>c</c>, with their places, in two queries; keyed by id in id order.</summary>
    public static SortedDictionary<long, Claim> ClaimsWhere(SqlSession session, string condition, params (string Name, object? Value)[] parameters)
    {
        var claims = new SortedDictionary<long, Claim>();
        foreach (var (id, claim) in session.Rows($"""
            SELECT c.id, c.type, c.stance, c.evidence, c.start_offset, c.end_offset, c.source, c.via, c.claim_date,
                   c.quantity_min, c.quantity_max, c.quantity_approx, c.quantity_unit, c.confidence
            FROM claims c WHERE {condition} ORDER BY c.id
            """, reader => (reader.GetInt64(0), new Claim
            {
                Type = reader.GetString(1),
                Stance = DomainNames.ParseStance(reader.GetString(2)),
                Evidence = reader.GetString(3),
                Span = new TextSpan(reader.GetInt32(4), reader.GetInt32(5)),
                Source = Text(reader, 6),
                Via = JsonSerializer.Deserialize<string[]>(reader.GetString(7)) ?? [],
                Date = reader.IsDBNull(8) ? null : PartialDate.Parse(reader.GetString(8)),
                Quantity = reader.IsDBNull(12) ? null : new Quantity(Number(reader, 9), Number(reader, 10),
                    !reader.IsDBNull(11) && reader.GetInt32(11) == 1, reader.GetString(12)),
                Confidence = reader.GetDouble(13),
            }), parameters))
            claims[id] = claim;
        if (claims.Count == 0)
            return claims;
        foreach (var (id, places) in Places(session, claims.Keys))
            claims[id] = claims[id] with { Places = places };
        return claims;
    }

    /// <summary>The places of the given claims, in order, by claim.</summary>
    public static Dictionary<long, List<ClaimPlace>> Places(SqlSession session, IReadOnlyCollection<long> claimIds)
    {
        var places = new Dictionary<long, List<ClaimPlace>>();
        var rows = session.Rows($"""
            SELECT claim_id, name, code, country, lat, lon, kind FROM claim_places
            WHERE claim_id IN ({session.Dialect.IdsIn("@ids")}) ORDER BY claim_id, ordinal
            """, reader => (Id: reader.GetInt64(0), Place: new ClaimPlace(reader.GetString(1), Text(reader, 2), Text(reader, 3),
                Number(reader, 4), Number(reader, 5), reader.GetString(6))),
            ("@ids", session.Dialect.Ids(claimIds)));
        foreach (var (id, place) in rows)
            (places.TryGetValue(id, out var list) ? list : places[id] = []).Add(place);
        return places;
    }

    /// <summary>The stored claims with these ids, in the order given, each with its story, page and event.</summary>
    public static List<StoredClaim> StoredClaims(SqlSession session, IReadOnlyList<long> ids)
    {
        if (ids.Count == 0)
            return [];
        var claims = ClaimsWhere(session, $"c.id IN ({session.Dialect.IdsIn("@ids")})", ("@ids", session.Dialect.Ids(ids)));
        var context = session.Rows($"""
            SELECT c.id, c.story_id, d.source, d.outlet, s.title, ec.event_id, s.published
            FROM claims c JOIN stories s ON s.id = c.story_id JOIN documents d ON d.id = s.document_id
            LEFT JOIN event_claims ec ON ec.claim_id = c.id
            WHERE c.id IN ({session.Dialect.IdsIn("@ids")})
            """, reader => (Id: reader.GetInt64(0), Story: reader.GetString(1), Source: reader.GetString(2), Outlet: Text(reader, 3),
                Title: Text(reader, 4), Event: Text(reader, 5), Published: Text(reader, 6)),
            ("@ids", session.Dialect.Ids(ids))).ToDictionary(r => r.Id);
        return ids.Where(context.ContainsKey).Select(id =>
        {
            var c = context[id];
            return new StoredClaim(id, c.Story, c.Source, c.Outlet, c.Title, claims[id], c.Event) { StoryPublished = c.Published };
        }).ToList();
    }

    public static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    public static double? Number(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
}
