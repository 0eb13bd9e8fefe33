namespace Muster.Reading;

/// <summary>
/// One page as it arrives: where it came from and its raw bytes, or the reason it could not be read. A container
/// file (a web archive, JSON Lines, a feed, a Telegram export) may instead be opened as a stream when it is read
/// (<see cref="Open"/>), record by record, so its size is limited only by the size of each record.
/// </summary>
/// <param name="Source">The path as the user gave it (or as found under a folder or glob), or <c>-</c> for standard input.</param>
/// <param name="Bytes">The raw bytes, when the page was read whole.</param>
/// <param name="Error">A one-line reason, when it was not.</param>
public sealed record PageInput(string Source, byte[]? Bytes, string? Error)
{
    /// <summary>True when the bytes were read, or can be opened as a stream.</summary>
    public bool Success => Bytes is not null || Open is not null;

    /// <summary>
    /// The page's address, when the caller knows it and the bytes do not carry it (a folder of scraped text with an
    /// index of addresses); a container's records keep their own.
    /// </summary>
    public string? Url { get; init; }

    /// <summary>
    /// Opens the input's bytes from the start, for an input streamed rather than read whole (<see cref="Bytes"/> is
    /// then null); each call opens it anew.
    /// </summary>
    public Func<Stream>? Open { get; init; }

    /// <summary>The input's bytes as a stream from the start: the bytes read whole, or the stream <see cref="Open"/> opens.</summary>
    /// <exception cref="InvalidOperationException">The input was not read.</exception>
    public Stream OpenStream() => Bytes is not null
        ? new MemoryStream(Bytes, writable: false)
        : Open?.Invoke() ?? throw new InvalidOperationException($"{Source} was not read: {Error}");

    /// <summary>
    /// The first bytes of a stream that cannot be opened twice (standard input), already read to decide its format:
    /// <see cref="Head"/> answers from them, and <see cref="Open"/> gives them again before the rest.
    /// </summary>
    internal byte[]? Prefix { get; init; }

    /// <summary>Up to <paramref name="count"/> of the input's first bytes: what sniffing its format looks at.</summary>
    public byte[] Head(int count)
    {
        if (Bytes is not null)
            return Bytes.Length <= count ? Bytes : Bytes[..count];
        if (Prefix is not null && count <= Prefix.Length)
            return Prefix[..count];
        using var stream = OpenStream();
        var head = new byte[count];
        var read = stream.ReadAtLeast(head, count, throwOnEndOfStream: false);
        return head[..read];
    }
}
