using System.Globalization;
using Muster.Claims;

namespace Muster.Events;

/// <summary>One claim of an event as its summary needs it.</summary>
/// <param name="ClaimId">The claim.</param>
/// <param name="StoryId">Its story.</param>
/// <param name="Source">The party it is attributed to.</param>
/// <param name="Stance">Its stance's name.</param>
/// <param name="Quantity">Its count.</param>
/// <param name="Outlet">Its page's outlet.</param>
/// <param name="Day">What orders reprints: the story's stated day, else the day Muster read it.</param>
/// <param name="Cluster">Its story's cluster.</param>
/// <param name="StoryOrder">The order its story was stored in.</param>
/// <param name="Stated">The day its story states, alone: what dates an event.</param>
public sealed record EventReport(long ClaimId, string StoryId, string? Source, string Stance, Quantity? Quantity, string? Outlet, string? Day,
    string? Cluster, long StoryOrder, string? Stated);

/// <summary>What an event's summary says, from its claims: original sources, outlets, dates and conflicts.</summary>
public static class EventSummaries
{
    /// <summary>
    /// The original sources of an event: within a cluster of reprints only the earliest story speaks; across
    /// clusters, parties with the same name are one.
    /// </summary>
    public static List<string> OriginalSources(IReadOnlyList<EventReport> rows)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cluster in rows.GroupBy(r => r.Cluster ?? r.StoryId))
        {
            var origin = cluster.OrderBy(r => r.Day, StringComparer.Ordinal).ThenBy(r => r.StoryOrder).First().StoryId;
            foreach (var row in cluster.Where(r => r.StoryId == origin))
            {
                var name = row.Source ?? row.Outlet;
                if (name is not null)
                    sources.TryAdd(EventRules.SourceKey(name), name);
            }
        }
        return sources.Values.ToList();
    }

    /// <summary>The outlets that carried the event.</summary>
    public static List<string> Outlets(IReadOnlyList<EventReport> rows) => rows.Select(r => r.Outlet).OfType<string>().Distinct().ToList();

    /// <summary>The days the carrying stories state, earliest first.</summary>
    public static List<string> StatedDays(IReadOnlyList<EventReport> rows) => rows.Select(r => r.Stated).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>Disagreements: a source asserting and another denying; counts that differ, side by side.</summary>
    public static List<string> Conflicts(IReadOnlyList<EventReport> rows)
    {
        var conflicts = new List<string>();
        List<string> Parties(IEnumerable<EventReport> selected) =>
            selected.Select(r => r.Source ?? r.Outlet ?? "?").GroupBy(EventRules.SourceKey).Select(g => g.First()).ToList();
        var denied = Parties(rows.Where(r => r.Stance == "denied"));
        var asserted = Parties(rows.Where(r => r.Stance != "denied"));
        if (denied.Count > 0 && asserted.Count > 0)
            conflicts.Add($"asserted by {string.Join(", ", asserted)}; denied by {string.Join(", ", denied)}");
        // Counts that disagree are kept side by side, each with who gave it; never averaged.
        foreach (var unit in rows.Where(r => r.Quantity is not null).GroupBy(r => r.Quantity!.Unit))
        {
            var values = unit.GroupBy(r => (r.Quantity!.Min, r.Quantity.Max)).ToList();
            if (values.Count > 1)
                conflicts.Add("counts differ: " + string.Join(" vs ", values.Select(v =>
                    $"{Range(v.First().Quantity!)} ({string.Join("; ", v.Select(r => r.Source ?? r.Outlet ?? "?").Distinct())})")));
        }
        return conflicts;
    }

    private static string Range(Quantity q)
    {
        string N(double? v) => v?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "";
        return (q.Min == q.Max ? N(q.Min) : q.Max is null ? "≥" + N(q.Min) : q.Min is null ? "≤" + N(q.Max) : $"{N(q.Min)}–{N(q.Max)}") + " " + q.Unit;
    }
}
