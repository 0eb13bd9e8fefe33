using System.Threading.Channels;
using Muster.Pipeline;
using Muster.Storage;

namespace Muster.Watching;

/// <summary>What a watcher tells its host as it goes.</summary>
public interface IWatchListener
{
    /// <summary>A source's line, once its items are stored (or it failed, or is not due).</summary>
    void Source(SourceReport report);

    /// <summary>A problem with one item of a source (not fetched, not read, not stored), in one line.</summary>
    void ItemFailed(string item, string reason);

    /// <summary>A note about an item passed over, or a warning about one stored.</summary>
    void ItemNote(string item, string note);

    /// <summary>After a store batch that added documents: where saved queries are checked.</summary>
    void Stored(int added);
}

/// <summary>
/// Follows the sources of a sources file: each run fetches the sources that are due (hosts in parallel, each host's
/// requests one at a time through the <see cref="PoliteFetcher"/>), stores their new items through the same pipeline
/// and <see cref="IngestWriter"/> as <c>muster ingest</c>, one store batch per source, and remembers in
/// <see cref="IWatchState"/> what it saw, so that a restart neither refetches nor duplicates.
/// </summary>
public sealed class Watcher
{
    private readonly WatchSources _sources;
    private readonly IRecordStore _store;
    private readonly IWatchState _state;
    private readonly TimeProvider _time;
    private readonly SourceHarvester _harvester;
    private readonly IWatchListener _listener;

    /// <summary>How many hosts are fetched from at once.</summary>
    public const int ParallelHosts = 4;

    /// <summary>The longest a failing source's back-off grows to, in multiples of its interval.</summary>
    public const int MaxBackOffFactor = 16;

    /// <summary>A watcher of <paramref name="sources"/> storing into <paramref name="store"/>.</summary>
    public Watcher(WatchSources sources, MusterPipeline pipeline, IRecordStore store, IWatchState state, PoliteFetcher fetcher, IWatchListener listener)
    {
        _sources = sources;
        _store = store;
        _state = state;
        _time = pipeline.Time;
        _listener = listener;
        _harvester = new SourceHarvester(fetcher, state, pipeline);
    }

    /// <summary>When <paramref name="source"/> is due, by its stored state and its interval now.</summary>
    public DateTimeOffset DueAt(WatchSource source)
    {
        if (_state.Get(source.Url.AbsoluteUri) is not { } known)
            return DateTimeOffset.MinValue;
        // After a success the interval the file gives now counts (it may have been shortened); after a failure, the
        // back-off and any Retry-After stored.
        if (known.Failures == 0 && known.LastAttempt is { } last && last + source.Every < known.NextDue)
            return last + source.Every;
        return known.NextDue;
    }

    /// <summary>The earliest time a source is due.</summary>
    public DateTimeOffset NextDue() => _sources.Sources.Min(DueAt);

    /// <summary>
    /// Fetches and stores every source that is due; a source that is not due gets its line all the same. Returns
    /// true when every source fetched and every new item was stored. Cancelling stops the fetches; the store batch
    /// under way is finished.
    /// </summary>
    public async Task<bool> RunDueAsync(CancellationToken cancel)
    {
        var now = _time.GetUtcNow();
        var due = new List<WatchSource>();
        foreach (var source in _sources.Sources)
        {
            if (DueAt(source) <= now)
                due.Add(source);
            else
                _listener.Source(new SourceReport(source, SourceOutcome.NotDue, 0, 0, 0, 0, false, null, DueAt(source)));
        }
        var harvests = Channel.CreateUnbounded<Harvest>(new UnboundedChannelOptions { SingleReader = true });
        using var hosts = new SemaphoreSlim(ParallelHosts);
        var producers = due.GroupBy(s => s.Url.Authority, StringComparer.OrdinalIgnoreCase).Select(async group =>
        {
            await hosts.WaitAsync(cancel);
            try
            {
                foreach (var source in group)
                {
                    cancel.ThrowIfCancellationRequested();
                    var validators = _state.Get(source.Url.AbsoluteUri)?.Validators;
                    Harvest harvest;
                    try
                    {
                        harvest = await _harvester.HarvestAsync(source, validators, cancel);
                    }
                    catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                    {
                        // A bug must not stop the other sources: this one is named with the reason.
                        harvest = new Harvest(source, new FetchResult(source.Url, FetchStatus.Failed)) { Error = $"internal error ({e.GetType().Name}): {e.Message}" };
                    }
                    await harvests.Writer.WriteAsync(harvest, cancel);
                }
            }
            finally
            {
                hosts.Release();
            }
        }).ToList();
        var fetching = Task.WhenAll(producers).ContinueWith(_ => harvests.Writer.Complete(), TaskScheduler.Default);
        var clean = true;
        await foreach (var harvest in harvests.Reader.ReadAllAsync(CancellationToken.None))
        {
            // Harvests waiting when the watcher is stopped are dropped: their items were not marked, so the next run
            // fetches them again.
            if (cancel.IsCancellationRequested)
                continue;
            clean &= Store(harvest);
        }
        await fetching;
        foreach (var failed in producers.Where(p => p.IsFaulted))
            throw failed.Exception!.InnerException!;
        cancel.ThrowIfCancellationRequested();
        return clean;
    }

    /// <summary>Runs what is due, waits for the next due time, and again, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(cancel);
                var wait = NextDue() - _time.GetUtcNow();
                // Woken at least every minute, so a clock change or a long sleep of the machine is noticed.
                if (wait > TimeSpan.FromMinutes(1))
                    wait = TimeSpan.FromMinutes(1);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, _time, cancel);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Stores a harvest's new items in one pass of the ingest writer, then the source's state; true when all is well.</summary>
    private bool Store(Harvest harvest)
    {
        var source = harvest.Source;
        var url = source.Url.AbsoluteUri;
        var now = _time.GetUtcNow();
        var handled = new List<(string Key, string? Document)>();
        int added = 0, already = 0, failed = harvest.Missed.Count;
        foreach (var (item, note) in harvest.Notes)
            _listener.ItemNote(item, note);
        foreach (var (item, error) in harvest.Missed)
            _listener.ItemFailed(item, error);
        if (harvest.Items.Count > 0)
        {
            var next = 0;
            new IngestWriter(_store, _time).Write(harvest.Items, i => i.Analyse(), (outcome, attempt) =>
            {
                var item = harvest.Items[next++];
                if (!outcome.Success)
                {
                    // The page itself cannot be read: fetching it again would give the same; it is not asked for again.
                    failed++;
                    handled.Add((item.Key, null));
                    _listener.ItemFailed(outcome.Source, outcome.Error!);
                    return;
                }
                if (outcome.Warning is not null)
                    _listener.ItemNote(outcome.Source, "warning: " + outcome.Warning);
                if (attempt?.Result is not { } saved)
                {
                    failed++;
                    _listener.ItemFailed(outcome.Source, $"not stored: {attempt?.Error}");
                    return;
                }
                handled.Add((item.Key, item.Source));
                if (saved.Status == SaveStatus.Added)
                    added++;
                else
                    already++;
            });
        }
        handled.AddRange(harvest.Disallowed.Select(key => (key, (string?)null)));
        _state.MarkSeen(url, handled, now);
        var known = _state.Get(url);
        // Items that could not be fetched or stored are tried again: the source's validators are then not kept, so
        // the next run reads it whole rather than getting a 304 that would hide them.
        var complete = harvest.Error is null && handled.Count == harvest.Items.Count + harvest.Disallowed.Count && harvest.Missed.Count == 0;
        SourceReport report;
        if (harvest.Error is not null)
        {
            var failures = (known?.Failures ?? 0) + 1;
            var backOff = source.Every * Math.Min(1 << Math.Min(failures - 1, 30), MaxBackOffFactor);
            var due = now + backOff;
            if (harvest.Answer.RetryAt is { } retry && retry > due)
                due = retry;
            report = new SourceReport(source, SourceOutcome.Failed, added, already, harvest.Seen, failed, false, harvest.Error, due);
            _state.Put(new SourceState(url, now, known?.LastSuccess, new Validators(null, null), due, failures, report.Line()));
        }
        else
        {
            var notModified = harvest.Answer.Status == FetchStatus.NotModified;
            var outcome = added + already + failed > 0 ? SourceOutcome.New : SourceOutcome.Unchanged;
            report = new SourceReport(source, outcome, added, already, harvest.Seen, failed, notModified, null, now + source.Every);
            _state.Put(new SourceState(url, now, now, complete ? harvest.Answer.Validators : new Validators(null, null), report.NextDue, 0, report.Line()));
        }
        _listener.Source(report);
        if (added > 0)
            _listener.Stored(added);
        return complete && failed == 0;
    }
}
