namespace Muster.Storage;

/// <summary>What saving one document did.</summary>
public enum SaveStatus
{
    /// <summary>The document was new and is now stored.</summary>
    Added,
    /// <summary>The same bytes were already stored; nothing changed.</summary>
    Unchanged,
}

/// <summary>The outcome of saving a document.</summary>
/// <param name="Status">Added or unchanged.</param>
/// <param name="DocumentId">The stored document's id.</param>
/// <param name="Version">The version number under its source (1 for the first bytes seen from a source).</param>
public sealed record SaveResult(SaveStatus Status, long DocumentId, int Version);

/// <summary>A story as stored, with the document it belongs to.</summary>
public sealed record StoredStory(Story Story, long DocumentId, string Source, string? Outlet, int Version, string DocumentText);

/// <summary>A claim as stored, with its story and page.</summary>
public sealed record StoredClaim(long Id, string StoryId, string Source, string? Outlet, string? StoryTitle, Claims.Claim Claim);

/// <summary>Filters for listing claims; a null field does not filter.</summary>
/// <param name="Type">A taxonomy code.</param>
/// <param name="Place">An ISO 3166-2 region code, or an ISO 3166-1 alpha-2 country code.</param>
/// <param name="Since">An ISO date: claims dated on or after it (at the precision the claim's date has).</param>
/// <param name="Stance"><c>asserted</c>, <c>hedged</c> or <c>denied</c>.</param>
/// <param name="SourceText">Text the claim's source or relays contain, ignoring case.</param>
public sealed record ClaimFilter(string? Type = null, string? Place = null, string? Since = null, string? Stance = null, string? SourceText = null);

/// <summary>Counts over the whole record.</summary>
public sealed record RecordCounts(long Documents, long Stories, long RelevantStories, long Claims);

/// <summary>
/// The record: documents, their stories and claims. Every document is written in one transaction; saving the
/// same bytes again changes nothing; new bytes under a known source are a new version and the old one is kept.
/// </summary>
public interface IRecordStore : IDisposable
{
    /// <summary>Saves a processed document and its stories and claims, all or nothing.</summary>
    SaveResult Save(PageDocument document, DateTimeOffset ingestedAt);

    /// <summary>Stories in ingest order, optionally only the relevant ones.</summary>
    IReadOnlyList<StoredStory> ListStories(bool relevantOnly, int limit = int.MaxValue);

    /// <summary>One story by id, or null.</summary>
    StoredStory? FindStory(string id);

    /// <summary>Claims matching <paramref name="filter"/>, in page and story order.</summary>
    IReadOnlyList<StoredClaim> ListClaims(ClaimFilter filter, int limit = int.MaxValue);

    /// <summary>Counts of documents, stories, relevant stories and claims.</summary>
    RecordCounts Count();
}
