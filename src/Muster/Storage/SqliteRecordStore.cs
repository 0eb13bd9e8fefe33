using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Muster.Claims;
using Muster.Dates;

namespace Muster.Storage;

/// <summary>
/// The embedded record: one SQLite file in WAL mode, schema by numbered migrations. Plain SQL with parameters
/// throughout; nothing is built by concatenating input. Several processes may write at once: each write is a short
/// transaction that waits for the others (see <see cref="LockWait"/>), and the schema is migrated under the write lock.
/// </summary>
public sealed partial class SqliteRecordStore : IRecordStore
{
    private readonly SqliteConnection _connection;
    private readonly WriteRetry _retry;
    private bool _wrote;

    /// <summary>How long a write waits for another writer's lock before it gives up, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(60);

    // One statement of a write waits this long inside SQLite (busy_timeout) before the whole write unit is rolled
    // back and tried again: short, so that the bound is kept and the pauses between tries grow.
    private static readonly TimeSpan StatementWait = TimeSpan.FromSeconds(1);

    /// <summary>The database file's path.</summary>
    public string Path { get; }

    /// <summary>The longest a write waits for another writer's lock before it fails with <see cref="RecordBusyException"/>.</summary>
    public TimeSpan LockWait => _retry.Bound;

    /// <summary>How many write units met a lock and were run again since the store was opened.</summary>
    public int WriteRetries => _retry.Retries;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and brings its schema up to date.</summary>
    public SqliteRecordStore(string path) : this(path, DefaultLockWait)
    {
    }

    /// <summary>
    /// Opens (creating if needed) the database at <paramref name="path"/> and brings its schema up to date, waiting at
    /// most <paramref name="lockWait"/> for another writer each time it writes.
    /// </summary>
    /// <exception cref="RecordBusyException">Another writer held the lock past the wait while the schema was checked.</exception>
    public SqliteRecordStore(string path, TimeSpan lockWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lockWait, TimeSpan.Zero);
        Path = path;
        _retry = new WriteRetry(path, lockWait);
        var statementWait = lockWait < StatementWait ? lockWait : StatementWait;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false,
            // A read waits for a lock (rare in WAL mode: a recovery, a checkpoint) as long as a write would.
            DefaultTimeout = (int)Math.Ceiling(lockWait.TotalSeconds),
        };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        try
        {
            // The busy timeout comes first: switching a new file to WAL takes a lock another process may hold.
            Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout={(int)statementWait.TotalMilliseconds};"));
            _retry.Run(() => Execute("PRAGMA journal_mode=WAL;"));
            Execute("PRAGMA synchronous=NORMAL;");
            Execute("PRAGMA foreign_keys=ON;");
            // Sorting and grouping happen in memory: temporary files cost system calls on every query.
            Execute("PRAGMA temp_store=MEMORY;");
            Execute("PRAGMA cache_size=-65536;");
            // Every page is its own transaction, so the write-ahead log grows by a few dozen pages per document; copying
            // it into the database every 1,000 log pages (the default) rewrote the same index pages again and again.
            // Every 10,000 (about 40 MB) copies each of them once per many more documents.
            Execute("PRAGMA wal_autocheckpoint=10000;");
            Migrate();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>The schema version the database is at.</summary>
    public int SchemaVersion => ReadSchemaVersion(null);

    private int ReadSchemaVersion(SqliteTransaction? transaction)
    {
        if (Scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", transaction) is null)
            return 0;
        return Convert.ToInt32(Scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", transaction), CultureInfo.InvariantCulture);
    }

    private void Migrate()
    {
        // Most opens find the schema current and take no lock (a web request opens the store).
        var latest = SqliteMigrations.All[^1].Version;
        if (ReadSchemaVersion(null) >= latest)
            return;
        // The version is read again under the write lock, and every missing migration applied in the same
        // transaction: a second process that waited for the first finds the schema current, never half of it.
        var before = _retry.Run(() =>
        {
            using var transaction = BeginWrite();
            Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", transaction);
            var current = ReadSchemaVersion(transaction);
            foreach (var (version, sql) in SqliteMigrations.All)
            {
                if (version <= current)
                    continue;
                using (var command = _connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandTimeout = (int)StatementWait.TotalSeconds;
                    command.CommandText = sql;
                    command.ExecuteNonQuery();
                }
                Execute("INSERT INTO schema_migrations (version, applied_at) VALUES ($v, $t)", transaction,
                    ("$v", version), ("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            }
            transaction.Commit();
            return current;
        }, Forget);
        // New indexes are only chosen well with statistics; a sampled ANALYZE takes moments even on a large record.
        if (before > 0 && before < latest)
            _retry.Run(() => Execute("PRAGMA analysis_limit=400; ANALYZE;"));
    }

    /// <summary>
    /// Opens a write transaction (BEGIN IMMEDIATE: the write lock is taken at once, so no statement inside it waits
    /// for a lock half-way). Waiting for another writer is the retry's job: the statement itself waits only briefly.
    /// </summary>
    private SqliteTransaction BeginWrite()
    {
        var wait = _connection.DefaultTimeout;
        _connection.DefaultTimeout = (int)StatementWait.TotalSeconds;
        try
        {
            return _connection.BeginTransaction(deferred: false);
        }
        finally
        {
            _connection.DefaultTimeout = wait;
        }
    }

    /// <summary>After a write unit was rolled back: what this store remembers of the record may name rows that are gone.</summary>
    private void Forget() => _candidates.Clear();

    private SqliteTransaction? _batch;
    private bool _batching;
    private int _batchDocuments;
    private long _batchStarted;

    /// <summary>Documents a batch holds before it commits and opens the next.</summary>
    public const int BatchDocuments = 200;

    /// <summary>The longest a batch stays open before it commits, so a slow ingest is stored as it goes.</summary>
    public static readonly TimeSpan BatchTime = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    /// <remarks>The batch's transaction is opened by the first save in it and after each commit by the next one, so a
    /// document that was committed is never reported as failed because the next transaction could not begin. The
    /// transaction holds the write lock between saves: a caller that analyses pages between saves should use
    /// <see cref="SaveAll"/> instead.</remarks>
    public IDisposable BeginBatch()
    {
        if (_batching)
            throw new InvalidOperationException("a batch is already open on this store");
        _batching = true;
        _batchDocuments = 0;
        return new BatchScope(this);
    }

    private sealed class BatchScope(SqliteRecordStore store) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            store.EndBatch();
        }
    }

    private void EndBatch()
    {
        _batching = false;
        var batch = _batch;
        _batch = null;
        if (batch is null)
            return;
        batch.Commit();
        batch.Dispose();
    }

    /// <summary>After a document is saved in a batch: commit when the batch is full or old; the next save opens the next.</summary>
    private void AdvanceBatch()
    {
        _batchDocuments++;
        if (_batchDocuments < BatchDocuments && System.Diagnostics.Stopwatch.GetElapsedTime(_batchStarted) < BatchTime)
            return;
        var batch = _batch!;
        _batch = null;
        batch.Commit();
        batch.Dispose();
    }

    /// <inheritdoc />
    public SaveResult Save(PageDocument document, DateTimeOffset ingestedAt)
    {
        if (!_batching)
        {
            return _retry.Run(() =>
            {
                using var transaction = BeginWrite();
                var result = SaveIn(transaction, document, ingestedAt);
                transaction.Commit();
                return result;
            }, Forget);
        }
        if (_batch is null)
        {
            _batch = _retry.Run(BeginWrite);
            _batchDocuments = 0;
            _batchStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        }
        // In a batch each document is a savepoint: a document that fails is rolled back alone, whole, and a
        // crash loses at most the documents of the open batch, never part of one.
        _batch.Save("document");
        SaveResult saved;
        try
        {
            saved = SaveIn(_batch, document, ingestedAt);
        }
        catch
        {
            _batch.Rollback("document");
            _batch.Release("document");
            Forget();
            throw;
        }
        _batch.Release("document");
        AdvanceBatch();
        return saved;
    }

    /// <inheritdoc />
    /// <remarks>
    /// One short transaction, opened when the documents are ready (never while a page is being analysed) and waited
    /// for as every write is; each document is a savepoint, so one that fails is rolled back alone and reported, and
    /// the others are committed. The attempts are returned only after the commit: a document reported as saved is
    /// stored.
    /// </remarks>
    /// <exception cref="RecordBusyException">Another writer held the lock past <see cref="LockWait"/>: none was stored.</exception>
    /// <exception cref="SqliteException">The commit failed (a full disk, a read-only file): none was stored.</exception>
    public IReadOnlyList<SaveAttempt> SaveAll(IReadOnlyList<PageDocument> documents, DateTimeOffset ingestedAt)
    {
        if (_batching)
            throw new InvalidOperationException("SaveAll commits on its own; it cannot run inside a batch");
        if (documents.Count == 0)
            return [];
        return _retry.Run(() =>
        {
            var attempts = new List<SaveAttempt>(documents.Count);
            using var transaction = BeginWrite();
            foreach (var document in documents)
            {
                transaction.Save("document");
                try
                {
                    attempts.Add(new SaveAttempt(SaveIn(transaction, document, ingestedAt), null));
                }
                catch (Exception e) when (e is not OutOfMemoryException && !(e is SqliteException s && WriteRetry.IsBusy(s)))
                {
                    transaction.Rollback("document");
                    transaction.Release("document");
                    Forget();
                    attempts.Add(new SaveAttempt(null, e.Message));
                    continue;
                }
                transaction.Release("document");
            }
            transaction.Commit();
            return attempts;
        }, Forget);
    }

    private SaveResult SaveIn(SqliteTransaction transaction, PageDocument document, DateTimeOffset ingestedAt)
    {
        var existing = Scalar("SELECT id FROM documents WHERE sha256 = $sha", transaction, ("$sha", document.Sha256));
        if (existing is not null)
        {
            var version = Convert.ToInt32(Scalar("SELECT version FROM documents WHERE id = $id", transaction, ("$id", existing)), CultureInfo.InvariantCulture);
            return new SaveResult(SaveStatus.Unchanged, Convert.ToInt64(existing, CultureInfo.InvariantCulture), version);
        }
        var nextVersion = Convert.ToInt32(Scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM documents WHERE source = $source", transaction, ("$source", document.Source)), CultureInfo.InvariantCulture);
        var documentId = Convert.ToInt64(Scalar("""
            INSERT INTO documents (sha256, source, version, outlet, language, encoding, byte_length, ingested_at, text,
                                   format, url, title, byline, published, via)
            VALUES ($sha, $source, $version, $outlet, $language, $encoding, $bytes, $at, $text,
                    $format, $url, $title, $byline, $published, $via)
            RETURNING id
            """, transaction,
            ("$sha", document.Sha256), ("$source", document.Source), ("$version", nextVersion), ("$outlet", document.Outlet),
            ("$language", document.Language), ("$encoding", document.Encoding), ("$bytes", document.ByteLength),
            ("$at", ingestedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)), ("$text", document.Text),
            ("$format", document.Format), ("$url", document.Url), ("$title", document.Title), ("$byline", document.Byline),
            ("$published", document.Published?.ToString()),
            ("$via", document.Via.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(document.Via))), CultureInfo.InvariantCulture);

        var ordinal = 0;
        var newClaims = new List<NewClaim>();
        foreach (var story in document.Stories)
        {
            ordinal++;
            Execute("""
                INSERT INTO stories (id, document_id, ordinal, role, title, title_start, title_end, body, paragraphs,
                                     start_offset, end_offset, published, relevant, sort_date)
                VALUES ($id, $doc, $ordinal, $role, $title, $ts, $te, $body, $paragraphs, $start, $end, $published, $relevant, $sort)
                """, transaction,
                ("$id", story.Id), ("$doc", documentId), ("$ordinal", ordinal), ("$role", RoleName(story.Role)),
                ("$title", story.Title), ("$ts", story.TitleSpan?.Start), ("$te", story.TitleSpan?.End), ("$body", story.Text),
                ("$paragraphs", JsonSerializer.Serialize(story.Paragraphs.Select(p => new[] { p.Start, p.End }))),
                ("$start", story.Start), ("$end", story.End), ("$published", story.Published?.ToString()), ("$relevant", story.Relevant ? 1 : 0),
                ("$sort", story.Published is { Precision: Dates.DatePrecision.Day } day ? day.ToString() : ingestedAt.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            var claimOrdinal = 0;
            foreach (var claim in story.Claims)
            {
                claimOrdinal++;
                var claimId = Convert.ToInt64(Scalar("""
                    INSERT INTO claims (story_id, ordinal, type, stance, evidence, start_offset, end_offset, source, via, claim_date,
                                        quantity_min, quantity_max, quantity_approx, quantity_unit, confidence, date_from, date_to)
                    VALUES ($story, $ordinal, $type, $stance, $evidence, $start, $end, $source, $via, $date, $qmin, $qmax, $qapprox, $qunit, $confidence, $from, $to)
                    RETURNING id
                    """, transaction,
                    ("$story", story.Id), ("$ordinal", claimOrdinal), ("$type", claim.Type), ("$stance", StanceName(claim.Stance)),
                    ("$evidence", claim.Evidence), ("$start", claim.Span.Start), ("$end", claim.Span.End), ("$source", claim.Source),
                    ("$via", JsonSerializer.Serialize(claim.Via)), ("$date", claim.Date?.ToString()),
                    ("$qmin", claim.Quantity?.Min), ("$qmax", claim.Quantity?.Max),
                    ("$qapprox", claim.Quantity is null ? null : claim.Quantity.Approx ? 1 : 0), ("$qunit", claim.Quantity?.Unit),
                    ("$confidence", claim.Confidence), ("$from", PeriodStart(claim.Date ?? story.Published)), ("$to", PeriodEnd(claim.Date ?? story.Published))),
                    CultureInfo.InvariantCulture);
                newClaims.Add(new NewClaim(claimId, story.Id, claim));
                var placeOrdinal = 0;
                foreach (var place in claim.Places)
                {
                    placeOrdinal++;
                    Execute("""
                        INSERT INTO claim_places (claim_id, ordinal, name, code, country, lat, lon, kind, claim_type)
                        VALUES ($claim, $ordinal, $name, $code, $country, $lat, $lon, $kind, $type)
                        """, transaction,
                        ("$claim", claimId), ("$ordinal", placeOrdinal), ("$name", place.Name), ("$code", place.Code),
                        ("$country", place.Country), ("$lat", place.Lat), ("$lon", place.Lon), ("$kind", place.Kind), ("$type", claim.Type));
                }
            }
        }
        try
        {
            CheckOtherWriters(transaction);
            LinkStoriesAndEvents(transaction, document, documentId, newClaims, ingestedAt);
        }
        catch
        {
            _candidates.Clear();
            throw;
        }
        _wrote = true;
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

    /// <summary>
    /// The most rows a count walks; past it the total is reported as a lower bound ("2,000+"). Counting further
    /// costs a table read per match, which at 100k pages is what made filtered lists slow.
    /// </summary>
    public const int CountCap = 2_000;

    /// <summary>The first day a date covers, as ISO text ("2023-08" → "2023-08-01"); null without a year.</summary>
    public static string? PeriodStart(PartialDate? date) => date is { Year: not null } d
        ? d.Precision switch { DatePrecision.Day => d.ToString(), DatePrecision.Month => d + "-01", _ => d + "-01-01" }
        : null;

    /// <summary>The last day a date covers, compared as text ("2023-08" → "2023-08-31" also for shorter months).</summary>
    public static string? PeriodEnd(PartialDate? date) => date is { Year: not null } d
        ? d.Precision switch { DatePrecision.Day => d.ToString(), DatePrecision.Month => d + "-31", _ => d + "-12-31" }
        : null;

    private static bool HasWord(string text) => text.Any(char.IsLetterOrDigit);

    /// <summary>An FTS5 query matching the user's text as a phrase (prefix of its last word) in the given columns.</summary>
    private static string Phrase(string columns, string text) => SearchTerms.Phrase(columns, text);

    // The WHERE clause is assembled from fixed fragments, one per filter that is set, so that SQLite can use the
    // indexes of the filters in play; values are always parameters, never text from the request.
    private static string ClaimConditions(ClaimFilter filter)
    {
        var parts = new List<string>();
        if (filter.Type is not null)
            parts.Add("c.type = $type");
        if (filter.Stance is not null)
            parts.Add("c.stance = $stance");
        if (filter.StoryId is not null)
            parts.Add("c.story_id = $story");
        // Text without a letter or digit has no word to look for: it matches nothing.
        if (filter.SourceText is not null)
            parts.Add(HasWord(filter.SourceText) ? "c.id IN (SELECT rowid FROM claim_search WHERE claim_search MATCH $source)" : "0 = 1");
        if (filter.Text is not null)
            parts.Add(HasWord(filter.Text) ? "c.id IN (SELECT rowid FROM claim_search WHERE claim_search MATCH $text)" : "0 = 1");
        if (filter.Place is { Length: 2 })
            parts.Add("c.id IN (SELECT claim_id FROM claim_places WHERE country = $place)");
        else if (filter.Place is not null)
            parts.Add("c.id IN (SELECT claim_id FROM claim_places WHERE code = $place)");
        // A claim's date (its own, else its story's) covers a period; it passes when the period meets the range.
        if (filter.Since is not null)
            parts.Add("c.date_to >= $since");
        if (filter.Until is not null)
            parts.Add("c.date_from <= $until");
        return parts.Count == 0 ? "1 = 1" : string.Join(" AND ", parts);
    }

    private static void BindClaimFilter(SqliteCommand command, ClaimFilter filter)
    {
        void Bind(string name, string? value)
        {
            if (value is not null)
                command.Parameters.AddWithValue(name, value);
        }
        Bind("$type", filter.Type);
        Bind("$stance", filter.Stance);
        Bind("$story", filter.StoryId);
        Bind("$source", filter.SourceText is null ? null : Phrase("{source via}", filter.SourceText));
        Bind("$text", filter.Text is null ? null : Phrase("evidence", filter.Text));
        Bind("$place", filter.Place);
        Bind("$since", filter.Since is null ? null : PeriodStart(PartialDate.Parse(filter.Since)) ?? filter.Since);
        Bind("$until", filter.Until is null ? null : PeriodEnd(PartialDate.Parse(filter.Until)) ?? filter.Until);
    }

    /// <inheritdoc />
    public ResultPage<StoredClaim> QueryClaims(ClaimFilter filter, int offset, int limit)
    {
        // With a place, the walk starts from that place's index entries in claim order and stops at the page's
        // end (or the count's cap); starting from the claims would first list every claim of a busy region.
        string from;
        if (filter.Place is not null)
        {
            var rest = ClaimConditions(filter with { Place = null });
            var place = filter.Place.Length == 2 ? "p.country = $place" : "p.code = $place";
            // The claim's type is kept beside its place, so a type within a region is one index range.
            if (filter.Type is not null)
                place += " AND p.claim_type = $type";
            from = $"SELECT DISTINCT p.claim_id AS id FROM claim_places p JOIN claims c ON c.id = p.claim_id WHERE {place} AND {rest}";
        }
        else
        {
            from = $"SELECT c.id AS id FROM claims c WHERE {ClaimConditions(filter)}";
        }
        long total;
        using (var count = _connection.CreateCommand())
        {
            count.CommandText = $"SELECT COUNT(*) FROM ({from} LIMIT {CountCap + 1})";
            BindClaimFilter(count, filter);
            total = (long)count.ExecuteScalar()!;
        }
        var ids = new List<long>();
        using (var command = _connection.CreateCommand())
        {
            // Claims are inserted page by page, story by story, in order: their id is the reading order.
            command.CommandText = $"{from} ORDER BY id LIMIT $limit OFFSET $offset";
            BindClaimFilter(command, filter);
            command.Parameters.AddWithValue("$limit", limit);
            command.Parameters.AddWithValue("$offset", offset);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                ids.Add(reader.GetInt64(0));
        }
        return new ResultPage<StoredClaim>(LoadStoredClaims(ids), total, offset, limit, total <= CountCap);
    }

    private List<StoredClaim> LoadStoredClaims(List<long> ids)
    {
        if (ids.Count == 0)
            return [];
        var claims = LoadClaimsWhere("c.id IN (SELECT value FROM json_each($ids))", cmd => cmd.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ids)));
        var context = new Dictionary<long, (string Story, string Source, string? Outlet, string? Title, string? Event, string? Published)>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = """
                SELECT c.id, c.story_id, d.source, d.outlet, s.title, ec.event_id, s.published
                FROM claims c JOIN stories s ON s.id = c.story_id JOIN documents d ON d.id = s.document_id
                LEFT JOIN event_claims ec ON ec.claim_id = c.id
                WHERE c.id IN (SELECT value FROM json_each($ids))
                """;
            command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ids));
            using var reader = command.ExecuteReader();
            while (reader.Read())
                context[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6));
        }
        return ids.Where(context.ContainsKey).Select(id =>
        {
            var (story, source, outlet, title, eventId, published) = context[id];
            return new StoredClaim(id, story, source, outlet, title, claims[id], eventId) { StoryPublished = published };
        }).ToList();
    }

    /// <inheritdoc />
    public ResultPage<StoredStory> QueryStories(bool relevantOnly, ClaimFilter? claims, int offset, int limit)
    {
        var conditions = new List<string>();
        if (relevantOnly)
            conditions.Add("s.relevant = 1");
        if (claims is not null)
            conditions.Add($"EXISTS (SELECT 1 FROM claims c WHERE c.story_id = s.id AND {ClaimConditions(claims)})");
        var where = conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions);
        long total;
        using (var count = _connection.CreateCommand())
        {
            count.CommandText = $"SELECT COUNT(*) FROM (SELECT 1 FROM stories s WHERE {where} LIMIT {CountCap + 1})";
            BindClaimFilter(count, claims ?? new ClaimFilter());
            total = (long)count.ExecuteScalar()!;
        }
        using var command = _connection.CreateCommand();
        // Newest first: the stated publication day, else the ingest day (kept in sort_date, which is indexed).
        command.CommandText = StorySelect + $" WHERE {where} ORDER BY s.sort_date DESC, s.rowid DESC LIMIT $limit OFFSET $offset";
        BindClaimFilter(command, claims ?? new ClaimFilter());
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        return new ResultPage<StoredStory>(ReadStories(command), total, offset, limit, total <= CountCap);
    }

    /// <inheritdoc />
    public IReadOnlyList<PlaceCount> CountPlaces(ClaimFilter filter)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT p.code, MIN(p.country), MIN(p.name), COUNT(DISTINCT p.claim_id), AVG(p.lat), AVG(p.lon)
            FROM claim_places p
            WHERE p.code IS NOT NULL
            """ + (filter == new ClaimFilter() ? "" : $" AND p.claim_id IN (SELECT c.id FROM claims c WHERE {ClaimConditions(filter)})") +
            " GROUP BY p.code ORDER BY COUNT(DISTINCT p.claim_id) DESC, p.code";
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
                            ELSE s.sort_date END AS day, c.type AS type
                FROM claims c JOIN stories s ON s.id = c.story_id
            """ + $" WHERE {ClaimConditions(filter)}) GROUP BY day, type ORDER BY day, type";
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
        // Russian and Ukrainian words find their other forms through their stems; English ones through the index's stemmer.
        command.Parameters.AddWithValue("$query", SearchTerms.Query(query));
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

    /// <inheritdoc />
    public long DataVersion() => Convert.ToInt64(Scalar("SELECT COALESCE(MAX(id), 0) FROM documents"), CultureInfo.InvariantCulture);

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

    private List<Claim> LoadClaims(string storyId) =>
        LoadClaimsWhere("c.story_id = $story", cmd => cmd.Parameters.AddWithValue("$story", storyId)).Values.ToList();

    /// <summary>Claims matching a fixed condition, with their places, in two queries; keyed by id in id order.</summary>
    private SortedDictionary<long, Claim> LoadClaimsWhere(string condition, Action<SqliteCommand> bind)
    {
        var claims = new SortedDictionary<long, Claim>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT c.id, c.type, c.stance, c.evidence, c.start_offset, c.end_offset, c.source, c.via, c.claim_date,
                       c.quantity_min, c.quantity_max, c.quantity_approx, c.quantity_unit, c.confidence
                FROM claims c WHERE {condition} ORDER BY c.id
                """;
            bind(command);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                claims[reader.GetInt64(0)] = new Claim
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
                };
            }
        }
        if (claims.Count == 0)
            return claims;
        var places = new Dictionary<long, List<ClaimPlace>>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = """
                SELECT claim_id, name, code, country, lat, lon, kind FROM claim_places
                WHERE claim_id IN (SELECT value FROM json_each($ids)) ORDER BY claim_id, ordinal
                """;
            command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(claims.Keys));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                (places.TryGetValue(id, out var list) ? list : places[id] = []).Add(new ClaimPlace(reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.GetString(6)));
            }
        }
        foreach (var id in places.Keys)
            claims[id] = claims[id] with { Places = places[id] };
        return claims;
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

    // Commands are kept, per SQL text, once used: SQLite compiles a statement once, not on every call (an ingest
    // runs the same few dozen statements for every page). A command in use is taken out of the pool, so a
    // statement run again while its reader is open gets a command of its own.
    private readonly Dictionary<string, Stack<SqliteCommand>> _pool = new(StringComparer.Ordinal);

    private PooledCommand Prepare(string sql, SqliteTransaction? transaction, (string Name, object? Value)[] parameters)
    {
        SqliteCommand command;
        if (_pool.TryGetValue(sql, out var free) && free.Count > 0)
        {
            command = free.Pop();
            command.Parameters.Clear();
        }
        else
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
        }
        command.Transaction = transaction;
        // Inside a write transaction the retry does the waiting (see BeginWrite); outside it, a read waits as long as a write would.
        command.CommandTimeout = transaction is null ? _connection.DefaultTimeout : (int)StatementWait.TotalSeconds;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return new PooledCommand(this, command);
    }

    private void Return(SqliteCommand command)
    {
        command.Transaction = null;
        if (!_pool.TryGetValue(command.CommandText, out var free))
            _pool[command.CommandText] = free = new Stack<SqliteCommand>();
        if (free.Count < 4)
            free.Push(command);
        else
            command.Dispose();
    }

    /// <summary>A command lent from the pool; disposing it gives it back.</summary>
    private sealed class PooledCommand(SqliteRecordStore store, SqliteCommand command) : IDisposable
    {
        public SqliteDataReader ExecuteReader() => command.ExecuteReader();

        public object? ExecuteScalar() => command.ExecuteScalar();

        public int ExecuteNonQuery() => command.ExecuteNonQuery();

        public void Dispose() => store.Return(command);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // A batch left open (its owner failed) holds whole documents only: keep them.
        try
        {
            EndBatch();
        }
        catch (SqliteException)
        {
        }
        // SQLite's advice: let it refresh the planner's statistics as a connection closes; only after writes, so
        // a read (one web request) does not pay for it.
        if (_wrote)
        {
            // Closing never waits long for another writer: the statistics can be refreshed by the next close.
            _connection.DefaultTimeout = (int)StatementWait.TotalSeconds;
            try
            {
                Execute("PRAGMA optimize;");
            }
            catch (SqliteException)
            {
                // A busy or read-only database keeps its old statistics; nothing is lost.
            }
        }
        foreach (var command in _pool.Values.SelectMany(c => c))
            command.Dispose();
        _pool.Clear();
        _connection.Dispose();
    }
}
