namespace Muster.Pipeline;

/// <summary>
/// Runs an enumeration ahead of its consumer on another thread, keeping order. An ingest is two halves that can
/// overlap — reading and analysing pages, and storing them — and the store must see documents in input order
/// (clusters and events depend on it), so one producer and one consumer share a bounded queue.
/// </summary>
public static class ReadAhead
{
    /// <summary>
    /// The items of <paramref name="source"/>, produced on a background thread at most
    /// <paramref name="capacity"/> items ahead. An exception in the producer is rethrown to the consumer at the
    /// point it occurred; a consumer that stops early stops the producer.
    /// </summary>
    public static IEnumerable<T> Ahead<T>(this IEnumerable<T> source, int capacity = 32)
    {
        using var queue = new ReadAheadQueue<T>(source, capacity, long.MaxValue, _ => 0);
        foreach (var item in queue.Items())
            yield return item;
    }
}

/// <summary>
/// The queue between a producer thread and its consumer, bounded in items and in bytes: each item is weighed as it is
/// produced (what it holds in memory), and the producer waits while the items held — queued, or taken by the
/// consumer and not yet released — would weigh more than the budget. An item heavier than the whole budget is let
/// in alone, when nothing else is held, and the next is not begun while the budget is spent. Beyond what is held,
/// the producer keeps only the item it is making.
/// </summary>
/// <typeparam name="T">The items, in the order the source yields them.</typeparam>
public sealed class ReadAheadQueue<T> : IDisposable
{
    // A monitor, not a Lock: the producer and the consumer wait on it for each other.
    private readonly object _gate = new();
    private readonly Queue<(T Item, long Bytes)> _queue = new();
    private readonly int _capacity;
    private readonly Func<T, long> _weigh;
    private readonly Task _producer;
    private int _heldItems;
    private long _heldBytes;
    private bool _producerWaiting;
    private bool _completed;
    private bool _stopped;
    private bool _consumed;
    private Exception? _failure;

    /// <summary>Starts producing <paramref name="source"/> on a background thread.</summary>
    /// <param name="source">The items; enumerated once, on the producer thread.</param>
    /// <param name="capacity">The most items held at once.</param>
    /// <param name="maxBytes">The most bytes held at once (by <paramref name="weigh"/>).</param>
    /// <param name="weigh">The bytes an item holds.</param>
    public ReadAheadQueue(IEnumerable<T> source, int capacity, long maxBytes, Func<T, long> weigh)
        : this(new Maker<T>(source, item => item), capacity, maxBytes, weigh)
    {
    }

    private ReadAheadQueue(IItemMaker maker, int capacity, long maxBytes, Func<T, long> weigh)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _capacity = capacity;
        MaxBytes = maxBytes;
        _weigh = weigh;
        _producer = Task.Factory.StartNew(() => Produce(maker), TaskCreationOptions.LongRunning);
    }

    /// <summary>
    /// Starts making an item of each of <paramref name="work"/> on a background thread, with
    /// <paramref name="make"/>. Unlike a lazy sequence that makes its items as it is enumerated (whose iterators
    /// keep the last item they yielded until they yield the next), the queue keeps no item it has handed over while
    /// it makes the next: a heavy item released by the consumer is garbage while the next one is being made.
    /// </summary>
    public static ReadAheadQueue<T> Making<TWork>(IEnumerable<TWork> work, Func<TWork, T> make, int capacity, long maxBytes, Func<T, long> weigh) =>
        new(new Maker<TWork>(work, make), capacity, maxBytes, weigh);

    private interface IItemMaker : IDisposable
    {
        bool TryMake(out T item);
    }

    private sealed class Maker<TWork>(IEnumerable<TWork> work, Func<TWork, T> make) : IItemMaker
    {
        private IEnumerator<TWork>? _work;

        public bool TryMake(out T item)
        {
            _work ??= work.GetEnumerator();
            if (!_work.MoveNext())
            {
                item = default!;
                return false;
            }
            item = make(_work.Current);
            return true;
        }

        public void Dispose() => _work?.Dispose();
    }

    /// <summary>The most bytes the queue lets be held at once, but for a single heavier item.</summary>
    public long MaxBytes { get; }

    /// <summary>The most bytes ever held at once: items queued plus the consumer's group not yet released.</summary>
    public long PeakBytes { get; private set; }

    /// <summary>The most items ever held at once.</summary>
    public int PeakItems { get; private set; }

    private void Produce(IItemMaker maker)
    {
        try
        {
            using (maker)
            {
                while (true)
                {
                    // A budget already spent (a page heavier than all of it, being stored) is waited out before the next
                    // item is made: making it (analysing a page) takes memory too, so the two heavy halves do not overlap.
                    lock (_gate)
                    {
                        while (!_stopped && _heldItems > 0 && _heldBytes >= MaxBytes)
                        {
                            _producerWaiting = true;
                            Monitor.Wait(_gate);
                        }
                        _producerWaiting = false;
                        if (_stopped)
                            return;
                    }
                    if (!MakeAndQueue(maker))
                        break;
                }
            }
        }
        catch (Exception e)
        {
            lock (_gate)
                _failure = e;
        }
        finally
        {
            lock (_gate)
            {
                _completed = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    // Its own frame, so that nothing of the item it queued stays reachable from the producer's stack while the next
    // is made. False once the work has ended or the queue has stopped.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool MakeAndQueue(IItemMaker maker)
    {
        if (!maker.TryMake(out var item))
            return false;
        var bytes = Math.Max(0, _weigh(item));
        lock (_gate)
        {
            while (!_stopped && (_heldItems >= _capacity || (_heldItems > 0 && _heldBytes + bytes > MaxBytes)))
            {
                _producerWaiting = true;
                Monitor.Wait(_gate);
            }
            _producerWaiting = false;
            if (_stopped)
                return false;
            _queue.Enqueue((item, bytes));
            _heldItems++;
            _heldBytes += bytes;
            PeakBytes = Math.Max(PeakBytes, _heldBytes);
            PeakItems = Math.Max(PeakItems, _heldItems);
            Monitor.PulseAll(_gate);
        }
        return true;
    }

    /// <summary>The items one by one; each is released when the next is asked for.</summary>
    public IEnumerable<T> Items()
    {
        foreach (var group in Groups(1, TimeSpan.Zero))
            yield return group[0];
    }

    /// <summary>
    /// The items in groups of at most <paramref name="maxItems"/>: a group takes what is queued, then waits up to
    /// <paramref name="linger"/> from its first item for more, unless the source has ended or the producer is waiting
    /// for room. A group is held (counted against the budget) until the next one is asked for, and then emptied: a
    /// consumer that wants its items later copies them. An exception in the producer is rethrown after the items
    /// before it; a consumer that stops early stops the producer.
    /// </summary>
    public IEnumerable<IReadOnlyList<T>> Groups(int maxItems, TimeSpan linger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        lock (_gate)
        {
            if (_consumed)
                throw new InvalidOperationException("a read-ahead queue is consumed once");
            _consumed = true;
        }
        try
        {
            var group = new List<T>();
            long groupBytes = 0;
            while (true)
            {
                lock (_gate)
                {
                    _heldItems -= group.Count;
                    _heldBytes -= groupBytes;
                    Monitor.PulseAll(_gate);
                    // Released means unreachable from here: the list handed out is emptied (the iterator's current and
                    // the consumer's loop variable still point at it while the next group is awaited).
                    group.Clear();
                    group = [];
                    groupBytes = 0;
                    while (_queue.Count == 0 && !_completed)
                        Monitor.Wait(_gate);
                    if (_queue.Count == 0)
                        break;
                    var deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(linger.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
                    while (group.Count < maxItems)
                    {
                        if (_queue.TryDequeue(out var next))
                        {
                            group.Add(next.Item);
                            groupBytes += next.Bytes;
                            next = default;
                            continue;
                        }
                        var left = deadline - System.Diagnostics.Stopwatch.GetTimestamp();
                        if (_completed || _producerWaiting || left <= 0)
                            break;
                        Monitor.Wait(_gate, TimeSpan.FromSeconds((double)left / System.Diagnostics.Stopwatch.Frequency));
                    }
                }
                yield return group;
            }
            Exception? failure;
            lock (_gate)
                failure = _failure;
            if (failure is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        finally
        {
            Stop();
        }
    }

    private void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
        // The producer ends at its next item: one being made (a page being analysed) is finished first.
        _producer.Wait();
    }

    /// <summary>Stops the producer (after the item it is making) and waits for it.</summary>
    public void Dispose() => Stop();
}
