using Muster.Storage;
using Muster.Storage.Sql;

namespace Muster.Pipeline;

/// <summary>
/// The storing half of an ingest: takes analysed pages from a read-ahead bounded in pages and in bytes, and writes
/// them in input order in short transactions, each opened only when its pages are ready — never while a page is
/// being analysed, so another writer (an upload, a second ingest) waits at most for one short write. Each page is
/// reported only after the commit that stored it, or with the reason it was not stored.
/// </summary>
public sealed class IngestWriter(IRecordStore store, TimeProvider time)
{
    /// <summary>The most bytes of analysed pages an ingest holds ahead of the store, unless told otherwise.</summary>
    public const long DefaultReadAheadBytes = 64L << 20;

    /// <summary>The most analysed pages an ingest holds ahead of the store, unless told otherwise.</summary>
    public const int DefaultReadAheadPages = 64;

    /// <summary>The most bytes of analysed pages held ahead of the store (see <see cref="PageOutcome.HeldBytes"/>).</summary>
    public long ReadAheadBytes { get; init; } = DefaultReadAheadBytes;

    /// <summary>The most analysed pages held ahead of the store.</summary>
    public int ReadAheadPages { get; init; } = DefaultReadAheadPages;

    /// <summary>The most pages one transaction stores.</summary>
    public int GroupPages { get; init; } = SqlRecordStore.BatchDocuments;

    /// <summary>How long a transaction's pages are gathered, from the first, before they are written.</summary>
    public TimeSpan GroupTime { get; init; } = SqlRecordStore.BatchTime;

    /// <summary>The most bytes the last <see cref="Write"/> held in its read-ahead at once.</summary>
    public long PeakReadAheadBytes { get; private set; }

    /// <summary>
    /// Stores every document of <paramref name="outcomes"/> (enumerated on a background thread, where the analysis
    /// happens) and calls <paramref name="report"/> once per outcome, in order, on the calling thread: with null for an
    /// outcome that has no document, else with what became of its save once that is final.
    /// </summary>
    public void Write(IEnumerable<PageOutcome> outcomes, Action<PageOutcome, SaveAttempt?> report) =>
        Write(outcomes, outcome => outcome, report);

    /// <summary>
    /// Stores the outcome <paramref name="analyse"/> makes of each of <paramref name="work"/> (on a background
    /// thread), calling <paramref name="report"/> as <see cref="Write(IEnumerable{PageOutcome}, Action{PageOutcome, SaveAttempt?})"/>
    /// does. A page stored is no longer held while the next is analysed, which a lazy sequence of outcomes cannot
    /// promise (its iterators keep the last outcome they yielded): what keeps an ingest of very large pages at about
    /// one page's memory.
    /// </summary>
    public void Write<TWork>(IEnumerable<TWork> work, Func<TWork, PageOutcome> analyse, Action<PageOutcome, SaveAttempt?> report)
    {
        using var queue = ReadAheadQueue<PageOutcome>.Making(work, analyse, ReadAheadPages, ReadAheadBytes, o => o.HeldBytes);
        try
        {
            foreach (var group in queue.Groups(GroupPages, GroupTime))
                Store(group, report);
        }
        finally
        {
            PeakReadAheadBytes = queue.PeakBytes;
        }
    }

    // Its own frame, so that no temporary of a stored group stays reachable from the caller's stack while the next
    // group is awaited (and the next page analysed).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Store(IReadOnlyList<PageOutcome> group, Action<PageOutcome, SaveAttempt?> report)
    {
        var documents = group.Where(o => o.Success).Select(o => o.Document!).ToList();
        var attempts = Save(documents);
        // Storing a page converts its text to the store's encoding and indexes it: for a large page, copies
        // of its size that are garbage once committed.
        LargePages.Reclaim(documents.Count == 0 ? 0 : documents.Max(d => d.ByteLength));
        var next = 0;
        foreach (var outcome in group)
            report(outcome, outcome.Success ? attempts[next++] : null);
    }

    private IReadOnlyList<SaveAttempt> Save(List<PageDocument> documents)
    {
        try
        {
            return store.SaveAll(documents, time.GetUtcNow());
        }
        catch (RecordStoreException e)
        {
            // Another writer held the lock past the wait, or the commit itself failed (a full disk, a read-only file,
            // a lost server): none of the group is stored.
            return documents.Select(_ => new SaveAttempt(null, e.Message)).ToList();
        }
    }
}
