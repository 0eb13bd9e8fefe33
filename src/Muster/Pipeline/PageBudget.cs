namespace Muster.Pipeline;

/// <summary>
/// The time one page may take through the pipeline. Every stage is bounded in its input, but a page of an
/// unforeseen shape must still not hold a batch for minutes: the stages look at the clock between units of
/// work (a story, a paragraph, a sentence) and give the page up, named with the stage, once its time is spent.
/// </summary>
public static class PageBudget
{
    /// <summary>The default time a page may take: 60 seconds, far beyond any real page (milliseconds), even on a busy machine.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    // One page runs on one thread from start to end (stages are synchronous), so the deadline of the page being
    // read is the thread's.
    [ThreadStatic]
    private static Deadline? _current;

    /// <summary>
    /// Gives up the page being read when its time is spent; a no-op outside the pipeline (a stage used on its
    /// own).
    /// </summary>
    /// <param name="stage">What was being done, for the message: "claims", "segmentation".</param>
    /// <exception cref="PageBudgetExceededException">The page's time is spent.</exception>
    public static void Check(string stage)
    {
        if (_current is { } deadline && deadline.Time.GetElapsedTime(deadline.Started) > deadline.Budget)
            throw new PageBudgetExceededException(stage, deadline.Budget);
    }

    /// <summary>Starts the clock of a page on this thread, until the returned scope is disposed.</summary>
    internal static IDisposable Start(TimeProvider time, TimeSpan budget)
    {
        var previous = _current;
        _current = new Deadline(time, time.GetTimestamp(), budget);
        return new Scope(previous);
    }

    private sealed record Deadline(TimeProvider Time, long Started, TimeSpan Budget);

    private sealed class Scope(Deadline? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}

/// <summary>A page gave up because it ran past its <see cref="PageBudget"/>.</summary>
public sealed class PageBudgetExceededException(string stage, TimeSpan budget)
    : Exception(string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"analysis ran past the page's time budget of {budget.TotalSeconds:0.####} s (in {stage}); nothing stored"))
{
    /// <summary>The stage that was running.</summary>
    public string Stage { get; } = stage;
}
