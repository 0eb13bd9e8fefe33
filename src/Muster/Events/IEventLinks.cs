using Muster.Claims;

namespace Muster.Events;

/// <summary>A story already signed, as a neighbour in one of the LSH buckets.</summary>
/// <param name="StoryId">The story.</param>
/// <param name="TextHash">Its text's hash.</param>
/// <param name="MinHash">Its MinHash signature's bytes; null for a story too short to sign.</param>
/// <param name="Cluster">The cluster it belongs to.</param>
public sealed record BucketNeighbour(string StoryId, string TextHash, byte[]? MinHash, string Cluster);

/// <summary>A stored claim as an event candidate: the event it is in and what the rules compare.</summary>
public sealed record CandidateClaim(string EventId, long ClaimId, string Evidence, string? DateFrom, string? DateTo, string? Cluster, Quantity? Quantity);

/// <summary>
/// What linking stories into clusters and claims into events needs of a record, inside the transaction that stores
/// the document being linked: the port each backend serves, so that the rules of <see cref="EventLinker"/> are
/// written once.
/// </summary>
public interface IEventLinks
{
    /// <summary>The cluster of a story with exactly this text hash, if any.</summary>
    string? ClusterOfText(string textHash);

    /// <summary>At most <paramref name="limit"/> signed stories in one band's bucket.</summary>
    IReadOnlyList<BucketNeighbour> BucketNeighbours(int band, long bucket, int limit);

    /// <summary>Creates an empty cluster.</summary>
    void AddCluster(string id);

    /// <summary>A number that orders clusters by creation: the oldest has the smallest.</summary>
    long ClusterAge(string id);

    /// <summary>The events holding claims of a cluster's stories.</summary>
    IReadOnlyList<string> EventsOfCluster(string cluster);

    /// <summary>Moves every story and distinct evidence of <paramref name="merged"/> into <paramref name="target"/>.</summary>
    void MergeCluster(string merged, string target);

    /// <summary>Records a story's signature and the cluster it joined.</summary>
    void AddSignature(string storyId, string textHash, byte[]? minHash, string cluster);

    /// <summary>Indexes a story in one bucket per band.</summary>
    void AddBuckets(string storyId, IReadOnlyList<long> buckets);

    /// <summary>At most <paramref name="limit"/> distinct evidences of a type in a cluster, with their events.</summary>
    IReadOnlyList<(string EventId, string Evidence)> ClusterEvidence(string cluster, string type, int limit);

    /// <summary>The newest claims of a type naming a region, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<long> RecentClaimsIn(string code, string type, int limit);

    /// <summary>The newest claims of a type naming no region, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<long> RecentUnplacedClaims(string type, int limit);

    /// <summary>The candidates among these claims that are in an event.</summary>
    IReadOnlyList<CandidateClaim> Candidates(IReadOnlyCollection<long> claimIds);

    /// <summary>The places of these claims, in order, by claim.</summary>
    IReadOnlyDictionary<long, IReadOnlyList<ClaimPlace>> PlacesOf(IReadOnlyCollection<long> claimIds);

    /// <summary>Creates an event of one type, its summary to be computed.</summary>
    void AddEvent(string id, string type);

    /// <summary>Puts a claim in an event.</summary>
    void AddEventClaim(string eventId, long claimId);

    /// <summary>Remembers an evidence of a cluster and its event, once per distinct evidence.</summary>
    void AddClusterEvidence(string cluster, string type, string evidence, string eventId);

    /// <summary>Marks an event's summary to be computed again when next read.</summary>
    void MarkEventChanged(string eventId);

    /// <summary>Records a cluster merge or an event creation, for reconciling exports.</summary>
    void RecordChange(string kind, string subject, string? target, long documentId, string at);

    /// <summary>The number of the newest change recorded (0 when none is).</summary>
    long NewestChange();

    /// <summary>The cluster merges recorded after change <paramref name="change"/>, in the order they were made.</summary>
    IReadOnlyList<(string Merged, string Target)> MergesSince(long change);
}
