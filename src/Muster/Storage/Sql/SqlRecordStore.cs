using System.Data.Common;
using Muster.Events;

namespace Muster.Storage.Sql;

/// <summary>
/// A record kept in a SQL database: what every SQL backend shares — saving documents whole (each a savepoint in a
/// short transaction), batches, and the reads — over the parts that do one job each (<see cref="DocumentWriter"/>,
/// <see cref="ClaimQueries"/>, <see cref="EventQueries"/>, <see cref="EventLinker"/>). A backend says how a write
/// transaction begins and is retried, and how it searches.
/// </summary>
public abstract class SqlRecordStore : IRecordStore
{
    private readonly EventLinker _linker = new();
    private SqlSession? _session;
    private DocumentWriter? _writer;
    private ClaimQueries? _claims;
    private EventQueries? _events;

    /// <summary>Documents a batch holds before it commits and opens the next.</summary>
    public const int BatchDocuments = 200;

    /// <summary>The longest a batch stays open before it commits, so a slow ingest is stored as it goes.</summary>
    public static readonly TimeSpan BatchTime = TimeSpan.FromSeconds(2);

    /// <summary>The most rows a count walks; past it a total is a lower bound.</summary>
    public const int CountCap = ClaimQueries.CountCap;

    internal SqlRecordStore()
    {
    }

    /// <summary>Gives the store its open session; called once by the backend's constructor before any use.</summary>
    internal void Attach(SqlSession session)
    {
        _session = session;
        _writer = new DocumentWriter(session, _linker);
        _claims = new ClaimQueries(session);
        _events = new EventQueries(session);
    }

    internal SqlSession Session => _session ?? throw new InvalidOperationException("the store is not open");

    /// <summary>How the database is named in messages: a file's path, or a server's host and database.</summary>
    public abstract string Name { get; }

    /// <summary>Stories at least this similar (estimated Jaccard of word 4-shingles) are near-duplicates.</summary>
    public double DuplicateThreshold
    {
        get => _linker.DuplicateThreshold;
        init => _linker.DuplicateThreshold = value;
    }

    /// <summary>How many candidate claims linking has read from the record rather than from memory.</summary>
    internal long CandidatesRead => _linker.CandidatesRead;

    /// <summary>True once this store has stored a document.</summary>
    protected bool Wrote { get; private set; }

    /// <summary>Opens a write transaction on the session (and sets it as the session's), waiting briefly for another writer.</summary>
    internal abstract DbTransaction BeginWrite();

    /// <summary>Runs a whole write unit again while another writer holds the database, up to the store's bound.</summary>
    /// <exception cref="RecordBusyException">The database stayed busy past the bound.</exception>
    internal abstract T Retry<T>(Func<T> write, Action? rolledBack = null);

    /// <summary>True for an error that means another writer holds the database (the retry's business, not a document's).</summary>
    internal abstract bool IsBusy(Exception e);

    /// <summary>True when another connection has written since this one last looked (inside a write transaction).</summary>
    internal abstract bool OthersHaveWritten();

    private void Retry(Action write) => Retry(() =>
    {
        write();
        return true;
    });

    /// <summary>After a write unit was rolled back: what this store remembers of the record may name rows that are gone.</summary>
    private void Forget() => _linker.Forget();

    private T InWrite<T>(Func<T> write)
    {
        var transaction = BeginWrite();
        try
        {
            var result = write();
            Commit(transaction);
            return result;
        }
        finally
        {
            Session.Transaction = null;
            transaction.Dispose();
        }
    }

    /// <summary>Commits; a failed commit (a full disk, a read-only file, a lost server) is Muster's error naming the database.</summary>
    private void Commit(DbTransaction transaction)
    {
        try
        {
            transaction.Commit();
        }
        catch (DbException e) when (!IsBusy(e))
        {
            throw new RecordStoreException($"database {Name}: {OneLine(e.Message)}", e);
        }
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private DbTransaction? _batch;
    private bool _batching;
    private int _batchDocuments;
    private long _batchStarted;

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

    private sealed class BatchScope(SqlRecordStore store) : IDisposable
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
        CloseBatch();
    }

    private void CloseBatch()
    {
        var batch = _batch;
        _batch = null;
        if (batch is null)
            return;
        try
        {
            Commit(batch);
        }
        finally
        {
            Session.Transaction = null;
            batch.Dispose();
        }
    }

    /// <summary>After a document is saved in a batch: commit when the batch is full or old; the next save opens the next.</summary>
    private void AdvanceBatch()
    {
        _batchDocuments++;
        if (_batchDocuments < BatchDocuments && System.Diagnostics.Stopwatch.GetElapsedTime(_batchStarted) < BatchTime)
            return;
        CloseBatch();
    }

    /// <inheritdoc />
    /// <exception cref="RecordBusyException">Another writer held the lock past the store's wait: the document was not stored.</exception>
    /// <exception cref="RecordStoreException">The database refused the document (a constraint, a full disk): it was not stored.</exception>
    public SaveResult Save(PageDocument document, DateTimeOffset ingestedAt)
    {
        try
        {
            return SaveOne(document, ingestedAt);
        }
        catch (DbException e) when (!IsBusy(e))
        {
            throw new RecordStoreException($"database {Name}: {document.Source}: {OneLine(e.Message)}", e);
        }
    }

    private SaveResult SaveOne(PageDocument document, DateTimeOffset ingestedAt)
    {
        if (!_batching)
            return Retry(() => InWrite(() => SaveIn(document, ingestedAt)), Forget);
        if (_batch is null)
        {
            _batch = Retry(BeginWrite);
            _batchDocuments = 0;
            _batchStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        }
        // In a batch each document is a savepoint: a document that fails is rolled back alone, whole, and a
        // crash loses at most the documents of the open batch, never part of one.
        _batch.Save("document");
        SaveResult saved;
        try
        {
            saved = SaveIn(document, ingestedAt);
        }
        catch
        {
            _batch.Rollback("document");
            _batch.Release("document");
            Forget();
            RolledBackDocument();
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
    /// <exception cref="RecordBusyException">Another writer held the lock past the store's wait: none was stored.</exception>
    /// <exception cref="RecordStoreException">The commit failed (a full disk, a read-only file, a lost server): none was stored.</exception>
    public IReadOnlyList<SaveAttempt> SaveAll(IReadOnlyList<PageDocument> documents, DateTimeOffset ingestedAt)
    {
        if (_batching)
            throw new InvalidOperationException("SaveAll commits on its own; it cannot run inside a batch");
        if (documents.Count == 0)
            return [];
        var saved = Retry(() => InWrite(() =>
        {
            var attempts = new List<SaveAttempt>(documents.Count);
            var transaction = Session.Transaction!;
            foreach (var document in documents)
            {
                transaction.Save("document");
                try
                {
                    attempts.Add(new SaveAttempt(SaveIn(document, ingestedAt), null));
                }
                catch (Exception e) when (e is not OutOfMemoryException && !IsBusy(e))
                {
                    transaction.Rollback("document");
                    transaction.Release("document");
                    Forget();
                    RolledBackDocument();
                    attempts.Add(new SaveAttempt(null, OneLine(e.Message)));
                    continue;
                }
                transaction.Release("document");
            }
            return attempts;
        }), Forget);
        if (documents.Any(d => d.ByteLength >= Pipeline.LargePages.Threshold))
            ReleaseMemory();
        return saved;
    }

    /// <summary>
    /// After a large page was written: a backend that caches what it wrote in this process (SQLite's page cache
    /// filled by a page of megabytes) gives that memory back.
    /// </summary>
    internal virtual void ReleaseMemory()
    {
    }

    /// <summary>
    /// Saves a document in one write transaction together with the caller's own statements on the same transaction (a
    /// queue checking that it still holds the document's job, then marking it done): when <paramref name="claim"/>
    /// returns false nothing is written; else the document and <paramref name="done"/>'s statements commit together,
    /// or none of them does.
    /// </summary>
    /// <returns>The save, or null when <paramref name="claim"/> refused.</returns>
    /// <exception cref="RecordBusyException">Another writer held the lock past the store's wait: nothing was stored.</exception>
    /// <exception cref="RecordStoreException">The database refused the document or the commit failed: nothing was stored.</exception>
    internal SaveResult? SaveIf(Func<SqlSession, bool> claim, PageDocument document, DateTimeOffset ingestedAt, Action<SqlSession, SaveResult> done)
    {
        if (_batching)
            throw new InvalidOperationException("SaveIf commits on its own; it cannot run inside a batch");
        try
        {
            return Retry(() => InWrite(() =>
            {
                if (!claim(Session))
                    return null;
                var saved = SaveIn(document, ingestedAt);
                done(Session, saved);
                return saved;
            }), Forget);
        }
        catch (DbException e) when (!IsBusy(e))
        {
            Forget();
            throw new RecordStoreException($"database {Name}: {document.Source}: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>
    /// After one document's savepoint was rolled back inside a transaction that goes on: a backend whose id counters
    /// do not roll back (PostgreSQL's sequences) sets them back, so that the next document gets the ids it would have
    /// had (event ids are made from claim ids: a gap would change them).
    /// </summary>
    internal virtual void RolledBackDocument()
    {
    }

    private SaveResult SaveIn(PageDocument document, DateTimeOffset ingestedAt)
    {
        // Another writer stored documents since this one last did: what the linker remembers is brought up to date.
        if (OthersHaveWritten())
            _linker.CatchUp(new SqlEventLinks(Session));
        var result = _writer!.Write(document, ingestedAt);
        if (result.Status == SaveStatus.Added)
            Wrote = true;
        AfterWrite(result);
        return result;
    }

    /// <summary>After a document was written in the open transaction (not yet committed).</summary>
    internal virtual void AfterWrite(SaveResult result)
    {
    }

    /// <summary>Computes again the summaries (sources, outlets, dates, conflicts) of events touched since they were last read.</summary>
    private void RefreshChangedEvents()
    {
        var changed = _events!.ChangedEvents();
        if (changed.Count == 0)
            return;
        Retry(() => InWrite(() =>
        {
            foreach (var id in changed)
                _events.Refresh(id);
            return true;
        }));
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredStory> ListStories(bool relevantOnly, int limit = int.MaxValue) => _claims!.ListStories(relevantOnly, limit);

    /// <inheritdoc />
    public StoredStory? FindStory(string id) => _claims!.FindStory(id);

    /// <inheritdoc />
    public string? DocumentUrl(long documentId) => _claims!.DocumentUrl(documentId);

    /// <inheritdoc />
    public IReadOnlyList<StoredClaim> ListClaims(ClaimFilter filter, int limit = int.MaxValue) => QueryClaims(filter, 0, limit).Items;

    /// <inheritdoc />
    public ResultPage<StoredClaim> QueryClaims(ClaimFilter filter, int offset, int limit) => _claims!.QueryClaims(filter, offset, limit);

    /// <inheritdoc />
    public ResultPage<StoredStory> QueryStories(bool relevantOnly, ClaimFilter? claims, int offset, int limit) =>
        _claims!.QueryStories(relevantOnly, claims, offset, limit);

    /// <inheritdoc />
    public IReadOnlyList<PlaceCount> CountPlaces(ClaimFilter filter) => _claims!.CountPlaces(filter);

    /// <inheritdoc />
    public IReadOnlyList<TimelineCount> Timeline(ClaimFilter filter) => _claims!.Timeline(filter);

    /// <inheritdoc />
    public abstract IReadOnlyList<SearchHit> Search(SearchQuery query, int limit);

    /// <inheritdoc />
    public IReadOnlyList<SearchHit> Search(string query, int limit) => Search(SearchQuery.From(query), limit);

    /// <inheritdoc />
    public IReadOnlyList<EventSummary> ListEvents(EventFilter filter, int offset = 0, int limit = 100)
    {
        RefreshChangedEvents();
        return _events!.List(filter, offset, limit);
    }

    /// <inheritdoc />
    public EventSummary? FindEvent(string id)
    {
        RefreshChangedEvents();
        return _events!.Find(id);
    }

    /// <inheritdoc />
    public IReadOnlyList<RecordChange> Changes(long after = 0) => _events!.Changes(after);

    /// <inheritdoc />
    public IReadOnlyList<StoredClaim> EventClaims(string id) => _events!.Claims(id);

    /// <summary>The story cluster a story belongs to, with the ids of its stories (earliest first), or null.</summary>
    public (string Cluster, IReadOnlyList<string> Stories)? FindCluster(string storyId) => _events!.Cluster(storyId);

    /// <inheritdoc />
    public long DataVersion() => _claims!.DataVersion();

    /// <inheritdoc />
    public RecordCounts Count() => _claims!.Count();

    /// <summary>What a backend does as the store closes, before the connection does (after the open batch is committed).</summary>
    protected virtual void Closing()
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_session is null)
            return;
        // A batch left open (its owner failed) holds whole documents only: keep them.
        try
        {
            EndBatch();
        }
        catch (Exception e) when (e is DbException or RecordStoreException)
        {
        }
        Closing();
        _session.Dispose();
        _session = null;
        GC.SuppressFinalize(this);
    }
}
