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
    private readonly ConcurrentDictionary<string, (long Version, object Value)> _entries = new(StringComparer.Ordinal);

    /// <summary>The cached value for <paramref name="key"/> at the store's current version, computing it when stale.</summary>
    public T Get<T>(IRecordStore store, string key, Func<T> compute) where T : class
    {
        var version = store.DataVersion();
        if (_entries.TryGetValue(key, out var entry) && entry.Version == version && entry.Value is T value)
            return value;
        var fresh = compute();
        if (_entries.Count >= MaxEntries)
            _entries.Clear(); // bounded: filters are user input
        _entries[key] = (version, fresh);
        return fresh;
    }
}
