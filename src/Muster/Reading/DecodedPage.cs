namespace Muster.Reading;

/// <summary>
/// A page's text as Muster reads it: decoded, line endings normalized to <c>\n</c> and Unicode in NFC.
/// Every offset Muster reports (stories, claims, evidence) is a UTF-16 code-unit offset into <see cref="Text"/>.
/// </summary>
/// <param name="Text">The decoded, normalized text.</param>
/// <param name="Encoding">The name of the encoding the bytes were decoded with (for example <c>utf-8</c>, <c>windows-1251</c>).</param>
public sealed record DecodedPage(string Text, string Encoding)
{
    /// <summary>
    /// What the reader should know about the decoding, in one line, or null: for example how many invalid
    /// UTF-8 sequences of a page that is UTF-8 but for a few bytes were replaced with U+FFFD.
    /// </summary>
    public string? Warning { get; init; }
}

/// <summary>The outcome of decoding a page's bytes: a page, or the reason it could not be read.</summary>
public readonly record struct DecodeResult(DecodedPage? Page, string? Error)
{
    /// <summary>True when the bytes decoded to a page.</summary>
    public bool Success => Page is not null;

    /// <summary>A decoded page.</summary>
    public static DecodeResult Ok(DecodedPage page) => new(page, null);

    /// <summary>A failure with a one-line reason.</summary>
    public static DecodeResult Fail(string reason) => new(null, reason);
}
