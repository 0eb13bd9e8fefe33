using System.Globalization;
using System.Security.Cryptography;
using Muster.Reading.Formats;
using Muster.Storage;
using Muster.Storage.Postgres;
using Muster.Storage.Sql;
using Npgsql;

namespace Muster.Queue;

/// <summary>Where a job is in its life.</summary>
public enum JobState
{
    /// <summary>Waiting for a worker (perhaps after a failed attempt, for its back-off).</summary>
    Pending,
    /// <summary>Held by a worker under a lease.</summary>
    Running,
    /// <summary>Stored in the record.</summary>
    Done,
    /// <summary>Given up after <see cref="JobQueue.MaxAttempts"/> attempts, with its reason.</summary>
    Failed,
}

/// <summary>How many jobs are in each state.</summary>
public sealed record QueueCounts(long Pending, long Running, long Done, long Failed);

/// <summary>A job given up, with the one-line reason of its last attempt.</summary>
public sealed record JobFailure(long Seq, string Source, int Attempts, string Reason);

/// <summary>A job a worker holds: its place in the queue and the record to analyse.</summary>
/// <param name="Seq">Its number in enqueue order: jobs are stored in this order.</param>
/// <param name="Source">The record's source name.</param>
/// <param name="Attempts">This attempt's number (1 for the first claim).</param>
/// <param name="LastError">Why the previous attempt failed, if one did.</param>
/// <param name="PreviousHolder">The worker whose lease ran out while it held the job, when this claim took it over.</param>
/// <param name="Record">The record, restored; null when what the job keeps could not be read.</param>
/// <param name="RecordError">Why the record could not be restored.</param>
public sealed record ClaimedJob(long Seq, string Source, int Attempts, string? LastError, string? PreviousHolder, SourceRecord? Record, string? RecordError);

/// <summary>
/// The job queue of a record on PostgreSQL (the <c>queue_jobs</c> table): inputs put on it record by record by
/// <c>muster enqueue</c>, claimed by workers with <c>FOR UPDATE SKIP LOCKED</c> under a lease, and stored in enqueue
/// order. Every change a worker waits for is announced on the <see cref="Channel"/> (LISTEN/NOTIFY).
/// </summary>
public sealed class JobQueue : IDisposable
{
    /// <summary>The attempts a job gets before it is marked failed.</summary>
    public const int MaxAttempts = 3;

    /// <summary>The channel enqueues, stores and failures are announced on.</summary>
    public const string Channel = "muster_queue";

    // The advisory lock enqueuers take while they number jobs, so that jobs become visible in the order of their
    // numbers ("MUSQ" in ASCII): a worker never sees job 12 before job 11 exists.
    private const long EnqueueLock = 0x4D555351;

    private readonly NpgsqlConnection _connection;
    private readonly SqlSession _session;
    private bool _listening;
    // Set when an announcement arrives, whatever the connection was doing: Npgsql delivers one that arrives during
    // another command (a worker looking at the queue) then, and a wait begun after it would not see it.
    private int _announced;

    /// <summary>How the database is named in messages (never with a password).</summary>
    public string Name { get; }

    private JobQueue(NpgsqlConnection connection, string name)
    {
        _connection = connection;
        _session = new SqlSession(connection, PostgresDialect.Instance);
        Name = name;
        connection.Notification += (_, _) => Volatile.Write(ref _announced, 1);
    }

    /// <summary>Opens the queue of the record at <paramref name="location"/>, bringing its schema up to date.</summary>
    /// <exception cref="RecordStoreException">The server cannot be reached or refuses; the message names it.</exception>
    public static JobQueue Open(PostgresLocation location)
    {
        // The record's own migrations create the queue's table.
        using (RecordStores.Open(location))
        {
        }
        var connection = new NpgsqlConnection(location.ConnectionString);
        try
        {
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            connection.Dispose();
            throw new RecordStoreException($"database {location.Shown}: {ConnectionFaults.OneLine(e)}", e);
        }
        return new JobQueue(connection, location.Shown);
    }

    private T Run<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && e is not RecordStoreException)
        {
            throw new RecordStoreException($"database {Name}: {ConnectionFaults.OneLine(e)}", e);
        }
    }

    /// <summary>The SHA-256 of a record's bytes: a job's identity, as a stored document's.</summary>
    public static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>
    /// Puts records on the queue in one transaction, numbered in their order after every job before them; a record whose
    /// bytes are queued already adds nothing.
    /// </summary>
    /// <returns>For each record, whether it became a new job.</returns>
    public IReadOnlyList<bool> Enqueue(IReadOnlyList<SourceRecord> records) => Run(() =>
    {
        using var transaction = _connection.BeginTransaction();
        _session.Transaction = transaction;
        try
        {
            _session.Execute("SELECT pg_advisory_xact_lock(@lock)", ("@lock", EnqueueLock));
            var added = new List<bool>(records.Count);
            foreach (var record in records)
            {
                var content = record.Content ?? throw new ArgumentException($"{record.Source}: a record that was not read cannot be queued", nameof(records));
                added.Add(_session.Scalar("""
                    INSERT INTO queue_jobs (sha256, source, record, content) VALUES (@sha, @source, @record::jsonb, @content)
                    ON CONFLICT (sha256) DO NOTHING RETURNING seq
                    """, ("@sha", Hash(content)), ("@source", record.Source), ("@record", QueuedRecord.Describe(record)), ("@content", content)) is not null);
            }
            if (added.Contains(true))
                Notify(_session, "enqueued");
            transaction.Commit();
            return (IReadOnlyList<bool>)added;
        }
        finally
        {
            _session.Transaction = null;
        }
    });

    private static void Notify(SqlSession session, string what) => session.Execute("SELECT pg_notify(@channel, @what)", ("@channel", Channel), ("@what", what));

    /// <summary>
    /// Claims the first job that is waiting (its back-off over) or whose holder's lease ran out, skipping jobs another
    /// worker is claiming at this instant; only jobs numbered below <paramref name="below"/> when given. The claim counts
    /// as an attempt.
    /// </summary>
    public ClaimedJob? Claim(string worker, TimeSpan lease, long? below = null) => Run(() =>
    {
        var claimed = _session.Rows("""
            WITH next AS (
                SELECT seq, state AS was, locked_by AS held_by FROM queue_jobs
                WHERE ((state = 'pending' AND available_at <= now()) OR (state = 'running' AND locked_until < now())) AND seq < @below
                ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)
            UPDATE queue_jobs j SET state = 'running', locked_by = @me, locked_until = now() + make_interval(secs => @lease),
                attempts = j.attempts + 1,
                last_error = CASE WHEN next.was = 'running' THEN 'its worker stopped while holding it (the lease ran out)' ELSE j.last_error END
            FROM next WHERE j.seq = next.seq
            RETURNING j.seq, j.source, j.attempts, j.last_error, CASE WHEN next.was = 'running' THEN next.held_by END, j.record::text, j.content
            """,
            r => (Seq: r.GetInt64(0), Source: r.GetString(1), Attempts: r.GetInt32(2), LastError: r.IsDBNull(3) ? null : r.GetString(3),
                Holder: r.IsDBNull(4) ? null : r.GetString(4), Record: r.GetString(5), Content: (byte[])r.GetValue(6)),
            ("@below", below ?? long.MaxValue), ("@me", worker), ("@lease", lease.TotalSeconds));
        if (claimed.Count == 0)
            return null;
        var job = claimed[0];
        try
        {
            return new ClaimedJob(job.Seq, job.Source, job.Attempts, job.LastError, job.Holder, QueuedRecord.Restore(job.Source, job.Record, job.Content), null);
        }
        catch (FormatException e)
        {
            return new ClaimedJob(job.Seq, job.Source, job.Attempts, job.LastError, job.Holder, null, e.Message);
        }
    });

    /// <summary>The first job not yet done or failed: the one the record is to store next; null when none is open.</summary>
    public long? Next() => Run(() =>
        _session.Scalar("SELECT MIN(seq) FROM queue_jobs WHERE state IN ('pending', 'running')") is { } seq
            ? Convert.ToInt64(seq, CultureInfo.InvariantCulture)
            : (long?)null);

    /// <summary>
    /// Records a failed attempt of a job <paramref name="worker"/> holds: it waits a back-off and is tried again, or, at
    /// its last attempt (or when <paramref name="final"/>), it is marked failed with <paramref name="reason"/>.
    /// </summary>
    /// <returns>The job's state now: <see cref="JobState.Pending"/> or <see cref="JobState.Failed"/>; null when the worker no
    /// longer held it (its lease ran out and another worker took it).</returns>
    public JobState? Fail(ClaimedJob job, string worker, string reason, bool final = false) => Run(() =>
    {
        var state = _session.Scalar("""
            UPDATE queue_jobs SET
                state = CASE WHEN @final OR attempts >= @max THEN 'failed' ELSE 'pending' END,
                last_error = @reason, locked_by = NULL, locked_until = NULL,
                available_at = now() + make_interval(secs => attempts),
                finished_at = CASE WHEN @final OR attempts >= @max THEN now() END
            WHERE seq = @seq AND state = 'running' AND locked_by = @me
            RETURNING state
            """, ("@final", final), ("@max", MaxAttempts), ("@reason", reason), ("@seq", job.Seq), ("@me", worker)) as string;
        if (state is null)
            return (JobState?)null;
        Notify(_session, "failed");
        return state == "failed" ? JobState.Failed : JobState.Pending;
    });

    /// <summary>Gives back every job <paramref name="worker"/> holds, uncounted (it stops, or lost its connection).</summary>
    public int Release(string worker) => Run(() =>
    {
        using var command = _session.Prepare("""
            UPDATE queue_jobs SET state = 'pending', attempts = GREATEST(attempts - 1, 0), locked_by = NULL, locked_until = NULL
            WHERE state = 'running' AND locked_by = @me
            """, ("@me", worker));
        var released = command.Command.ExecuteNonQuery();
        if (released > 0)
            Notify(_session, "released");
        return released;
    });

    /// <summary>Extends the lease of every job <paramref name="worker"/> holds.</summary>
    public int Renew(string worker, TimeSpan lease) => Run(() =>
    {
        using var command = _session.Prepare(
            "UPDATE queue_jobs SET locked_until = now() + make_interval(secs => @lease) WHERE state = 'running' AND locked_by = @me",
            ("@me", worker), ("@lease", lease.TotalSeconds));
        return command.Command.ExecuteNonQuery();
    });

    /// <summary>How many jobs are in each state.</summary>
    public QueueCounts Counts() => Run(() =>
    {
        var counts = _session.Rows("SELECT state, COUNT(*) FROM queue_jobs GROUP BY state", r => (State: r.GetString(0), Count: r.GetInt64(1)))
            .ToDictionary(x => x.State, x => x.Count);
        return new QueueCounts(counts.GetValueOrDefault("pending"), counts.GetValueOrDefault("running"),
            counts.GetValueOrDefault("done"), counts.GetValueOrDefault("failed"));
    });

    /// <summary>The jobs given up, in enqueue order, each with its reason.</summary>
    public IReadOnlyList<JobFailure> Failures() => Run(() => (IReadOnlyList<JobFailure>)_session.Rows(
        "SELECT seq, source, attempts, COALESCE(last_error, '') FROM queue_jobs WHERE state = 'failed' ORDER BY seq",
        r => new JobFailure(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetString(3))));

    /// <summary>
    /// Listens to the queue's announcements from now on: a worker listens before it first looks at the queue, so that
    /// a change made between its look and its <see cref="Wait"/> is not missed.
    /// </summary>
    public void Listen() => Run(() =>
    {
        if (!_listening)
        {
            _session.Execute($"LISTEN {Channel}");
            _listening = true;
        }
        return true;
    });

    /// <summary>
    /// Waits until the queue announces a change or <paramref name="timeout"/> passes; true on an announcement. One that
    /// arrived since the last wait (while the queue was being looked at) ends the wait at once: the look may have
    /// been made before the change.
    /// </summary>
    public bool Wait(TimeSpan timeout) => Run(() =>
    {
        Listen();
        if (Interlocked.Exchange(ref _announced, 0) == 1)
            return true;
        var announced = _connection.Wait(timeout);
        Volatile.Write(ref _announced, 0);
        return announced;
    });

    /// <summary>
    /// Stores a job's document in one transaction with marking the job done, in the record's write lock: only when the
    /// worker still holds the job and every job before it is done or failed; else nothing is written.
    /// </summary>
    /// <returns>The save, or null when the job cannot be stored now (an earlier job is open, or the worker lost it).</returns>
    /// <exception cref="RecordStoreException">The record refused the document, or the commit failed: nothing was stored.</exception>
    public static SaveResult? Store(SqlRecordStore store, ClaimedJob job, string worker, PageDocument document, DateTimeOffset ingestedAt) =>
        store.SaveIf(
            session => session.Scalar("""
                SELECT 1 FROM queue_jobs j WHERE j.seq = @seq AND j.state = 'running' AND j.locked_by = @me
                AND NOT EXISTS (SELECT 1 FROM queue_jobs e WHERE e.seq < @seq AND e.state IN ('pending', 'running'))
                FOR UPDATE OF j
                """, ("@seq", job.Seq), ("@me", worker)) is not null,
            document, ingestedAt,
            (session, saved) =>
            {
                session.Execute("""
                    UPDATE queue_jobs SET state = 'done', locked_by = NULL, locked_until = NULL, last_error = NULL, finished_at = now(), document_id = @doc
                    WHERE seq = @seq
                    """, ("@seq", job.Seq), ("@doc", saved.DocumentId));
                Notify(session, "done");
            });

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}

/// <summary>Tells a lost connection (retried) from a refusal (the job's or the command's failure).</summary>
public static class ConnectionFaults
{
    /// <summary>
    /// True when <paramref name="e"/>, or what lies under it, is the connection to the server failing: a network or I/O
    /// error, a timeout, the server shutting down or ending the session (class 08, 57P), or anything Npgsql calls transient.
    /// </summary>
    public static bool IsLost(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException p:
                    if (p.IsTransient || p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal))
                        return true;
                    return false;
                case NpgsqlException:
                    return true;
                case System.Net.Sockets.SocketException or IOException or TimeoutException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>An exception's reason in one line, with what lies under it.</summary>
    public static string OneLine(Exception e)
    {
        var reason = e is PostgresException p ? p.MessageText : e.Message;
        if (e.InnerException is { } inner && !reason.Contains(inner.Message, StringComparison.Ordinal))
            reason += ": " + inner.Message;
        return string.Join(' ', reason.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }
}
