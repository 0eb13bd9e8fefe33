using Muster.Pipeline;
using Muster.Storage;
using Muster.Storage.Sql;

namespace Muster.Queue;

/// <summary>What a worker did.</summary>
public sealed record WorkerSummary(int Stored, int Unchanged, int Failed, int Retried);

/// <summary>What a worker tells as it goes: each job stored, each attempt that failed, and notes (a lease taken over, a reconnect).</summary>
public interface IWorkerReport
{
    /// <summary>A job's document was stored (or its bytes were stored already), with its job marked done.</summary>
    void Stored(ClaimedJob job, PageDocument document, SaveResult saved);

    /// <summary>An attempt failed; <paramref name="final"/> when the job is now marked failed.</summary>
    void Failed(ClaimedJob job, string reason, bool final);

    /// <summary>Something worth a line that is no failure.</summary>
    void Note(string message);
}

/// <summary>
/// One worker of a queue: claims jobs, analyses their records (in parallel with the other workers, on any machine), and
/// stores each in enqueue order — a job is stored only once every job before it is done or failed, in one transaction
/// with marking it done — so that the record is what one process ingesting the same inputs in the same order makes.
/// It holds at most <see cref="MaxHeld"/> jobs: one it waits to store and the next it analyses meanwhile; an earlier
/// job that is free (its back-off over, or its holder's lease run out) is always taken, since the others wait for it.
/// </summary>
public sealed class QueueWorker
{
    private readonly PostgresLocation _location;
    private readonly MusterPipeline _pipeline;
    private readonly IWorkerReport _report;
    private readonly SortedList<long, (ClaimedJob Job, PageDocument Document)> _held = [];
    private JobQueue? _queue;
    private SqlRecordStore? _store;
    private LeaseKeeper? _leases;
    private int _stored, _unchanged, _failed, _retried;

    /// <param name="location">The record and its queue.</param>
    /// <param name="pipeline">The pipeline that analyses each record.</param>
    /// <param name="report">Told of each job.</param>
    public QueueWorker(PostgresLocation location, MusterPipeline pipeline, IWorkerReport report)
    {
        // Named on the server (pg_stat_activity), so that an administrator sees which sessions are workers.
        var named = new Npgsql.NpgsqlConnectionStringBuilder(location.ConnectionString);
        if (string.IsNullOrEmpty(named.ApplicationName))
            named.ApplicationName = ApplicationName;
        _location = location with { ConnectionString = named.ConnectionString };
        _pipeline = pipeline;
        _report = report;
        Id = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
    }

    /// <summary>The application name a worker's sessions have on the server, unless its connection string names another.</summary>
    public const string ApplicationName = "muster worker";

    /// <summary>How the worker names itself in the queue (<c>locked_by</c>): host, process id and a random tag.</summary>
    public string Id { get; }

    /// <summary>How long a claim holds a job without being renewed; renewed every third of it while the worker works.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Stop once no job is pending or running (the jobs of a worker that died are taken over once their lease runs out).</summary>
    public bool UntilEmpty { get; init; }

    /// <summary>The most jobs held at once.</summary>
    public int MaxHeld { get; init; } = 2;

    /// <summary>The longest a wait lasts without an announcement before the queue is looked at again.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a lost connection is tried again, with back-off, before the worker gives up.</summary>
    public TimeSpan ReconnectFor { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Stories at least this similar are near-duplicates (as <c>ingest --duplicate-threshold</c>).</summary>
    public double DuplicateThreshold { get; init; } = 0.6;

    /// <summary>The clock of the record's ingest times.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Works until <paramref name="stop"/> (or, with <see cref="UntilEmpty"/>, until the queue is empty).</summary>
    /// <exception cref="RecordStoreException">The record cannot be opened, or the connection stayed lost past <see cref="ReconnectFor"/>.</exception>
    public WorkerSummary Run(CancellationToken stop)
    {
        Connect();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (!Step())
                        break;
                }
                catch (Exception e) when (ConnectionFaults.IsLost(e))
                {
                    Reconnect(e, stop);
                }
            }
        }
        finally
        {
            Disconnect(release: true);
        }
        return new WorkerSummary(_stored, _unchanged, _failed, _retried);
    }

    private void Connect()
    {
        _queue = JobQueue.Open(_location);
        // Before the first look at the queue: a job enqueued or stored after the look wakes the first wait.
        _queue.Listen();
        _store = RecordStores.Open(_location, duplicateThreshold: DuplicateThreshold);
        _leases = new LeaseKeeper(_location, Id, Lease);
    }

    private void Disconnect(bool release)
    {
        _leases?.Dispose();
        _leases = null;
        if (release && _queue is not null)
        {
            try
            {
                _queue.Release(Id);
            }
            catch (RecordStoreException)
            {
                // The leases run out on their own.
            }
        }
        _held.Clear();
        _queue?.Dispose();
        _queue = null;
        _store?.Dispose();
        _store = null;
    }

    private void Reconnect(Exception lost, CancellationToken stop)
    {
        _report.Note($"connection to {_location.Shown} lost ({ConnectionFaults.OneLine(lost)}); reconnecting");
        Disconnect(release: false);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var wait = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            if (stop.WaitHandle.WaitOne(wait))
                return;
            try
            {
                Connect();
                // What this worker held is given back uncounted: the loss was the connection's, not the jobs'.
                _queue!.Release(Id);
                _report.Note($"reconnected to {_location.Shown}");
                return;
            }
            catch (Exception e) when (ConnectionFaults.IsLost(e))
            {
                Disconnect(release: false);
                if (started.Elapsed > ReconnectFor)
                    throw new RecordStoreException($"database {_location.Shown}: connection lost and not regained in {ReconnectFor.TotalSeconds:0} s: {ConnectionFaults.OneLine(e)}", e);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
            }
        }
    }

    /// <summary>One move: store the job the record waits for, or claim one, or wait. False when the worker is done.</summary>
    private bool Step()
    {
        var queue = _queue!;
        var next = queue.Next();
        // Jobs another worker finished meanwhile (this worker's lease ran out and the job was taken over) are let go.
        while (_held.Count > 0 && (next is null || _held.Keys[0] < next))
        {
            _report.Note($"job {_held.Keys[0]} ({_held.Values[0].Job.Source}) was taken over by another worker");
            _held.RemoveAt(0);
        }
        if (_held.Count > 0 && _held.Keys[0] == next)
        {
            Store(_held.Values[0].Job, _held.Values[0].Document);
            return true;
        }
        var job = queue.Claim(Id, Lease, _held.Count >= MaxHeld ? _held.Keys[0] : null);
        if (job is not null)
        {
            Analyse(job);
            return true;
        }
        if (next is null && UntilEmpty)
            return false;
        queue.Wait(Poll);
        return true;
    }

    private void Analyse(ClaimedJob job)
    {
        if (job.Attempts > JobQueue.MaxAttempts)
        {
            Fail(job, $"given up after {JobQueue.MaxAttempts} attempts: {job.LastError ?? "no reason recorded"}", final: true);
            return;
        }
        if (job.PreviousHolder is not null)
            _report.Note($"job {job.Seq} ({job.Source}): taken over from {job.PreviousHolder}, whose lease ran out");
        if (job.Record is null)
        {
            Fail(job, job.RecordError ?? "the job's record cannot be read", final: true);
            return;
        }
        var outcome = _pipeline.Process(job.Record);
        if (!outcome.Success)
        {
            Fail(job, outcome.Error ?? "not analysed");
            return;
        }
        _held.Add(job.Seq, (job, outcome.Document!));
    }

    private void Store(ClaimedJob job, PageDocument document)
    {
        SaveResult? saved;
        try
        {
            saved = JobQueue.Store(_store!, job, Id, document, Time.GetUtcNow());
        }
        catch (RecordStoreException e) when (!ConnectionFaults.IsLost(e))
        {
            _held.Remove(job.Seq);
            Fail(job, e.Message);
            return;
        }
        if (saved is null)
        {
            // Between looking and locking, the job was taken over (this worker's lease ran out): the next step lets it go.
            _report.Note($"job {job.Seq} ({job.Source}) could not be stored now; looking again");
            _held.Remove(job.Seq);
            return;
        }
        _held.Remove(job.Seq);
        if (saved.Status == SaveStatus.Added)
            _stored++;
        else
            _unchanged++;
        _report.Stored(job, document, saved);
    }

    private void Fail(ClaimedJob job, string reason, bool final = false)
    {
        var state = _queue!.Fail(job, Id, reason, final);
        if (state is null)
            return;
        if (state == JobState.Failed)
            _failed++;
        else
            _retried++;
        _report.Failed(job, reason, state == JobState.Failed);
    }

    /// <summary>Renews the worker's leases on a connection of its own, every third of the lease, whatever the worker is doing.</summary>
    private sealed class LeaseKeeper : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;

        public LeaseKeeper(PostgresLocation location, string worker, TimeSpan lease)
        {
            _thread = new Thread(() => Renew(location, worker, lease)) { IsBackground = true, Name = "muster lease keeper" };
            _thread.Start();
        }

        private void Renew(PostgresLocation location, string worker, TimeSpan lease)
        {
            JobQueue? queue = null;
            var every = lease / 3;
            while (!_stop.Token.WaitHandle.WaitOne(every))
            {
                try
                {
                    queue ??= JobQueue.Open(location);
                    queue.Renew(worker, lease);
                }
                catch (RecordStoreException)
                {
                    // Tried again at the next tick on a new connection; a lease that runs out meanwhile is found at commit.
                    queue?.Dispose();
                    queue = null;
                }
            }
            queue?.Dispose();
        }

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join();
            _stop.Dispose();
        }
    }
}
