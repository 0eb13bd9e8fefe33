namespace Muster.Reading;

/// <summary>
/// One page as it arrives: where it came from and its raw bytes, or the reason it could not be read.
/// </summary>
/// <param name="Source">The path as the user gave it (or as found under a folder or glob), or <c>-</c> for standard input.</param>
/// <param name="Bytes">The raw bytes, when the page was read.</param>
/// <param name="Error">A one-line reason, when it was not.</param>
public sealed record PageInput(string Source, byte[]? Bytes, string? Error)
{
    /// <summary>True when the bytes were read.</summary>
    public bool Success => Bytes is not null;

    /// <summary>
    /// The page's address, when the caller knows it and the bytes do not carry it (a folder of scraped text with an
    /// index of addresses); a container's records keep their own.
    /// </summary>
    public string? Url { get; init; }
}
