using Muster.Storage;

namespace Muster.Alerts;

/// <summary>
/// What a saved query matches in the record, through the same store queries as <c>muster claims</c> and
/// <c>muster events</c>: claims by <see cref="IRecordStore.ListClaims"/>, events by <see cref="IRecordStore.ListEvents"/>.
/// </summary>
public static class AlertMatcher
{
    /// <summary>The most events one event query considers (the most sourced first).</summary>
    public const int MaxEvents = 10_000;

    /// <summary>Every claim or event <paramref name="query"/> matches now.</summary>
    public static IEnumerable<AlertMatch> Matches(IRecordStore store, SavedQuery query)
    {
        var filter = query.Filter;
        if (!query.MatchesEvents)
            return store.ListClaims(filter).Select(Claim);
        var events = store.ListEvents(new EventFilter(query.MinSources!.Value, filter.Type, filter.Place), 0, MaxEvents);
        // Filters events do not have themselves (stance, dates, words) hold of their claims: an event matches when
        // one of its claims does.
        var claimOnly = filter with { Type = null, Place = null };
        if (claimOnly != new ClaimFilter())
        {
            var holding = store.ListClaims(filter).Select(c => c.EventId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            events = events.Where(e => holding.Contains(e.Id)).ToList();
        }
        return events.Select(e => Event(store, e));
    }

    private static AlertMatch Claim(StoredClaim c)
    {
        var places = c.Claim.Places.Select(p => p.Code ?? p.Name).ToList();
        var stance = SqliteRecordStore.StanceName(c.Claim.Stance);
        var title = $"{c.Claim.Type} ({stance}){(places.Count == 0 ? "" : " in " + string.Join(", ", places))}: {FirstWords(c.Claim.Evidence)}";
        var fields = new Dictionary<string, object?>
        {
            ["kind"] = "claim",
            ["id"] = c.Id,
            ["type"] = c.Claim.Type,
            ["stance"] = stance,
            ["evidence"] = c.Claim.Evidence,
            ["source"] = c.Claim.Source,
            ["places"] = places,
            ["date"] = c.Claim.Date?.ToString() ?? c.StoryPublished,
            ["story"] = c.StoryId,
            ["story_title"] = c.StoryTitle,
            ["page"] = c.Source,
            ["outlet"] = c.Outlet,
            ["event"] = c.EventId,
        };
        return new AlertMatch(MatchKind.Claim, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), title,
            c.Claim.Evidence + (c.Outlet is null ? "" : $" ({c.Outlet})"), "/stories/" + Uri.EscapeDataString(c.StoryId), fields);
    }

    private static AlertMatch Event(IRecordStore store, EventSummary e)
    {
        var title = Events.EventTitle.For(e.Type, store.EventClaims(e.Id)) ?? e.Type;
        var fields = new Dictionary<string, object?>
        {
            ["kind"] = "event",
            ["id"] = e.Id,
            ["type"] = e.Type,
            ["title"] = title,
            ["source_count"] = e.Sources.Count,
            ["sources"] = e.Sources,
            ["outlets"] = e.Outlets,
            ["places"] = e.Places,
            ["first_reported"] = e.FirstReported,
            ["last_reported"] = e.LastReported,
        };
        return new AlertMatch(MatchKind.Event, e.Id, $"{e.Type}, {e.Sources.Count} sources: {title}",
            $"{e.Claims} claims from {string.Join("; ", e.Sources)}", "/events/" + Uri.EscapeDataString(e.Id), fields);
    }

    private static string FirstWords(string text)
    {
        text = text.ReplaceLineEndings(" ");
        if (text.Length <= 100)
            return text;
        var cut = text.LastIndexOf(' ', 99);
        return text[..(cut > 40 ? cut : 99)] + "…";
    }
}
