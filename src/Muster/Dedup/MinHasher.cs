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
    public static StorySignature? Sign(string text)
    {
        var words = Words(text);
        var normalized = string.Join(' ', words);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        if (words.Count < ShingleWords + 4)
            return null;
        var minimum = new ulong[Size];
        Array.Fill(minimum, ulong.MaxValue);
        for (var i = 0; i + ShingleWords <= words.Count; i++)
        {
            var shingle = Fnv(words, i, ShingleWords);
            for (var k = 0; k < Size; k++)
            {
                var value = SplitMix(shingle ^ Seeds[k]);
                if (value < minimum[k])
                    minimum[k] = value;
            }
        }
        return new StorySignature(hash, minimum);
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

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
                current.Append(char.ToLowerInvariant(c));
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
            words.Add(current.ToString());
        return words;
    }

    private static ulong Fnv(List<string> words, int start, int count)
    {
        var h = 14695981039346656037UL;
        for (var i = start; i < start + count; i++)
        {
            foreach (var c in words[i])
            {
                h ^= c;
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
