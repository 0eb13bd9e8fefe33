namespace Muster.Alerts;

/// <summary>What a saved query matches.</summary>
public enum MatchKind
{
    /// <summary>A stored claim, by its id.</summary>
    Claim,
    /// <summary>An event, by its id.</summary>
    Event,
}

/// <summary>Something a saved query matches, with what an alert about it says.</summary>
/// <param name="Kind">Claim or event.</param>
/// <param name="Subject">The claim's or event's id.</param>
/// <param name="Title">A one-line title: type, stance, places, first words.</param>
/// <param name="Summary">The evidence (a claim) or the sources (an event).</param>
/// <param name="Path">The web page that shows it (<c>/stories/ID</c>, <c>/events/ID</c>), relative to the server.</param>
/// <param name="Fields">The alert's JSON fields besides the query's name and the time (kind, id, type, ...).</param>
public sealed record AlertMatch(MatchKind Kind, string Subject, string Title, string Summary, string Path, IReadOnlyDictionary<string, object?> Fields);

/// <summary>A match as recorded for a saved query.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Query">The saved query's name.</param>
/// <param name="Kind">Claim or event.</param>
/// <param name="Subject">The claim's or event's id.</param>
/// <param name="MatchedAt">When it was first found to match.</param>
/// <param name="Baseline">True for a match that already existed when the query was saved: recorded, never alerted.</param>
/// <param name="Payload">The alert as JSON (what the webhook and the JSON Lines file receive).</param>
public sealed record RecordedMatch(long Id, string Query, MatchKind Kind, string Subject, DateTimeOffset MatchedAt, bool Baseline, string Payload);

/// <summary>One alert still to deliver on one channel.</summary>
/// <param name="Id">The delivery's id.</param>
/// <param name="Match">The match it tells of.</param>
/// <param name="Channel"><c>stdout</c>, <c>webhook</c> or <c>jsonl</c>.</param>
/// <param name="Target">The webhook's address or the file's path.</param>
/// <param name="Attempts">Tries so far.</param>
public sealed record PendingDelivery(long Id, RecordedMatch Match, string Channel, string? Target, int Attempts);
