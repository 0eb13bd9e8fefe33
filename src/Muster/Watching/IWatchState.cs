namespace Muster.Watching;

/// <summary>What the store remembers of one source between runs.</summary>
/// <param name="Url">The source's address, as the sources file gives it.</param>
/// <param name="LastAttempt">When it was last fetched, successfully or not.</param>
/// <param name="LastSuccess">When it last answered with something read (a body or a 304).</param>
/// <param name="Validators">The validators of its last full answer, sent on the next fetch.</param>
/// <param name="NextDue">When it is next to be fetched.</param>
/// <param name="Failures">Failed fetches in a row (0 after a success): what the back-off grows with.</param>
/// <param name="LastOutcome">The last run's line for it.</param>
public sealed record SourceState(string Url, DateTimeOffset? LastAttempt, DateTimeOffset? LastSuccess, Validators Validators,
    DateTimeOffset NextDue, int Failures, string? LastOutcome);

/// <summary>
/// The watcher's memory, kept in the record's database so that a restart resumes where the last run stopped:
/// per-source state, the items of each source already handled, and the robots.txt texts read.
/// </summary>
public interface IWatchState : IRobotsCache, IDisposable
{
    /// <summary>The state of <paramref name="url"/>, or null for a source never fetched.</summary>
    SourceState? Get(string url);

    /// <summary>Every source's state, by address.</summary>
    IReadOnlyList<SourceState> All();

    /// <summary>Saves a source's state.</summary>
    void Put(SourceState state);

    /// <summary>Which of <paramref name="keys"/> (item links or content hashes) were already handled for <paramref name="url"/>.</summary>
    IReadOnlySet<string> Seen(string url, IReadOnlyCollection<string> keys);

    /// <summary>Remembers items of <paramref name="url"/> as handled, with the document source each was stored under.</summary>
    void MarkSeen(string url, IReadOnlyCollection<(string Key, string? Document)> items, DateTimeOffset at);

    /// <summary>How many items of <paramref name="url"/> were handled.</summary>
    long SeenCount(string url);
}
