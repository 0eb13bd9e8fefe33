using System.Runtime;

namespace Muster.Pipeline;

/// <summary>
/// Gives back the memory a very large page leaves behind. A page of tens of megabytes goes through the stages as
/// whole-text copies (the decoded text, the normalized text, its lines, its story's body) of tens of megabytes
/// each, which live in the large object heap; the GC collects that heap only in a full collection, and it sizes
/// its next budget by what it has just seen, so a batch of such pages keeps several pages' garbage at once. A
/// full, compacting collection once such a page is done keeps a batch's peak near one page's worth. Ordinary
/// pages (tens or hundreds of kilobytes) never reach the threshold, so they pay nothing.
/// </summary>
public static class LargePages
{
    /// <summary>The size, in bytes as read, from which a page counts as large: 4 MiB.</summary>
    public const long Threshold = 4L << 20;

    [ThreadStatic]
    private static int _collections;

    /// <summary>How many collections <see cref="Reclaim"/> has made on the calling thread.</summary>
    internal static int CollectionsOnThisThread => _collections;

    /// <summary>Collects the garbage a page of <paramref name="bytes"/> left, when it counts as large.</summary>
    public static void Reclaim(long bytes)
    {
        if (bytes < Threshold)
            return;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _collections++;
    }
}
