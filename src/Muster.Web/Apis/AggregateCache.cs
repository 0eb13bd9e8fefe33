using System.Collections.Concurrent;
using Muster.Storage;

namespace Muster.Web.Apis;

/// <summary>
/// Aggregates over the whole record (claims per region, per day) cost a scan; they are kept until a document is
/// stored (<see cref="IRecordStore.DataVersion"/> changes), so a page that shows them repeatedly stays fast.
/// </summary>
public sealed class AggregateCache
{
    private const int MaxEntries = 512;

    // One table per store: two records served by one process (two hosts, or tests side by side) can stand at the
    // same data version, and one's aggregates must never answer for the other's.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IRecordStore, ConcurrentDictionary<string, (long Version, object Value)>> _stores = new();

    /// <summary>The cached value for <paramref name="key"/> at the store's current version, computing it when stale.</summary>
    public T Get<T>(IRecordStore store, string key, Func<T> compute) where T : class
    {
        var entries = _stores.GetValue(store, _ => new ConcurrentDictionary<string, (long Version, object Value)>(StringComparer.Ordinal));
        var version = store.DataVersion();
        if (entries.TryGetValue(key, out var entry) && entry.Version == version && entry.Value is T value)
            return value;
        var fresh = compute();
        if (entries.Count >= MaxEntries)
            entries.Clear(); // bounded: filters are user input
        entries[key] = (version, fresh);
        return fresh;
    }
}
