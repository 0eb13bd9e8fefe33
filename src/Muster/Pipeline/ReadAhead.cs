using System.Collections.Concurrent;

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
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        using var queue = new BlockingCollection<T>(capacity);
        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var item in source)
                    queue.Add(item, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early.
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, TaskCreationOptions.LongRunning);
        try
        {
            foreach (var item in queue.GetConsumingEnumerable())
                yield return item;
            producer.Wait();
            if (failure is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        finally
        {
            stop.Cancel();
            // Drain so that a producer blocked on a full queue sees the cancellation and ends.
            try
            {
                producer.Wait();
            }
            catch (AggregateException)
            {
            }
        }
    }
}
