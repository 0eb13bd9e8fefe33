using System.Security.Cryptography;
using System.Text;

namespace Muster.Dedup;

/// <summary>A story's fingerprint: the hash of its normalized text and its MinHash signature.</summary>
/// <param name="TextHash">SHA-256 (hex) of the normalized text: equal for exact duplicates.</param>
/// <param name="MinHash">The minimum of each of <see cref="MinHasher.Size"/> hash functions over the word shingles.</param>
public sealed record StorySignature(string TextHash, ulong[] MinHash)
{
    /// <summary>The fraction of equal MinHash values: an estimate of the Jaccard similarity of the shingle sets.</summary>
    public double Similarity(StorySignature other)
    {
        var equal = 0;
        for (var i = 0; i < MinHash.Length; i++)
            if (MinHash[i] == other.MinHash[i])
                equal++;
        return (double)equal / MinHash.Length;
    }

    /// <summary>The signature as bytes, for storage.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[MinHash.Length * 8];
        for (var i = 0; i < MinHash.Length; i++)
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8), MinHash[i]);
        return bytes;
    }

    /// <summary>Reads a stored signature.</summary>
    public static StorySignature FromBytes(string textHash, byte[] bytes)
    {
        var values = new ulong[bytes.Length / 8];
        for (var i = 0; i < values.Length; i++)
            values[i] = BitConverter.ToUInt64(bytes, i * 8);
        return new StorySignature(textHash, values);
    }
}

/// <summary>
/// MinHash over word 4-shingles with locality-sensitive bands. Written here rather than taken from a package: it
/// is a few lines, it must be deterministic across runs and platforms (string.GetHashCode is randomized per
/// process), and the signature is stored, so its exact definition belongs to Muster.
/// </summary>
public static class MinHasher
{
    /// <summary>Hash functions per signature.</summary>
    public const int Size = 64;

    /// <summary>Bands for locality-sensitive hashing; with <see cref="Rows"/> rows each, pairs above about 0.5 similarity meet in a band.</summary>
    public const int Bands = 16;

    /// <summary>Rows (hash values) per band.</summary>
    public const int Rows = Size / Bands;

    private const int ShingleWords = 4;

    private static readonly ulong[] Seeds = Enumerable.Range(0, Size).Select(i => SplitMix((ulong)i * 0x9E3779B97F4A7C15UL + 12345)).ToArray();

    /// <summary>The signature of a story's text, or null when it has too few words to compare.</summary>
    /// <remarks>
    /// The words (runs of letters and digits, lower-cased) are read straight from the text as spans, the last four
    /// kept in a ring, and the normalized text (the words joined by spaces) is hashed as it is read: a story of
    /// megabytes costs no list of its words and no joined copy of itself.
    /// </remarks>
    public static StorySignature? Sign(string text)
    {
        var minimum = new ulong[Size];
        Array.Fill(minimum, ulong.MaxValue);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<(int Start, int End)> ring = stackalloc (int, int)[ShingleWords];
        Span<char> lower = stackalloc char[256];
        Span<byte> utf8 = stackalloc byte[256 * 3 + 1];
        var count = 0;
        var position = 0;
        while (NextWord(text, ref position) is var (start, end) && start >= 0)
        {
            if (count > 0)
                sha.AppendData(" "u8);
            for (var at = start; at < end; at += lower.Length)
            {
                var piece = text.AsSpan(at, Math.Min(lower.Length, end - at));
                piece.ToLowerInvariant(lower);
                var bytes = Encoding.UTF8.GetBytes(lower[..piece.Length], utf8);
                sha.AppendData(utf8[..bytes]);
            }
            ring[count % ShingleWords] = (start, end);
            count++;
            if (count < ShingleWords)
                continue;
            var shingle = Fnv(text, ring, count % ShingleWords);
            for (var k = 0; k < Size; k++)
            {
                var value = SplitMix(shingle ^ Seeds[k]);
                if (value < minimum[k])
                    minimum[k] = value;
            }
        }
        var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        return count < ShingleWords + 4 ? null : new StorySignature(hash, minimum);
    }

    /// <summary>The bucket of each band: stories sharing a bucket in any band are candidate duplicates.</summary>
    public static long[] BandBuckets(StorySignature signature)
    {
        var buckets = new long[Bands];
        for (var b = 0; b < Bands; b++)
        {
            var h = 1469598103934665603UL;
            for (var r = 0; r < Rows; r++)
                h = SplitMix(h ^ signature.MinHash[b * Rows + r]);
            buckets[b] = (long)(h >> 1);
        }
        return buckets;
    }

    // The next run of letters and digits from position, or (-1, -1) past the last.
    private static (int Start, int End) NextWord(string text, ref int position)
    {
        var start = position;
        while (start < text.Length && !char.IsLetterOrDigit(text[start]))
            start++;
        if (start == text.Length)
        {
            position = start;
            return (-1, -1);
        }
        var end = start + 1;
        while (end < text.Length && char.IsLetterOrDigit(text[end]))
            end++;
        position = end;
        return (start, end);
    }

    // FNV-1a over the shingle's words, lower-cased, each followed by a space; oldest is the ring slot of its first word.
    private static ulong Fnv(string text, ReadOnlySpan<(int Start, int End)> ring, int oldest)
    {
        var h = 14695981039346656037UL;
        for (var i = 0; i < ring.Length; i++)
        {
            var (start, end) = ring[(oldest + i) % ring.Length];
            for (var at = start; at < end; at++)
            {
                h ^= char.ToLowerInvariant(text[at]);
                h *= 1099511628211UL;
            }
            h ^= ' ';
            h *= 1099511628211UL;
        }
        return h;
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
