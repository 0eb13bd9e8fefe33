using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Muster.Storage.Sql;
using Muster.Storage.Sqlite;

namespace Muster.Storage;

/// <summary>
/// The embedded record: one SQLite file in WAL mode, schema by numbered migrations (<see cref="SqliteMigrations"/>).
/// Several processes may write at once: each write is a short transaction that waits for the others (see
/// <see cref="LockWait"/>), and the schema is migrated under the write lock. Search is FTS5's (<c>SqliteSearch</c>).
/// </summary>
public sealed class SqliteRecordStore : SqlRecordStore
{
    private readonly WriteRetry _retry;
    private readonly SqliteConnection _connection;
    private long _dataVersion = -1;

    /// <summary>How long a write waits for another writer's lock before it gives up, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(60);

    // One statement of a write waits this long inside SQLite (busy_timeout) before the whole write unit is rolled
    // back and tried again: short, so that the bound is kept and the pauses between tries grow.
    private static readonly TimeSpan StatementWait = TimeSpan.FromSeconds(1);

    /// <summary>The database file's path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override string Name => Path;

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
    /// <exception cref="RecordStoreException">The file cannot be opened as a database.</exception>
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
        var session = new SqlSession(_connection, SqliteDialect.Instance)
        {
            ReadTimeout = builder.DefaultTimeout, WriteTimeout = (int)StatementWait.TotalSeconds,
        };
        try
        {
            _connection.Open();
            // The busy timeout comes first: switching a new file to WAL takes a lock another process may hold.
            session.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout={(int)statementWait.TotalMilliseconds};"));
            _retry.Run(() => session.Execute("PRAGMA journal_mode=WAL;"));
            session.Execute("PRAGMA synchronous=NORMAL;");
            session.Execute("PRAGMA foreign_keys=ON;");
            // Sorting and grouping happen in memory: temporary files cost system calls on every query.
            session.Execute("PRAGMA temp_store=MEMORY;");
            session.Execute("PRAGMA cache_size=-65536;");
            // Every page is its own transaction, so the write-ahead log grows by a few dozen pages per document; copying
            // it into the database every 1,000 log pages (the default) rewrote the same index pages again and again.
            // Every 10,000 (about 40 MB) copies each of them once per many more documents.
            session.Execute("PRAGMA wal_autocheckpoint=10000;");
            Attach(session);
            SqliteSchema.Migrate(session, BeginSqliteWrite, _retry, (int)StatementWait.TotalSeconds);
        }
        catch (Exception e)
        {
            session.Dispose();
            if (e is SqliteException s && !WriteRetry.IsBusy(s))
                throw new RecordStoreException($"database {path}: {s.Message.Replace("SQLite Error ", "error ", StringComparison.Ordinal)}", s);
            throw;
        }
    }

    /// <summary>The schema version the database is at.</summary>
    public int SchemaVersion => SqliteSchema.Version(Session);

    /// <summary>
    /// Opens a write transaction (BEGIN IMMEDIATE: the write lock is taken at once, so no statement inside it waits
    /// for a lock half-way). Waiting for another writer is the retry's job: the statement itself waits only briefly.
    /// </summary>
    private SqliteTransaction BeginSqliteWrite()
    {
        var wait = _connection.DefaultTimeout;
        _connection.DefaultTimeout = (int)StatementWait.TotalSeconds;
        try
        {
            var transaction = _connection.BeginTransaction(deferred: false);
            Session.Transaction = transaction;
            return transaction;
        }
        finally
        {
            _connection.DefaultTimeout = wait;
        }
    }

    internal override DbTransaction BeginWrite() => BeginSqliteWrite();

    internal override T Retry<T>(Func<T> write, Action? rolledBack = null) => _retry.Run(write, rolledBack);

    internal override bool IsBusy(Exception e) => e is SqliteException s && WriteRetry.IsBusy(s);

    // The page cache (64 MB) holds every page the large document wrote until other pages push them out; the next
    // page's analysis would need that memory again. The cache fills anew as it is read.
    internal override void ReleaseMemory() => Session.Execute("PRAGMA shrink_memory;");

    /// <summary>PRAGMA data_version changes when another connection has committed (never for this one's own writes).</summary>
    internal override bool OthersHaveWritten()
    {
        var version = Convert.ToInt64(Session.Scalar("PRAGMA data_version"), CultureInfo.InvariantCulture);
        var changed = version != _dataVersion;
        _dataVersion = version;
        return changed;
    }

    /// <inheritdoc />
    /// <exception cref="SearchSyntaxException">FTS5 cannot search what the query asks.</exception>
    public override IReadOnlyList<SearchHit> Search(SearchQuery query, int limit) => SqliteSearch.Search(Session, query, limit);

    /// <summary>
    /// SQLite's advice: let it refresh the planner's statistics as a connection closes; only after writes, so a read
    /// (one web request) does not pay for it.
    /// </summary>
    protected override void Closing()
    {
        if (!Wrote)
            return;
        // Closing never waits long for another writer: the statistics can be refreshed by the next close.
        _connection.DefaultTimeout = (int)StatementWait.TotalSeconds;
        try
        {
            Session.Execute("PRAGMA optimize;");
        }
        catch (SqliteException)
        {
            // A busy or read-only database keeps its old statistics; nothing is lost.
        }
    }
}
