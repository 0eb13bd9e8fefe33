using System.Text;

namespace Muster.Reading;

/// <summary>
/// Turns a page's raw bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, and the Cyrillic
/// single-byte encodings windows-1251 and KOI8-R detected from the bytes. Binary and empty input are refused.
/// </summary>
public static class PageDecoder
{
    static PageDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>, or says why it cannot.</summary>
    public static DecodeResult Decode(ReadOnlySpan<byte> bytes) => Decode(bytes, null);

    /// <summary>
    /// Decodes <paramref name="bytes"/> trusting <paramref name="declaredCharset"/> (an HTTP header, an HTML
    /// <c>&lt;meta&gt;</c>, an XML declaration) after a byte-order mark and before detection. Pages often
    /// declare a single-byte charset while their bytes are valid UTF-8 with multi-byte characters, or declare
    /// UTF-8 with bytes that are not; the bytes win then, as browsers' detectors let them.
    /// </summary>
    public static DecodeResult Decode(ReadOnlySpan<byte> bytes, string? declaredCharset)
    {
        if (declaredCharset is not null && !bytes.IsEmpty && !HasBom(bytes) && !LooksBinary(bytes)
            && TryGetEncoding(declaredCharset) is { } declared)
        {
            var isUtf8 = declared.CodePage == 65001;
            var validUtf8 = TryStrictUtf8(bytes, out var utf8Text);
            if (isUtf8 && validUtf8)
                return Finish(utf8Text, "utf-8");
            if (!isUtf8 && !(validUtf8 && HasMultiByte(bytes)) && declared.IsSingleByte)
                return Finish(declared.GetString(bytes), declared.WebName);
        }
        return DecodeDetected(bytes);
    }

    /// <summary>The encoding a charset label names (WHATWG labels such as <c>cp1251</c>, <c>koi8-r</c>), or null.</summary>
    public static Encoding? TryGetEncoding(string label)
    {
        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        name = name switch
        {
            "cp1251" or "x-cp1251" or "win-1251" => "windows-1251",
            "koi8r" or "koi8" or "koi" => "koi8-r",
            "latin1" or "iso-8859-1" or "ascii" or "us-ascii" => "windows-1252",
            "utf8" => "utf-8",
            _ => name,
        };
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool HasBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);

    private static bool HasMultiByte(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;

    private static DecodeResult Finish(string text, string name)
    {
        if (CountControlCharacters(text) * 20 > text.Length)
            return DecodeResult.Fail("binary content, not a text page");
        var normalized = TextNormalizer.Normalize(text);
        if (string.IsNullOrWhiteSpace(normalized))
            return DecodeResult.Fail("empty input (only whitespace)");
        return DecodeResult.Ok(new DecodedPage(normalized, name));
    }

    private static DecodeResult DecodeDetected(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return DecodeResult.Fail("empty input");

        string text;
        string name;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            if (!TryStrictUtf8(bytes[3..], out text))
                return DecodeResult.Fail("invalid UTF-8 after a UTF-8 byte-order mark");
            name = "utf-8";
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = Encoding.Unicode.GetString(bytes[2..]);
            name = "utf-16le";
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = Encoding.BigEndianUnicode.GetString(bytes[2..]);
            name = "utf-16be";
        }
        else
        {
            // NUL bytes never occur in a text page in an 8-bit encoding; without a BOM they mean binary.
            if (LooksBinary(bytes))
                return DecodeResult.Fail("binary content, not a text page");
            if (TryStrictUtf8(bytes, out text))
                name = "utf-8";
            else
                (text, name) = DecodeSingleByte(bytes);
        }

        return Finish(text, name);
    }

    private static bool TryStrictUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        return sample.IndexOf((byte)0) >= 0;
    }

    private static int CountControlCharacters(string text)
    {
        var count = 0;
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'))
                count++;
        return count;
    }

    /// <summary>
    /// Chooses between windows-1251, KOI8-R and windows-1252 by decoding with each and scoring the result.
    /// Russian and Ukrainian prose is mostly lower-case; decoding with the wrong Cyrillic table swaps the
    /// cases, so the table that yields the most lower-case Cyrillic letters is right.
    /// </summary>
    private static (string Text, string Name) DecodeSingleByte(ReadOnlySpan<byte> bytes)
    {
        var cp1251 = Encoding.GetEncoding(1251).GetString(bytes);
        var koi8 = Encoding.GetEncoding(20866).GetString(bytes);
        var s1251 = CyrillicScore(cp1251);
        var sKoi = CyrillicScore(koi8);
        if (s1251.Letters == 0 && sKoi.Letters == 0)
            return (Encoding.GetEncoding(1252).GetString(bytes), "windows-1252");
        // A Latin page in windows-1252 read as Cyrillic shows lone Cyrillic letters inside Latin words
        // ("Cafй"); real Cyrillic text has its letters side by side.
        if (s1251.MixedRatio > 0.5)
            return (Encoding.GetEncoding(1252).GetString(bytes), "windows-1252");
        return s1251.LowerRatio >= sKoi.LowerRatio ? (cp1251, "windows-1251") : (koi8, "koi8-r");
    }

    private static (int Letters, double LowerRatio, double MixedRatio) CyrillicScore(string text)
    {
        int letters = 0, lower = 0, mixed = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is < '\u0400' or > '\u04FF')
                continue;
            letters++;
            if (char.IsLower(c))
                lower++;
            if (i > 0 && char.IsAsciiLetter(text[i - 1]) || i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]))
                mixed++;
        }
        return letters == 0 ? (0, 0, 0) : (letters, (double)lower / letters, (double)mixed / letters);
    }
}
