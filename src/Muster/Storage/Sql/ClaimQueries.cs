using System.Globalization;
using Muster.Dates;

namespace Muster.Storage.Sql;

/// <summary>
/// The record's lists: stories and claims by filter, with pages and capped totals, counts per place and per day.
/// Every WHERE clause is assembled from fixed fragments, one per filter that is set, so that the database can use the
/// indexes of the filters in play; values are always parameters, never text from the request.
/// </summary>
internal sealed class ClaimQueries(SqlSession session)
{
    /// <summary>
    /// The most rows a count walks; past it the total is reported as a lower bound ("2,000+"). Counting further
    /// costs a table read per match, which at 100k pages is what made filtered lists slow.
    /// </summary>
    public const int CountCap = 2_000;

    public List<StoredStory> ListStories(bool relevantOnly, int limit) =>
        RecordRows.Stories(session, RecordRows.StorySelect + " WHERE (@relevant = 0 OR s.relevant = 1) ORDER BY d.id, s.ordinal LIMIT @limit",
            ("@relevant", relevantOnly ? 1 : 0), ("@limit", limit));

    public StoredStory? FindStory(string id) =>
        RecordRows.Stories(session, RecordRows.StorySelect + " WHERE s.id = @id", ("@id", id)).SingleOrDefault();

    public string? DocumentUrl(long documentId) => session.Scalar("SELECT url FROM documents WHERE id = @id", ("@id", documentId)) as string;

    private static bool HasWord(string text) => text.Any(char.IsLetterOrDigit);

    private string Conditions(ClaimFilter filter)
    {
        var parts = new List<string>();
        if (filter.Type is not null)
            parts.Add("c.type = @type");
        if (filter.Stance is not null)
            parts.Add("c.stance = @stance");
        if (filter.StoryId is not null)
            parts.Add("c.story_id = @story");
        // Text without a letter or digit has no word to look for: it matches nothing.
        if (filter.SourceText is not null)
            parts.Add(HasWord(filter.SourceText) ? session.Dialect.ClaimTextCondition(ClaimText.Source, "@source") : "0 = 1");
        if (filter.Text is not null)
            parts.Add(HasWord(filter.Text) ? session.Dialect.ClaimTextCondition(ClaimText.Evidence, "@text") : "0 = 1");
        if (filter.Place is { Length: 2 })
            parts.Add("c.id IN (SELECT claim_id FROM claim_places WHERE country = @place)");
        else if (filter.Place is not null)
            parts.Add("c.id IN (SELECT claim_id FROM claim_places WHERE code = @place)");
        // A claim's date (its own, else its story's) covers a period; it passes when the period meets the range.
        if (filter.Since is not null)
            parts.Add("c.date_to >= @since");
        if (filter.Until is not null)
            parts.Add("c.date_from <= @until");
        return parts.Count == 0 ? "1 = 1" : string.Join(" AND ", parts);
    }

    /// <summary>The parameters of <see cref="Conditions"/>: only those of the filters that are set, as each fragment names them.</summary>
    private (string, object?)[] Parameters(ClaimFilter filter, params (string, object?)[] more)
    {
        var bound = new List<(string, object?)>();
        void Bind(string name, object? value)
        {
            if (value is not null)
                bound.Add((name, value));
        }
        Bind("@type", filter.Type);
        Bind("@stance", filter.Stance);
        Bind("@story", filter.StoryId);
        Bind("@source", filter.SourceText is { } source && HasWord(source) ? session.Dialect.ClaimTextValue(ClaimText.Source, source) : null);
        Bind("@text", filter.Text is { } text && HasWord(text) ? session.Dialect.ClaimTextValue(ClaimText.Evidence, text) : null);
        Bind("@place", filter.Place);
        Bind("@since", filter.Since is null ? null : DatePeriod.Start(PartialDate.Parse(filter.Since)) ?? filter.Since);
        Bind("@until", filter.Until is null ? null : DatePeriod.End(PartialDate.Parse(filter.Until)) ?? filter.Until);
        bound.AddRange(more);
        return [.. bound];
    }

    public ResultPage<StoredClaim> QueryClaims(ClaimFilter filter, int offset, int limit)
    {
        // With a place, the walk starts from that place's index entries in claim order and stops at the page's
        // end (or the count's cap); starting from the claims would first list every claim of a busy region.
        string from;
        if (filter.Place is not null)
        {
            var rest = Conditions(filter with { Place = null });
            var place = filter.Place.Length == 2 ? "p.country = @place" : "p.code = @place";
            // The claim's type is kept beside its place, so a type within a region is one index range.
            if (filter.Type is not null)
                place += " AND p.claim_type = @type";
            from = $"SELECT DISTINCT p.claim_id AS id FROM claim_places p JOIN claims c ON c.id = p.claim_id WHERE {place} AND {rest}";
        }
        else
        {
            from = $"SELECT c.id AS id FROM claims c WHERE {Conditions(filter)}";
        }
        var total = Convert.ToInt64(session.Scalar(string.Create(CultureInfo.InvariantCulture, $"SELECT COUNT(*) FROM ({from} LIMIT {CountCap + 1}) AS counted"),
            Parameters(filter)), CultureInfo.InvariantCulture);
        // Claims are inserted page by page, story by story, in order: their id is the reading order.
        var ids = session.Rows($"{from} ORDER BY id LIMIT @limit OFFSET @offset", r => r.GetInt64(0), Parameters(filter, ("@limit", limit), ("@offset", offset)));
        return new ResultPage<StoredClaim>(RecordRows.StoredClaims(session, ids), total, offset, limit, total <= CountCap);
    }

    public ResultPage<StoredStory> QueryStories(bool relevantOnly, ClaimFilter? claims, int offset, int limit)
    {
        var conditions = new List<string>();
        if (relevantOnly)
            conditions.Add("s.relevant = 1");
        if (claims is not null)
            // An uncorrelated set of story ids, built once: a correlated EXISTS ran the claims' full-text match
            // again for every story (3 s for q=summons at 16k stories, against 20 ms).
            conditions.Add($"s.id IN (SELECT c.story_id FROM claims c WHERE {Conditions(claims)})");
        var where = conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions);
        var filter = claims ?? new ClaimFilter();
        var total = Convert.ToInt64(session.Scalar(string.Create(CultureInfo.InvariantCulture, $"SELECT COUNT(*) FROM (SELECT 1 AS one FROM stories s WHERE {where} LIMIT {CountCap + 1}) AS counted"),
            Parameters(filter)), CultureInfo.InvariantCulture);
        // Newest first: the stated publication day, else the ingest day (kept in sort_date, which is indexed).
        var stories = RecordRows.Stories(session, RecordRows.StorySelect + $" WHERE {where} ORDER BY s.sort_date DESC, s.{session.Dialect.InsertOrder} DESC LIMIT @limit OFFSET @offset",
            Parameters(filter, ("@limit", limit), ("@offset", offset)));
        return new ResultPage<StoredStory>(stories, total, offset, limit, total <= CountCap);
    }

    public IReadOnlyList<PlaceCount> CountPlaces(ClaimFilter filter) => session.Rows("""
        SELECT p.code, MIN(p.country), MIN(p.name), COUNT(DISTINCT p.claim_id), AVG(p.lat), AVG(p.lon)
        FROM claim_places p
        WHERE p.code IS NOT NULL
        """ + (filter == new ClaimFilter() ? "" : $" AND p.claim_id IN (SELECT c.id FROM claims c WHERE {Conditions(filter)})") +
        " GROUP BY p.code ORDER BY COUNT(DISTINCT p.claim_id) DESC, p.code",
        r => new PlaceCount(r.GetString(0), RecordRows.Text(r, 1), r.GetString(2), r.GetInt64(3), RecordRows.Number(r, 4), RecordRows.Number(r, 5)),
        Parameters(filter));

    public IReadOnlyList<TimelineCount> Timeline(ClaimFilter filter) => session.Rows("""
        SELECT day, type, COUNT(*) FROM (
            SELECT CASE WHEN length(c.claim_date) = 10 AND substr(c.claim_date, 1, 1) <> '-' THEN c.claim_date
                        WHEN length(s.published) = 10 AND substr(s.published, 1, 1) <> '-' THEN s.published
                        ELSE s.sort_date END AS day, c.type AS type
            FROM claims c JOIN stories s ON s.id = c.story_id
        """ + $" WHERE {Conditions(filter)}) AS days GROUP BY day, type ORDER BY day, type",
        r => new TimelineCount(r.GetString(0), r.GetString(1), r.GetInt64(2)), Parameters(filter));

    public long DataVersion() => Convert.ToInt64(session.Scalar("SELECT COALESCE(MAX(id), 0) FROM documents"), CultureInfo.InvariantCulture);

    public RecordCounts Count() => new(
        Convert.ToInt64(session.Scalar("SELECT COUNT(*) FROM documents"), CultureInfo.InvariantCulture),
        Convert.ToInt64(session.Scalar("SELECT COUNT(*) FROM stories"), CultureInfo.InvariantCulture),
        Convert.ToInt64(session.Scalar("SELECT COUNT(*) FROM stories WHERE relevant = 1"), CultureInfo.InvariantCulture),
        Convert.ToInt64(session.Scalar("SELECT COUNT(*) FROM claims"), CultureInfo.InvariantCulture));
}
