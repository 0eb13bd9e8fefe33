using Muster.Pipeline;

namespace Muster.Tests.Pipeline;

/// <summary>The producer thread of an ingest: order kept, failures passed on, early stops honoured.</summary>
public sealed class ReadAheadTests
{
    [Fact]
    public void ItemsComeInTheirOrder()
    {
        var items = Enumerable.Range(0, 10_000).Ahead(8).ToList();
        Assert.Equal(Enumerable.Range(0, 10_000), items);
    }

    [Fact]
    public void AnExceptionInTheProducerReachesTheConsumerAfterTheItemsBeforeIt()
    {
        static IEnumerable<int> Failing()
        {
            yield return 1;
            yield return 2;
            throw new InvalidDataException("broken input");
        }
        var seen = new List<int>();
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var item in Failing().Ahead(4))
                seen.Add(item);
        });
        Assert.Equal("broken input", error.Message);
        Assert.Equal([1, 2], seen);
    }

    [Fact]
    public void AConsumerThatStopsEarlyStopsTheProducer()
    {
        var produced = 0;
        IEnumerable<int> Endless()
        {
            while (true)
            {
                Interlocked.Increment(ref produced);
                yield return produced;
            }
        }
        var first = Endless().Ahead(4).Take(3).ToList();
        Assert.Equal(3, first.Count);
        var after = Volatile.Read(ref produced);
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref produced));
        Assert.True(after <= 3 + 4 + 2, $"the producer ran {after} items ahead");
    }
}

/// <summary>The read-ahead bounded in bytes: what it holds never weighs more than its budget, whatever the item count.</summary>
public sealed class ReadAheadQueueTests
{
    private const long MB = 1L << 20;

    [Fact]
    public void ItemsHeldNeverWeighMoreThanTheBudgetThoughMoreWouldFitByCount()
    {
        // 40 items of 10 MB each behind a slow consumer: by count alone (64) all of them would be queued at once.
        using var queue = new ReadAheadQueue<int>(Enumerable.Range(0, 40), capacity: 64, maxBytes: 64 * MB, weigh: _ => 10 * MB);
        var seen = new List<int>();
        foreach (var item in queue.Items())
        {
            seen.Add(item);
            Thread.Sleep(2);
        }
        Assert.Equal(Enumerable.Range(0, 40), seen);
        Assert.InRange(queue.PeakBytes, 10 * MB, 60 * MB);
        Assert.InRange(queue.PeakItems, 1, 6);
    }

    [Fact]
    public void AGroupTakenByTheConsumerCountsUntilTheNextIsAskedFor()
    {
        using var queue = new ReadAheadQueue<int>(Enumerable.Range(0, 100), capacity: 64, maxBytes: 20 * MB, weigh: _ => 3 * MB);
        var groups = new List<IReadOnlyList<int>>();
        foreach (var group in queue.Groups(maxItems: 50, linger: TimeSpan.FromMilliseconds(200)))
        {
            groups.Add(group.ToList());
            Thread.Sleep(5);
        }
        Assert.Equal(Enumerable.Range(0, 100), groups.SelectMany(g => g));
        Assert.All(groups, g => Assert.InRange(g.Count, 1, 6));
        Assert.True(queue.PeakBytes <= 20 * MB, $"held {queue.PeakBytes} bytes");
    }

    [Fact]
    public void AnItemHeavierThanTheWholeBudgetIsLetInAlone()
    {
        var weights = new long[] { 1 * MB, 100 * MB, 1 * MB, 1 * MB };
        using var queue = new ReadAheadQueue<int>(Enumerable.Range(0, weights.Length), capacity: 8, maxBytes: 10 * MB, weigh: i => weights[i]);
        var seen = new List<int>();
        foreach (var item in queue.Items())
        {
            seen.Add(item);
            Thread.Sleep(20);
        }
        Assert.Equal([0, 1, 2, 3], seen);
        Assert.Equal(100 * MB, queue.PeakBytes);
    }

    [Fact]
    public void WhileAnItemHeavierThanTheBudgetIsHeldTheNextIsNotBegun()
    {
        // Making an item is where a page is analysed: with a heavy page being stored, analysing the next one as well
        // would hold both pages' memory at once. Light items are still made ahead of the consumer.
        var weights = new long[] { 1 * MB, 100 * MB, 1 * MB, 1 * MB };
        var begun = 0;
        IEnumerable<int> Items()
        {
            for (var i = 0; i < weights.Length; i++)
            {
                Interlocked.Increment(ref begun);
                yield return i;
            }
        }
        using var queue = new ReadAheadQueue<int>(Items(), capacity: 8, maxBytes: 10 * MB, weigh: i => weights[i]);
        var begunWhileHeld = new Dictionary<int, int>();
        foreach (var item in queue.Items())
        {
            Thread.Sleep(100);
            begunWhileHeld[item] = Volatile.Read(ref begun);
        }
        Assert.Equal(2, begunWhileHeld[0]); // item 1 made while item 0 was held
        Assert.Equal(2, begunWhileHeld[1]); // item 2 not begun while item 1 was held
        Assert.Equal(4, begunWhileHeld[2]);
    }

    [Fact]
    public void AnItemHandedOverAndReleasedIsGarbageWhileTheNextIsMade()
    {
        // An ingest of pages of tens of megabytes: the stored page must not stay reachable while the next is analysed.
        var made = new List<WeakReference>();
        var previousAliveWhileMaking = new List<bool>();
        byte[] Make(int i)
        {
            if (i > 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                previousAliveWhileMaking.Add(made[i - 1].IsAlive);
            }
            var item = new byte[1024];
            made.Add(new WeakReference(item));
            return item;
        }
        using var queue = ReadAheadQueue<byte[]>.Making(Enumerable.Range(0, 4), Make, capacity: 8, maxBytes: 10 * MB, weigh: _ => 100 * MB);
        var seen = 0;
        foreach (var group in queue.Groups(maxItems: 4, linger: TimeSpan.Zero))
            seen += group.Count;
        Assert.Equal(4, seen);
        Assert.Equal([false, false, false], previousAliveWhileMaking);
    }

    [Fact]
    public void AGroupIsEmptiedOnceTheNextIsAskedFor()
    {
        using var queue = new ReadAheadQueue<int>(Enumerable.Range(0, 3), capacity: 8, maxBytes: 10 * MB, weigh: _ => 100 * MB);
        IReadOnlyList<int>? kept = null;
        foreach (var group in queue.Groups(maxItems: 1, linger: TimeSpan.Zero))
        {
            if (kept is not null)
                Assert.Empty(kept);
            kept = group;
            Assert.Single(group);
        }
    }
}
