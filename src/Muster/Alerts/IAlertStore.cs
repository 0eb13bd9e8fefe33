namespace Muster.Alerts;

/// <summary>Saved queries, what they matched, and the alerts still to deliver.</summary>
public interface IAlertStore : IDisposable
{
    /// <summary>Saves a query with the matches it has already (recorded as the baseline: never alerted); false when the name is taken.</summary>
    bool Add(SavedQuery query, IEnumerable<AlertMatch> baseline);

    /// <summary>Removes a query, its matches and its pending alerts; false when there is none of that name.</summary>
    bool Remove(string name);

    /// <summary>The saved queries, by name.</summary>
    IReadOnlyList<SavedQuery> List();

    /// <summary>One saved query, or null.</summary>
    SavedQuery? Find(string name);

    /// <summary>
    /// Records those of <paramref name="matches"/> not recorded for <paramref name="query"/> before, each with a delivery
    /// per channel, all in one transaction; returns the deliveries made.
    /// </summary>
    IReadOnlyList<PendingDelivery> RecordNew(SavedQuery query, IEnumerable<AlertMatch> matches, DateTimeOffset at);

    /// <summary>Deliveries not yet made on <paramref name="channel"/> whose next try is due by <paramref name="now"/>.</summary>
    IReadOnlyList<PendingDelivery> Pending(string channel, DateTimeOffset now);

    /// <summary>How many deliveries on <paramref name="channel"/> are not yet made (nor given up).</summary>
    int PendingCount(string channel);

    /// <summary>Marks a delivery made.</summary>
    void Delivered(long delivery, DateTimeOffset at);

    /// <summary>Records a failed try and when to try again (null: given up).</summary>
    void Failed(long delivery, string error, DateTimeOffset? retryAt);

    /// <summary>The latest matches of a query, newest first.</summary>
    IReadOnlyList<RecordedMatch> Latest(string name, int limit);

    /// <summary>How many matches a query has recorded (baseline included).</summary>
    long MatchCount(string name);
}
