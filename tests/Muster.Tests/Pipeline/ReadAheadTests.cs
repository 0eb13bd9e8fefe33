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
