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

/// <summary>What became of one document of a <see cref="IRecordStore.SaveAll"/>: saved (and committed), or why not.</summary>
/// <param name="Result">The save, when the document is stored.</param>
/// <param name="Error">Why it was not stored: one line.</param>
public sealed record SaveAttempt(SaveResult? Result, string? Error)
{
    /// <summary>True when the document is stored.</summary>
    public bool Stored => Result is not null;
}

/// <summary>A story as stored, with the document it belongs to.</summary>
public sealed record StoredStory(Story Story, long DocumentId, string Source, string? Outlet, int Version, string DocumentText);

/// <summary>A claim as stored, with its story and page.</summary>
public sealed record StoredClaim(long Id, string StoryId, string Source, string? Outlet, string? StoryTitle, Claims.Claim Claim, string? EventId = null)
{
    /// <summary>The publication date the claim's story states, if any: what date filters compare when the claim states none.</summary>
    public string? StoryPublished { get; init; }
}

/// <summary>Filters for listing claims; a null field does not filter.</summary>
/// <param name="Type">A taxonomy code.</param>
/// <param name="Place">An ISO 3166-2 region code, or an ISO 3166-1 alpha-2 country code.</param>
/// <param name="Since">An ISO date: claims dated on or after it (at the precision the claim's date has), by the claim's own
/// date, else its story's stated publication date; a claim with neither is left out, never dated by the day it was read.</param>
/// <param name="Stance"><c>asserted</c>, <c>hedged</c> or <c>denied</c>.</param>
/// <param name="SourceText">Words the claim's source or relays contain (full-text: whole words, the last one as a prefix).</param>
/// <param name="Until">An ISO date: claims dated on or before it.</param>
/// <param name="Text">Words the evidence contains (full-text: whole words, the last one as a prefix).</param>
/// <param name="StoryId">Only the claims of this story.</param>
public sealed record ClaimFilter(string? Type = null, string? Place = null, string? Since = null, string? Stance = null, string? SourceText = null,
    string? Until = null, string? Text = null, string? StoryId = null);

/// <summary>A page of results and the total they are taken from.</summary>
/// <param name="Items">The page.</param>
/// <param name="Total">How many match; when not <paramref name="TotalIsExact"/>, at least this many.</param>
/// <param name="Offset">The page's first position.</param>
/// <param name="Limit">The page's size.</param>
/// <param name="TotalIsExact">False when counting stopped at its cap to bound the query's cost.</param>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, long Total, int Offset, int Limit, bool TotalIsExact = true);

/// <summary>How many claims name a place.</summary>
public sealed record PlaceCount(string Code, string? Country, string Name, long Claims, double? Lat, double? Lon);

/// <summary>Claims of one type on one day.</summary>
public sealed record TimelineCount(string Day, string Type, long Claims);

/// <summary>A story found by full-text search, with a passage of its body whose matches are marked.</summary>
/// <param name="StoryId">The story.</param>
/// <param name="Title">Its title.</param>
/// <param name="Snippet">A passage of its body around the matches.</param>
/// <param name="Rank">How well it matches: lower is better; comparable only within one search.</param>
public sealed record SearchHit(string StoryId, string? Title, Highlight Snippet, double Rank);

/// <summary>Counts over the whole record.</summary>
public sealed record RecordCounts(long Documents, long Stories, long RelevantStories, long Claims);

/// <summary>
/// The record: documents, their stories and claims. Every document is written in one transaction; saving the
/// same bytes again changes nothing; new bytes under a known source are a new version and the old one is kept.
/// Its failures are Muster's own (<see cref="RecordStoreException"/>, <see cref="RecordBusyException"/>,
/// <see cref="SearchSyntaxException"/>), whatever database keeps it.
/// </summary>
public interface IRecordStore : IDisposable
{
    /// <summary>Saves a processed document and its stories and claims, all or nothing.</summary>
    SaveResult Save(PageDocument document, DateTimeOffset ingestedAt);

    /// <summary>
    /// Saves documents that are ready, in order, each whole or not at all, and returns what became of each only once
    /// they are committed. Stores without a transaction of several documents save each on its own.
    /// </summary>
    IReadOnlyList<SaveAttempt> SaveAll(IReadOnlyList<PageDocument> documents, DateTimeOffset ingestedAt) =>
        documents.Select(d => new SaveAttempt(Save(d, ingestedAt), null)).ToList();

    /// <summary>
    /// Groups the saves that follow into few transactions until the returned handle is disposed: each document
    /// stays whole (saved entirely or not at all), and a crash loses at most the last few seconds of an ingest,
    /// which a rerun restores. Stores without batching save each document on its own.
    /// </summary>
    IDisposable BeginBatch() => NoBatch.Instance;

    /// <summary>Stories in ingest order, optionally only the relevant ones.</summary>
    IReadOnlyList<StoredStory> ListStories(bool relevantOnly, int limit = int.MaxValue);

    /// <summary>One story by id, or null.</summary>
    StoredStory? FindStory(string id);

    /// <summary>The address the document states or was fetched from (its canonical URL, a feed item's link, an archived
    /// record's target), as stored; null when it has none. Not checked: a page may state any scheme.</summary>
    string? DocumentUrl(long documentId) => null;

    /// <summary>Claims matching <paramref name="filter"/>, in page and story order.</summary>
    IReadOnlyList<StoredClaim> ListClaims(ClaimFilter filter, int limit = int.MaxValue);

    /// <summary>A page of claims matching <paramref name="filter"/> and their total.</summary>
    ResultPage<StoredClaim> QueryClaims(ClaimFilter filter, int offset, int limit);

    /// <summary>Stories newest first (by stated publication, else ingest), optionally only relevant ones and only
    /// those with a claim matching <paramref name="claims"/>.</summary>
    ResultPage<StoredStory> QueryStories(bool relevantOnly, ClaimFilter? claims, int offset, int limit);

    /// <summary>Claims per region code.</summary>
    IReadOnlyList<PlaceCount> CountPlaces(ClaimFilter filter);

    /// <summary>Claims per day and type; the day is the claim's own full date, else the story's, else the ingest day.</summary>
    IReadOnlyList<TimelineCount> Timeline(ClaimFilter filter);

    /// <summary>Full-text search over titles and bodies, best matches first; a word also finds its other forms.</summary>
    /// <exception cref="SearchSyntaxException">The backend cannot search what the query asks.</exception>
    IReadOnlyList<SearchHit> Search(SearchQuery query, int limit);

    /// <summary>Full-text search for a query as a person typed it (see <see cref="SearchQuery"/>).</summary>
    /// <exception cref="SearchSyntaxException">The query cannot be read, or searched.</exception>
    IReadOnlyList<SearchHit> Search(string query, int limit) => Search(SearchQuery.From(query), limit);

    /// <summary>Events with at least the filter's number of original sources, most sourced first.</summary>
    IReadOnlyList<EventSummary> ListEvents(EventFilter filter, int offset = 0, int limit = 100);

    /// <summary>One event's summary, or null.</summary>
    EventSummary? FindEvent(string id);

    /// <summary>Cluster merges and event creations after change <paramref name="after"/>, oldest first.</summary>
    IReadOnlyList<RecordChange> Changes(long after = 0);

    /// <summary>The claims of an event.</summary>
    IReadOnlyList<StoredClaim> EventClaims(string id);

    /// <summary>A number that changes whenever a document is stored: a key for caches of aggregates.</summary>
    long DataVersion();

    /// <summary>Counts of documents, stories, relevant stories and claims.</summary>
    RecordCounts Count();
}

/// <summary>The batch of a store that commits every save on its own.</summary>
internal sealed class NoBatch : IDisposable
{
    public static readonly NoBatch Instance = new();

    public void Dispose()
    {
    }
}
