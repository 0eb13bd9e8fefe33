using System.Data.Common;
using System.Globalization;
using Npgsql;
using Muster.Storage.Postgres;
using Muster.Storage.Sql;

namespace Muster.Storage;

/// <summary>
/// The record on a PostgreSQL server, shared by a team: the same record as <see cref="SqliteRecordStore"/>'s (the same
/// SQL for writes and lists; its own migrations, <c>PostgresMigrations</c>), with full-text search on tsvector and GIN.
/// Writers take the record's write lock (a transaction-level advisory lock) for each short transaction, as SQLite's
/// writers do, so that linking stories and claims into clusters and events sees every document before it.
/// </summary>
public sealed class PostgresRecordStore : SqlRecordStore
{
    // The advisory lock every writer of a Muster record takes: "MUST" in ASCII.
    private const long WriteLock = 0x4D555354;

    private readonly NpgsqlConnection _connection;
    private long _lastDocument = -1;
    private bool _migrated;

    /// <summary>How the server and database are named in messages: never with the password.</summary>
    public override string Name { get; }

    /// <summary>The longest a write waits for another writer before it fails with <see cref="RecordBusyException"/>.</summary>
    public TimeSpan LockWait { get; }

    /// <summary>Connects with <paramref name="connectionString"/> (Npgsql's form) and brings the schema up to date.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="name">How the database is named in messages.</param>
    /// <param name="lockWait">How long a write waits for another writer.</param>
    /// <exception cref="RecordStoreException">The server cannot be reached, refuses the login, or has no such database.</exception>
    /// <exception cref="RecordBusyException">Another writer held the lock past the wait while the schema was migrated.</exception>
    public PostgresRecordStore(string connectionString, string name, TimeSpan lockWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lockWait, TimeSpan.Zero);
        Name = name;
        LockWait = lockWait;
        _connection = new NpgsqlConnection(connectionString);
        var seconds = (int)Math.Min(int.MaxValue, Math.Max(30, Math.Ceiling(lockWait.TotalSeconds) + 30));
        var session = new SqlSession(_connection, PostgresDialect.Instance) { ReadTimeout = seconds, WriteTimeout = seconds };
        try
        {
            _connection.Open();
            Attach(session);
            PostgresSchema.Migrate(session, write => Retry(() =>
            {
                using var transaction = BeginWrite();
                try
                {
                    write();
                    transaction.Commit();
                }
                finally
                {
                    session.Transaction = null;
                }
                return true;
            }));
            _migrated = true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            session.Dispose();
            throw new RecordStoreException($"database {name}: {Reason(e)}", e);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>A failure's reason in one line, with what lies under it (a refused connection says so).</summary>
    private static string Reason(Exception e)
    {
        var reason = e is PostgresException p ? p.MessageText : e.Message;
        if (e.InnerException is { } inner && !reason.Contains(inner.Message, StringComparison.Ordinal))
            reason += ": " + inner.Message;
        return string.Join(' ', reason.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The schema version the database is at.</summary>
    public int SchemaVersion => PostgresSchema.Version(Session);

    /// <summary>
    /// Begins a transaction and takes the record's write lock in it, waiting at most <see cref="LockWait"/>; the lock
    /// goes with the transaction's end, whatever ends it (a commit, a rollback, a killed process's closed connection).
    /// </summary>
    internal override DbTransaction BeginWrite()
    {
        var transaction = _connection.BeginTransaction();
        Session.Transaction = transaction;
        try
        {
            Session.Execute(string.Create(CultureInfo.InvariantCulture, $"SET LOCAL lock_timeout = {(long)Math.Ceiling(LockWait.TotalMilliseconds)}"));
            Session.Execute("SELECT pg_advisory_xact_lock(@lock)", ("@lock", WriteLock));
            if (_migrated)
                Renumber();
            return transaction;
        }
        catch
        {
            Session.Transaction = null;
            transaction.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>The lock is waited for by the server (lock_timeout); a wait that ran out is the record being busy.</remarks>
    internal override T Retry<T>(Func<T> write, Action? rolledBack = null)
    {
        try
        {
            return write();
        }
        catch (PostgresException e) when (IsBusy(e))
        {
            rolledBack?.Invoke();
            throw new RecordBusyException(string.Create(CultureInfo.InvariantCulture,
                $"database {Name} is locked by another writer; gave up after waiting {LockWait.TotalSeconds:0.#} s"), e);
        }
    }

    /// <summary>
    /// Sets the id counters back to follow the highest ids stored. PostgreSQL's sequences do not roll back: a document
    /// rolled back (refused part-way, or its writer killed mid-commit) would leave a gap in the ids after it, and the
    /// record would differ from SQLite's (and from one writer's), since event ids are made from claim ids. Every writer
    /// holds the write lock when it does this, so no other writer is drawing ids meanwhile.
    /// </summary>
    private void Renumber() => Session.Execute("""
        SELECT setval(pg_get_serial_sequence('documents', 'id'), COALESCE((SELECT MAX(id) FROM documents), 0) + 1, false),
               setval(pg_get_serial_sequence('claims', 'id'), COALESCE((SELECT MAX(id) FROM claims), 0) + 1, false),
               setval(pg_get_serial_sequence('record_changes', 'id'), COALESCE((SELECT MAX(id) FROM record_changes), 0) + 1, false)
        """);

    internal override void RolledBackDocument() => Renumber();

    internal override bool IsBusy(Exception e) => e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable };

    /// <summary>Another writer has stored a document when the newest document is not the last this store wrote.</summary>
    internal override bool OthersHaveWritten()
    {
        var newest = Convert.ToInt64(Session.Scalar("SELECT COALESCE(MAX(id), 0) FROM documents"), CultureInfo.InvariantCulture);
        var changed = newest != _lastDocument;
        _lastDocument = newest;
        return changed;
    }

    internal override void AfterWrite(SaveResult result)
    {
        if (result.Status == SaveStatus.Added)
            _lastDocument = result.DocumentId;
    }

    /// <inheritdoc />
    public override IReadOnlyList<SearchHit> Search(SearchQuery query, int limit) => PostgresSearch.Search(Session, query, limit);
}
