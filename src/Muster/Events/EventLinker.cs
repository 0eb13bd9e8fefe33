using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Muster.Claims;
using Muster.Dates;
using Muster.Dedup;

namespace Muster.Events;

/// <summary>A claim just stored, to be placed in an event.</summary>
public sealed record NewClaim(long Id, string StoryId, Claim Claim);

/// <summary>
/// Links a document's stories into clusters of near-duplicates (MinHash signatures, LSH bands) and its claims into
/// events, through the <see cref="IEventLinks"/> of the transaction that stores the document. One linker belongs to
/// one store: it remembers recent candidates between documents, and is told to forget them when the record changed
/// behind its back.
/// </summary>
public sealed class EventLinker
{
    /// <summary>Stories at least this similar (estimated Jaccard of word 4-shingles) are near-duplicates.</summary>
    public double DuplicateThreshold { get; set; } = 0.6;

    /// <summary>Above this similarity a story is a near-copy and is not indexed in the LSH buckets again.</summary>
    private const double NearCopy = 0.9;

    /// <summary>Clusters the document's stories and places its claims in events.</summary>
    public void Link(IEventLinks links, PageDocument document, long documentId, IReadOnlyList<NewClaim> claims, DateTimeOffset at)
    {
        try
        {
            LinkAll(links, document, documentId, claims, at);
        }
        catch
        {
            Forget();
            throw;
        }
    }

    private void LinkAll(IEventLinks links, PageDocument document, long documentId, IReadOnlyList<NewClaim> claims, DateTimeOffset at)
    {
        var stamp = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        var clusters = new Dictionary<string, string>(StringComparer.Ordinal);
        var touchedEvents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var story in document.Stories.Where(s => s.Role != StoryRole.Author))
        {
            var signature = MinHasher.Sign(story.Text);
            var textHash = signature?.TextHash ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(story.Text)));
            var found = new List<string>();
            var nearCopy = false;
            if (links.ClusterOfText(textHash) is { } exact)
            {
                found.Add(exact);
                nearCopy = true;
            }
            var buckets = signature is null ? [] : MinHasher.BandBuckets(signature);
            if (signature is not null && !nearCopy)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var band = 0; band < buckets.Length; band++)
                {
                    // A few stories per bucket suffice: near-copies are not indexed again (below), so buckets stay short.
                    foreach (var neighbour in links.BucketNeighbours(band, buckets[band], 50))
                    {
                        if (!seen.Add(neighbour.StoryId) || neighbour.MinHash is null)
                            continue;
                        var similarity = signature.Similarity(StorySignature.FromBytes(neighbour.TextHash, neighbour.MinHash));
                        if (similarity >= DuplicateThreshold)
                            found.Add(neighbour.Cluster);
                        nearCopy |= similarity >= NearCopy;
                    }
                }
            }
            var cluster = ChooseCluster(links, found.Distinct(StringComparer.Ordinal).ToList(), story.Id, documentId, stamp, touchedEvents);
            links.AddSignature(story.Id, textHash, signature?.ToBytes(), cluster);
            // A near-copy of a story already indexed adds nothing to the buckets: its original will be found.
            if (!nearCopy)
                links.AddBuckets(story.Id, buckets);
            clusters[story.Id] = cluster;
        }

        foreach (var claim in claims)
        {
            var me = new EventClaim(claim.Id, claim.Claim.Type, claim.Claim.Evidence, EventRules.PlaceKeys(claim.Claim.Places),
                DatePeriod.Start(claim.Claim.Date), DatePeriod.End(claim.Claim.Date), clusters.GetValueOrDefault(claim.StoryId), claim.Claim.Quantity);
            // A reprint's claim joins the event of the matching claim in its cluster: the same type and largely the
            // same evidence (a story can carry several happenings of one type, so the type alone is not enough).
            var eventId = me.Cluster is null ? null : SameClusterEvent(links, me);
            eventId ??= Candidates(links, me).Select(c => (c.EventId, Score: EventRules.Match(me, c.Claim)))
                .Where(c => c.Score > 0).OrderByDescending(c => c.Score).ThenBy(c => c.EventId, StringComparer.Ordinal).FirstOrDefault().EventId;
            if (eventId is null)
            {
                eventId = "E-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{claim.StoryId}:{claim.Id}:{claim.Claim.Type}")))[..10];
                links.AddEvent(eventId, claim.Claim.Type);
                links.RecordChange("event-created", eventId, null, documentId, stamp);
            }
            links.AddEventClaim(eventId, claim.Id);
            if (me.Cluster is not null)
                links.AddClusterEvidence(me.Cluster, me.Type, me.Evidence, eventId);
            touchedEvents.Add(eventId);
        }
        // Summaries are recomputed when read: a batch of a thousand reprints touches one event a thousand times but
        // summarizes it once.
        foreach (var eventId in touchedEvents)
            links.MarkEventChanged(eventId);
    }

    /// <summary>The cluster a story joins: none found makes a new one; several found merge into the oldest.</summary>
    private string ChooseCluster(IEventLinks links, List<string> found, string storyId, long documentId, string stamp, HashSet<string> touchedEvents)
    {
        if (found.Count == 0)
        {
            var id = "C-" + storyId;
            links.AddCluster(id);
            return id;
        }
        var ordered = found.Select(f => (Id: f, Created: links.ClusterAge(f))).OrderBy(c => c.Created).ToList();
        var target = ordered[0].Id;
        foreach (var (merged, _) in ordered.Skip(1))
        {
            // Events of the merged cluster's stories count their sources anew.
            touchedEvents.UnionWith(links.EventsOfCluster(merged));
            links.MergeCluster(merged, target);
            RetargetCandidates(merged, target);
            links.RecordChange("cluster-merged", merged, target, documentId, stamp);
        }
        return target;
    }

    private string? SameClusterEvent(IEventLinks links, EventClaim me)
    {
        // The cluster keeps one row per distinct evidence: reprints add none, so this stays small.
        string? best = null;
        var bestOverlap = 0.5;
        foreach (var (eventId, evidence) in links.ClusterEvidence(me.Cluster!, me.Type, 200))
        {
            var overlap = EventRules.Overlap(me.Words, WordsOf(evidence));
            if (overlap >= bestOverlap)
            {
                (best, bestOverlap) = (eventId, overlap);
                if (overlap >= 1)
                    break;
            }
        }
        return best;
    }

    private List<(string EventId, EventClaim Claim)> Candidates(IEventLinks links, EventClaim me)
    {
        // Bounded, newest first: claims of the same type in each of the claim's regions, or (unplaced) recent
        // unplaced claims of the type. Each lookup walks an index backwards and stops at its limit.
        var ids = new HashSet<long>();
        foreach (var code in me.Places.Where(p => !p.StartsWith(EventRules.LocalityPrefix, StringComparison.Ordinal)))
            ids.UnionWith(links.RecentClaimsIn(code, me.Type, 200));
        if (me.Places.Count == 0)
            ids.UnionWith(links.RecentUnplacedClaims(me.Type, 300));
        ids.Remove(me.Id);
        if (ids.Count == 0)
            return [];
        // Claims read before come from memory; only the others are read.
        var candidates = new List<(string EventId, EventClaim Claim)>(ids.Count);
        var missing = new List<long>();
        foreach (var id in ids)
        {
            if (_candidates.TryGetValue(id, out var known))
                candidates.Add(known);
            else
                missing.Add(id);
        }
        if (missing.Count == 0)
            return candidates;
        var rows = links.Candidates(missing);
        CandidatesRead += rows.Count;
        var places = links.PlacesOf(rows.Select(r => r.ClaimId).ToList());
        if (_candidates.Count + rows.Count > CandidatesKept)
            _candidates.Clear();
        foreach (var r in rows)
        {
            var keys = places.TryGetValue(r.ClaimId, out var list) ? EventRules.PlaceKeys(list) : [];
            var candidate = (r.EventId, new EventClaim(r.ClaimId, me.Type, r.Evidence, keys, r.DateFrom, r.DateTo, r.Cluster, r.Quantity)
                .WithWords(WordsOf(r.Evidence)));
            _candidates[r.ClaimId] = candidate;
            candidates.Add(candidate);
        }
        return candidates;
    }

    // Candidate claims as read, by claim id: a claim's event, evidence, dates, count and places never change once
    // stored, and the same recent claims are candidates for claim after claim at ingest. Its story's cluster can
    // change (clusters merge): this linker's merges are applied to what it remembers, and the whole memory is
    // forgotten when another writer has changed the record and when a save fails (its rolled-back ids may be reused).
    private readonly Dictionary<long, (string EventId, EventClaim Claim)> _candidates = [];

    private const int CandidatesKept = 30_000;

    // The newest record change (record_changes.id) what this linker remembers reflects; null when unknown.
    private long? _changesSeen;

    /// <summary>How many candidate claims this linker has read from the record (not from memory).</summary>
    internal long CandidatesRead { get; private set; }

    /// <summary>Forgets every remembered candidate: the record changed in a way this linker did not see.</summary>
    public void Forget()
    {
        _candidates.Clear();
        _changesSeen = null;
    }

    /// <summary>
    /// Brings what this linker remembers up to date after other writers stored documents, inside the write transaction
    /// that is about to link the next one: their cluster merges, the one change a remembered candidate can undergo (a
    /// claim's event, evidence, dates, count and places never change once stored), are applied in the order they were
    /// made. Remembering stays worth it with many writers taking turns: forgetting made every writer read its
    /// candidates again at each document.
    /// </summary>
    public void CatchUp(IEventLinks links)
    {
        if (_changesSeen is { } seen)
        {
            // This linker's own merges since are read back too; applying one again changes nothing (a merged
            // cluster's id is never used again), so all are applied in order.
            foreach (var (merged, target) in links.MergesSince(seen))
                RetargetCandidates(merged, target);
        }
        else
        {
            _candidates.Clear();
        }
        _changesSeen = links.NewestChange();
    }

    /// <summary>Remembered candidates of a merged cluster's stories now belong to the cluster it merged into.</summary>
    private void RetargetCandidates(string merged, string target)
    {
        foreach (var (id, (eventId, claim)) in _candidates.Where(c => c.Value.Claim.Cluster == merged).ToList())
            _candidates[id] = (eventId, claim with { Cluster = target });
    }

    // The content words of evidence read back as a candidate, by the evidence's text: the same recent claims are
    // candidates for claim after claim at ingest. Bounded; emptied when full.
    private readonly Dictionary<string, HashSet<string>> _words = new(StringComparer.Ordinal);

    private const int WordsKept = 50_000;

    private HashSet<string> WordsOf(string evidence)
    {
        if (_words.TryGetValue(evidence, out var words))
            return words;
        if (_words.Count >= WordsKept)
            _words.Clear();
        return _words[evidence] = EventRules.ContentWords(evidence);
    }
}
