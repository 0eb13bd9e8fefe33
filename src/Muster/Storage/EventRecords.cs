namespace Muster.Storage;

/// <summary>A story cluster change or an event creation, for reconciling exports over time.</summary>
public sealed record RecordChange(long Id, string Kind, string Subject, string? Target, long? DocumentId, string At);

/// <summary>An event: claims from any number of pages that report the same happening.</summary>
/// <param name="Id">Stable id (<c>E-</c> and 10 hex digits), kept as pages are added.</param>
/// <param name="Type">The claim type.</param>
/// <param name="Claims">How many claims.</param>
/// <param name="Sources">The distinct original sources: a reprint, or a relay of the same party, is one.</param>
/// <param name="Outlets">The outlets that carried it.</param>
/// <param name="FirstReported">The earliest publication day a carrying story states; null when none states one.
/// The day Muster read a page is never a report's day.</param>
/// <param name="LastReported">The latest such day.</param>
/// <param name="Conflicts">Disagreements: a source asserting and another denying; counts that differ (side by side).</param>
/// <param name="Places">The region codes its claims name.</param>
/// <param name="Undated">How many of its claims come from stories that state no publication day: counted apart,
/// outside <paramref name="FirstReported"/>..<paramref name="LastReported"/>.</param>
public sealed record EventSummary(string Id, string Type, int Claims, IReadOnlyList<string> Sources, IReadOnlyList<string> Outlets,
    string? FirstReported, string? LastReported, IReadOnlyList<string> Conflicts, IReadOnlyList<string> Places, int Undated = 0);

/// <summary>Filters for listing events.</summary>
public sealed record EventFilter(int MinSources = 1, string? Type = null, string? Place = null);
