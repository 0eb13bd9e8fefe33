namespace Muster.Watching;

/// <summary>What a run did with one source.</summary>
public enum SourceOutcome
{
    /// <summary>Fetched, and it held items not seen before (stored, or failed one by one).</summary>
    New,
    /// <summary>Fetched (or answered 304), and it held nothing not seen before.</summary>
    Unchanged,
    /// <summary>Not fetched, or nothing usable came back; see the error.</summary>
    Failed,
    /// <summary>Not due yet.</summary>
    NotDue,
}

/// <summary>One source's line after a run.</summary>
/// <param name="Source">The source.</param>
/// <param name="Outcome">New, unchanged, failed or not due.</param>
/// <param name="Added">Documents stored that were not in the record.</param>
/// <param name="AlreadyStored">New items whose document was already in the record (the same bytes from elsewhere).</param>
/// <param name="Seen">Items handled on an earlier run, skipped.</param>
/// <param name="Failed">New items that could not be fetched, read or stored.</param>
/// <param name="NotModified">True when the server answered 304.</param>
/// <param name="Error">Why the source failed, when it did.</param>
/// <param name="NextDue">When it is fetched next.</param>
public sealed record SourceReport(WatchSource Source, SourceOutcome Outcome, int Added, int AlreadyStored, int Seen, int Failed, bool NotModified,
    string? Error, DateTimeOffset NextDue)
{
    /// <summary>The line a run prints for the source.</summary>
    public string Line()
    {
        var due = NextDue.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return Outcome switch
        {
            SourceOutcome.NotDue => $"{Source.Url}: not due until {due}",
            SourceOutcome.Failed => $"{Source.Url}: failed: {Error}" + (Added > 0 ? $" ({Added} new stored before it)" : "") + $"; next try {due}",
            SourceOutcome.Unchanged when NotModified => $"{Source.Url}: unchanged (304 Not Modified); next {due}",
            SourceOutcome.Unchanged => $"{Source.Url}: unchanged ({Seen} seen before); next {due}",
            _ => $"{Source.Url}: {Added} new, {AlreadyStored} already stored, {Seen} seen before, {Failed} failed; next {due}",
        };
    }
}
