using System.Text;
using Muster.Queue;
using Muster.Reading.Formats;
using Muster.Storage;
using Muster.Tests.Storage.Backends;

namespace Muster.Tests.Queue;

/// <summary>
/// A worker's wait for the queue's announcements (LISTEN/NOTIFY) on a real PostgreSQL server: an announcement made
/// while the worker was looking at the queue, not waiting, must end its next wait, else two workers each holding a
/// job the other's turn comes before both sleep out the poll interval.
/// </summary>
public sealed class JobQueueWaitTests(PostgresServer server) : IDisposable
{
    private readonly PostgresBackend _postgres = new(server);

    public void Dispose() => _postgres.Dispose();

    private PostgresLocation Location
    {
        get
        {
            Assert.True(RecordLocation.TryParse(_postgres.Location, out var location, out var error), error);
            return Assert.IsType<PostgresLocation>(location);
        }
    }

    private static SourceRecord Page(string text) => new()
    {
        Source = "/pages/" + text + ".txt", Content = Encoding.UTF8.GetBytes(text), Format = PageFormat.Text, Kind = ContentKind.Text,
    };

    // Long enough never to pass on a loaded machine before an announcement that is on its way arrives.
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public void AJobEnqueuedWhileTheWorkerLooksAtTheQueueEndsItsNextWaitAtOnce()
    {
        var location = Location;
        using var worker = JobQueue.Open(location);
        using var enqueuer = JobQueue.Open(location);
        worker.Listen();
        Assert.Equal([true], enqueuer.Enqueue([Page("Police detained two men at the metro station.")]));
        // The worker looks at the queue as a step does; the announcement is delivered during this command, before
        // the wait begins.
        Assert.Equal(1, worker.Counts().Pending);
        Assert.True(worker.Wait(Long), "the announcement that arrived while the worker looked at the queue was lost");
    }

    [Fact]
    public void AJobEnqueuedAfterTheWorkerListensButBeforeItFirstWaitsEndsThatWait()
    {
        var location = Location;
        using var worker = JobQueue.Open(location);
        using var enqueuer = JobQueue.Open(location);
        worker.Listen();
        enqueuer.Enqueue([Page("Summonses were handed out at a checkpoint.")]);
        Assert.True(worker.Wait(Long), "the announcement made before the first wait was lost");
    }

    [Fact]
    public void AnAnnouncementEndsOneWaitOnlySoAnIdleWorkerDoesNotSpin()
    {
        var location = Location;
        using var worker = JobQueue.Open(location);
        using var enqueuer = JobQueue.Open(location);
        worker.Listen();
        enqueuer.Enqueue([Page("Recruiters visited the dormitory at night.")]);
        Assert.Equal(1, worker.Counts().Pending);
        Assert.True(worker.Wait(Long));
        Assert.False(worker.Wait(TimeSpan.FromMilliseconds(200)), "an announcement already seen ended a second wait");
    }
}
