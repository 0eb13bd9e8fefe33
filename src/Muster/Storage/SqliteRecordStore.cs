using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Muster.Claims;
using Muster.Dates;

namespace Muster.Storage;

/// <summary>
/// The embedded record: one SQLite file in WAL mode, schema by numbered migrations. Plain SQL with parameters
/// throughout; nothing is built by concatenating input.
/// </summary>
public sealed class SqliteRecordStore : IRecordStore
{
    private readonly SqliteConnection _connection;

    /// <summary>The database file's path.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and brings its schema up to date.</summary>
    public SqliteRecordStore(string path)
    {
        Path = path;
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("PRAGMA foreign_keys=ON;");
        Execute("PRAGMA busy_timeout=10000;");
        Migrate();
    }

    /// <summary>The schema version the database is at.</summary>
    public int SchemaVersion => Convert.ToInt32(Scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"), CultureInfo.InvariantCulture);

    private void Migrate()
    {
        Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        var current = SchemaVersion;
        foreach (var (version, sql) in SqliteMigrations.All)
        {
            if (version <= current)
                continue;
            using var transaction = _connection.BeginTransaction();
            using (var command = _connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }
            using (var command = _connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES ($v, $t)";
                command.Parameters.AddWithValue("$v", version);
                command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    /// <inheritdoc />
    public SaveResult Save(PageDocument document, DateTimeOffset ingestedAt)
    {
        using var transaction = _connection.BeginTransaction();
        var existing = Scalar("SELECT id FROM documents WHERE sha256 = $sha", transaction, ("$sha", document.Sha256));
        if (existing is not null)
        {
            var version = Convert.ToInt32(Scalar("SELECT version FROM documents WHERE id = $id", transaction, ("$id", existing)), CultureInfo.InvariantCulture);
            return new SaveResult(SaveStatus.Unchanged, Convert.ToInt64(existing, CultureInfo.InvariantCulture), version);
        }
        var nextVersion = Convert.ToInt32(Scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM documents WHERE source = $source", transaction, ("$source", document.Source)), CultureInfo.InvariantCulture);
        var documentId = Convert.ToInt64(Scalar("""
            INSERT INTO documents (sha256, source, version, outlet, language, encoding, byte_length, ingested_at, text)
            VALUES ($sha, $source, $version, $outlet, $language, $encoding, $bytes, $at, $text)
            RETURNING id
            """, transaction,
            ("$sha", document.Sha256), ("$source", document.Source), ("$version", nextVersion), ("$outlet", document.Outlet),
            ("$language", document.Language), ("$encoding", document.Encoding), ("$bytes", document.ByteLength),
            ("$at", ingestedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)), ("$text", document.Text)), CultureInfo.InvariantCulture);

        var ordinal = 0;
        foreach (var story in document.Stories)
        {
            ordinal++;
            Execute("""
                INSERT INTO stories (id, document_id, ordinal, role, title, title_start, title_end, body, paragraphs,
                                     start_offset, end_offset, published, relevant)
                VALUES ($id, $doc, $ordinal, $role, $title, $ts, $te, $body, $paragraphs, $start, $end, $published, $relevant)
                """, transaction,
                ("$id", story.Id), ("$doc", documentId), ("$ordinal", ordinal), ("$role", RoleName(story.Role)),
                ("$title", story.Title), ("$ts", story.TitleSpan?.Start), ("$te", story.TitleSpan?.End), ("$body", story.Text),
                ("$paragraphs", JsonSerializer.Serialize(story.Paragraphs.Select(p => new[] { p.Start, p.End }))),
                ("$start", story.Start), ("$end", story.End), ("$published", story.Published?.ToString()), ("$relevant", story.Relevant ? 1 : 0));
            var claimOrdinal = 0;
            foreach (var claim in story.Claims)
            {
                claimOrdinal++;
                var claimId = Convert.ToInt64(Scalar("""
                    INSERT INTO claims (story_id, ordinal, type, stance, evidence, start_offset, end_offset, source, via, claim_date,
                                        quantity_min, quantity_max, quantity_approx, quantity_unit, confidence)
                    VALUES ($story, $ordinal, $type, $stance, $evidence, $start, $end, $source, $via, $date, $qmin, $qmax, $qapprox, $qunit, $confidence)
                    RETURNING id
                    """, transaction,
                    ("$story", story.Id), ("$ordinal", claimOrdinal), ("$type", claim.Type), ("$stance", StanceName(claim.Stance)),
                    ("$evidence", claim.Evidence), ("$start", claim.Span.Start), ("$end", claim.Span.End), ("$source", claim.Source),
                    ("$via", JsonSerializer.Serialize(claim.Via)), ("$date", claim.Date?.ToString()),
                    ("$qmin", claim.Quantity?.Min), ("$qmax", claim.Quantity?.Max),
                    ("$qapprox", claim.Quantity is null ? null : claim.Quantity.Approx ? 1 : 0), ("$qunit", claim.Quantity?.Unit),
                    ("$confidence", claim.Confidence)), CultureInfo.InvariantCulture);
                var placeOrdinal = 0;
                foreach (var place in claim.Places)
                {
                    placeOrdinal++;
                    Execute("""
                        INSERT INTO claim_places (claim_id, ordinal, name, code, country, lat, lon, kind)
                        VALUES ($claim, $ordinal, $name, $code, $country, $lat, $lon, $kind)
                        """, transaction,
                        ("$claim", claimId), ("$ordinal", placeOrdinal), ("$name", place.Name), ("$code", place.Code),
                        ("$country", place.Country), ("$lat", place.Lat), ("$lon", place.Lon), ("$kind", place.Kind));
                }
            }
        }
        transaction.Commit();
        return new SaveResult(SaveStatus.Added, documentId, nextVersion);
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredStory> ListStories(bool relevantOnly, int limit = int.MaxValue)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = StorySelect + " WHERE ($relevant = 0 OR s.relevant = 1) ORDER BY d.id, s.ordinal LIMIT $limit";
        command.Parameters.AddWithValue("$relevant", relevantOnly ? 1 : 0);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadStories(command);
    }

    /// <inheritdoc />
    public StoredStory? FindStory(string id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = StorySelect + " WHERE s.id = $id";
        command.Parameters.AddWithValue("$id", id);
        return ReadStories(command).SingleOrDefault();
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredClaim> ListClaims(ClaimFilter filter, int limit = int.MaxValue) => QueryClaims(filter, 0, limit).Items;

    // One WHERE clause with optional filters: each parameter is either null (no filter) or compared; no SQL is
    // assembled from input. The claim's date is its own, else its story's.
    private const string ClaimWhere = """
        WHERE ($type IS NULL OR c.type = $type)
          AND ($stance IS NULL OR c.stance = $stance)
          AND ($story IS NULL OR c.story_id = $story)
          AND ($source IS NULL OR instr(lower(COALESCE(c.source, '') || ' ' || c.via), lower($source)) > 0)
          AND ($text IS NULL OR instr(lower(c.evidence), lower($text)) > 0)
          AND ($place IS NULL OR EXISTS (SELECT 1 FROM claim_places p WHERE p.claim_id = c.id AND (p.code = $place OR p.country = $place)))
          AND ($since IS NULL OR (COALESCE(c.claim_date, s.published) IS NOT NULL
               AND substr(COALESCE(c.claim_date, s.published), 1, 1) <> '-'
               AND substr($since, 1, length(COALESCE(c.claim_date, s.published))) <= COALESCE(c.claim_date, s.published)))
          AND ($until IS NULL OR (COALESCE(c.claim_date, s.published) IS NOT NULL
               AND substr(COALESCE(c.claim_date, s.published), 1, 1) <> '-'
               AND substr($until, 1, length(COALESCE(c.claim_date, s.published))) >= COALESCE(c.claim_date, s.published)))
        """ + "\n";

    private static void BindClaimFilter(SqliteCommand command, ClaimFilter filter)
    {
        command.Parameters.AddWithValue("$type", (object?)filter.Type ?? DBNull.Value);
        command.Parameters.AddWithValue("$stance", (object?)filter.Stance ?? DBNull.Value);
        command.Parameters.AddWithValue("$story", (object?)filter.StoryId ?? DBNull.Value);
        command.Parameters.AddWithValue("$source", (object?)filter.SourceText ?? DBNull.Value);
        command.Parameters.AddWithValue("$text", (object?)filter.Text ?? DBNull.Value);
        command.Parameters.AddWithValue("$place", (object?)filter.Place ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", (object?)filter.Since ?? DBNull.Value);
        command.Parameters.AddWithValue("$until", (object?)filter.Until ?? DBNull.Value);
    }

    private const string ClaimFrom = """
        FROM claims c
        JOIN stories s ON s.id = c.story_id
        JOIN documents d ON d.id = s.document_id
        """ + "\n";

    /// <inheritdoc />
    public ResultPage<StoredClaim> QueryClaims(ClaimFilter filter, int offset, int limit)
    {
        long total;
        using (var count = _connection.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) " + ClaimFrom + ClaimWhere;
            BindClaimFilter(count, filter);
            total = (long)count.ExecuteScalar()!;
        }
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT c.id, c.story_id, d.source, d.outlet, s.title " + ClaimFrom + ClaimWhere +
                              " ORDER BY d.id, s.ordinal, c.ordinal LIMIT $limit OFFSET $offset";
        BindClaimFilter(command, filter);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        var rows = new List<(long Id, string Story, string Source, string? Outlet, string? Title)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        var items = rows.Select(r => new StoredClaim(r.Id, r.Story, r.Source, r.Outlet, r.Title, LoadClaim(r.Id))).ToList();
        return new ResultPage<StoredClaim>(items, total, offset, limit);
    }

    /// <inheritdoc />
    public ResultPage<StoredStory> QueryStories(bool relevantOnly, ClaimFilter? claims, int offset, int limit)
    {
        const string from = """
            FROM stories s JOIN documents d ON d.id = s.document_id
            WHERE ($relevant = 0 OR s.relevant = 1)
              AND ($filtered = 0 OR EXISTS (SELECT 1 FROM claims c WHERE c.story_id = s.id AND c.id IN (SELECT c.id
            """ + "\n";
        var where = from + ClaimFrom + ClaimWhere + ")))";
        long total;
        using (var count = _connection.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) " + where;
            BindStoryFilter(count, relevantOnly, claims);
            total = (long)count.ExecuteScalar()!;
        }
        using var command = _connection.CreateCommand();
        command.CommandText = StorySelect.Replace("FROM stories s JOIN documents d ON d.id = s.document_id", "\n", StringComparison.Ordinal) + where + """

             ORDER BY CASE WHEN length(s.published) = 10 AND substr(s.published, 1, 1) <> '-' THEN s.published
                           ELSE substr(d.ingested_at, 1, 10) END DESC, d.id DESC, s.ordinal
             LIMIT $limit OFFSET $offset
            """;
        BindStoryFilter(command, relevantOnly, claims);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        return new ResultPage<StoredStory>(ReadStories(command), total, offset, limit);
    }

    private static void BindStoryFilter(SqliteCommand command, bool relevantOnly, ClaimFilter? claims)
    {
        command.Parameters.AddWithValue("$relevant", relevantOnly ? 1 : 0);
        command.Parameters.AddWithValue("$filtered", claims is null ? 0 : 1);
        BindClaimFilter(command, claims ?? new ClaimFilter());
    }

    /// <inheritdoc />
    public IReadOnlyList<PlaceCount> CountPlaces(ClaimFilter filter)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT p.code, MIN(p.country), MIN(p.name), COUNT(DISTINCT p.claim_id), AVG(p.lat), AVG(p.lon)
            FROM claim_places p
            WHERE p.code IS NOT NULL AND p.claim_id IN (SELECT c.id
            """ + "\n" + ClaimFrom + ClaimWhere + ") GROUP BY p.code ORDER BY COUNT(DISTINCT p.claim_id) DESC, p.code";
        BindClaimFilter(command, filter);
        using var reader = command.ExecuteReader();
        var counts = new List<PlaceCount>();
        while (reader.Read())
            counts.Add(new PlaceCount(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetDouble(5)));
        return counts;
    }

    /// <inheritdoc />
    public IReadOnlyList<TimelineCount> Timeline(ClaimFilter filter)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT day, type, COUNT(*) FROM (
                SELECT CASE WHEN length(c.claim_date) = 10 AND substr(c.claim_date, 1, 1) <> '-' THEN c.claim_date
                            WHEN length(s.published) = 10 AND substr(s.published, 1, 1) <> '-' THEN s.published
                            ELSE substr(d.ingested_at, 1, 10) END AS day, c.type AS type
            """ + "\n" + ClaimFrom + ClaimWhere + ") GROUP BY day, type ORDER BY day, type";
        BindClaimFilter(command, filter);
        using var reader = command.ExecuteReader();
        var counts = new List<TimelineCount>();
        while (reader.Read())
            counts.Add(new TimelineCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return counts;
    }

    /// <inheritdoc />
    public IReadOnlyList<SearchHit> Search(string query, int limit)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT s.id, s.title, snippet(story_search, 1, char(2), char(3), '…', 16), bm25(story_search)
            FROM story_search JOIN stories s ON s.rowid = story_search.rowid
            WHERE story_search MATCH $query
            ORDER BY bm25(story_search), s.id
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$query", query);
        command.Parameters.AddWithValue("$limit", limit);
        var hits = new List<SearchHit>();
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
                hits.Add(new SearchHit(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetDouble(3)));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            // SQLITE_ERROR from MATCH: the query's syntax ("fts5: syntax error near …", "unterminated string").
            throw new SearchSyntaxException(e.Message.Replace("SQLite Error 1: ", "", StringComparison.Ordinal).Trim('\'', '.'));
        }
        return hits;
    }

    private Claim LoadClaim(long id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT story_id, ordinal FROM claims WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        reader.Read();
        var story = reader.GetString(0);
        var ordinal = reader.GetInt32(1);
        return LoadClaims(story)[ordinal - 1];
    }

    /// <inheritdoc />
    public RecordCounts Count() => new(
        Convert.ToInt64(Scalar("SELECT COUNT(*) FROM documents"), CultureInfo.InvariantCulture),
        Convert.ToInt64(Scalar("SELECT COUNT(*) FROM stories"), CultureInfo.InvariantCulture),
        Convert.ToInt64(Scalar("SELECT COUNT(*) FROM stories WHERE relevant = 1"), CultureInfo.InvariantCulture),
        Convert.ToInt64(Scalar("SELECT COUNT(*) FROM claims"), CultureInfo.InvariantCulture));

    private const string StorySelect = """
        SELECT s.id, s.role, s.title, s.title_start, s.title_end, s.body, s.paragraphs, s.start_offset, s.end_offset,
               s.published, s.relevant, d.id, d.source, d.outlet, d.version, d.text
        FROM stories s JOIN documents d ON d.id = s.document_id
        """;

    private List<StoredStory> ReadStories(SqliteCommand command)
    {
        var rows = new List<StoredStory>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var paragraphs = JsonSerializer.Deserialize<int[][]>(reader.GetString(6))!.Select(p => new TextSpan(p[0], p[1])).ToList();
                var story = new Story
                {
                    Id = reader.GetString(0),
                    Role = ParseRole(reader.GetString(1)),
                    Title = reader.IsDBNull(2) ? null : reader.GetString(2),
                    TitleSpan = reader.IsDBNull(3) ? null : new TextSpan(reader.GetInt32(3), reader.GetInt32(4)),
                    Text = reader.GetString(5),
                    Paragraphs = paragraphs,
                    Start = reader.GetInt32(7),
                    End = reader.GetInt32(8),
                    Published = reader.IsDBNull(9) ? null : PartialDate.Parse(reader.GetString(9)),
                    Relevant = reader.GetInt32(10) == 1,
                };
                rows.Add(new StoredStory(story, reader.GetInt64(11), reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13),
                    reader.GetInt32(14), reader.GetString(15)));
            }
        }
        return rows.Select(r => r with { Story = r.Story with { Claims = LoadClaims(r.Story.Id) } }).ToList();
    }

    private List<Claim> LoadClaims(string storyId)
    {
        var claims = new List<(long Id, Claim Claim)>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = """
                SELECT id, type, stance, evidence, start_offset, end_offset, source, via, claim_date,
                       quantity_min, quantity_max, quantity_approx, quantity_unit, confidence
                FROM claims WHERE story_id = $story ORDER BY ordinal
                """;
            command.Parameters.AddWithValue("$story", storyId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                claims.Add((reader.GetInt64(0), new Claim
                {
                    Type = reader.GetString(1),
                    Stance = ParseStance(reader.GetString(2)),
                    Evidence = reader.GetString(3),
                    Span = new TextSpan(reader.GetInt32(4), reader.GetInt32(5)),
                    Source = reader.IsDBNull(6) ? null : reader.GetString(6),
                    Via = JsonSerializer.Deserialize<string[]>(reader.GetString(7)) ?? [],
                    Date = reader.IsDBNull(8) ? null : PartialDate.Parse(reader.GetString(8)),
                    Quantity = reader.IsDBNull(12) ? null : new Quantity(
                        reader.IsDBNull(9) ? null : reader.GetDouble(9), reader.IsDBNull(10) ? null : reader.GetDouble(10),
                        !reader.IsDBNull(11) && reader.GetInt32(11) == 1, reader.GetString(12)),
                    Confidence = reader.GetDouble(13),
                }));
            }
        }
        return claims.Select(c => c.Claim with { Places = LoadPlaces(c.Id) }).ToList();
    }

    private List<ClaimPlace> LoadPlaces(long claimId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT name, code, country, lat, lon, kind FROM claim_places WHERE claim_id = $claim ORDER BY ordinal";
        command.Parameters.AddWithValue("$claim", claimId);
        using var reader = command.ExecuteReader();
        var places = new List<ClaimPlace>();
        while (reader.Read())
            places.Add(new ClaimPlace(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.GetString(5)));
        return places;
    }

    /// <summary>The lower-case name used in storage and JSON.</summary>
    public static string RoleName(StoryRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The lower-case name used in storage and JSON.</summary>
    public static string StanceName(Stance stance) => stance.ToString().ToLowerInvariant();

    private static StoryRole ParseRole(string name) => Enum.Parse<StoryRole>(name, ignoreCase: true);

    private static Stance ParseStance(string name) => Enum.Parse<Stance>(name, ignoreCase: true);

    private void Execute(string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        using var command = Prepare(sql, transaction, parameters);
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        using var command = Prepare(sql, transaction, parameters);
        return command.ExecuteScalar();
    }

    private SqliteCommand Prepare(string sql, SqliteTransaction? transaction, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
