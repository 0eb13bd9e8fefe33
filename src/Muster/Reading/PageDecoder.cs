using System.Buffers;
using System.Text;
using UtfUnknown;

namespace Muster.Reading;

/// <summary>
/// Turns a page's raw bytes into text as browsers do: a byte-order mark first; then UTF-16 without a BOM, told
/// by its pattern of NUL bytes; then a declared charset, unless the bytes plainly say otherwise; then UTF-8, kept
/// when it is valid but for a few bytes (replaced with U+FFFD and counted in a warning); then a detector's guess
/// among the single- and multi-byte legacy encodings (windows-125x, ISO-8859-x, KOI8-R and KOI8-U, GBK, Big5,
/// Shift_JIS). Binary and empty input are refused.
/// </summary>
public static class PageDecoder
{
    static PageDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// How many valid multi-byte UTF-8 sequences each invalid one must be outweighed by for the bytes to stay
    /// UTF-8. Text in a legacy encoding almost never forms valid multi-byte UTF-8 (a windows-1251 or KOI8-R
    /// letter is followed by another letter, not by a continuation byte), so its invalid sequences outnumber
    /// its valid ones many times over; a UTF-8 page with a cut or a stray byte is the other way round.
    /// </summary>
    internal const int ValidPerInvalid = 4;

    /// <summary>How much of a page the detector reads, from the first byte that is not ASCII.</summary>
    private const int DetectionSample = 256 * 1024;

    /// <summary>Decodes <paramref name="bytes"/>, or says why it cannot.</summary>
    public static DecodeResult Decode(ReadOnlySpan<byte> bytes) => Decode(bytes, null);

    /// <summary>How many invalid UTF-8 sequences <paramref name="bytes"/> hold: how many U+FFFD decoding them as UTF-8 puts in.</summary>
    internal static int InvalidUtf8Sequences(ReadOnlySpan<byte> bytes) => Utf8Scan.Of(bytes).Invalid;

    /// <summary>
    /// Decodes <paramref name="bytes"/> trusting <paramref name="declaredCharset"/> (an HTTP header, an HTML
    /// <c>&lt;meta&gt;</c>, an XML declaration) after a byte-order mark and before detection. Pages often
    /// declare a single-byte charset while their bytes are UTF-8 with multi-byte characters, or declare
    /// UTF-8 with bytes that are not; the bytes win then, as browsers' detectors let them.
    /// </summary>
    public static DecodeResult Decode(ReadOnlySpan<byte> bytes, string? declaredCharset)
    {
        if (bytes.IsEmpty)
            return DecodeResult.Fail("empty input");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            var body = bytes[3..];
            var bomScan = Utf8Scan.Of(body);
            if (!bomScan.IsUtf8)
                return DecodeResult.Fail("invalid UTF-8 after a UTF-8 byte-order mark");
            return FinishUtf8(body, bomScan);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return Finish(Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Finish(Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");
        if (DetectUtf16(bytes) is { } utf16)
            return Finish(utf16.GetString(bytes), utf16.CodePage == 1200 ? "utf-16le" : "utf-16be");
        // NUL bytes never occur in a text page in an 8-bit encoding; without a BOM or UTF-16's pattern they mean binary.
        if (LooksBinary(bytes))
            return DecodeResult.Fail("binary content, not a text page");

        var scan = Utf8Scan.Of(bytes);
        if (declaredCharset is not null && TryGetEncoding(declaredCharset) is { } declared)
        {
            // UTF-16 declared for bytes with no NUL pattern is a wrong label (the HTML standard reads it as UTF-8).
            var declaresUtf8 = declared.CodePage is 65001 or 1200 or 1201 or 12000 or 12001;
            if (declaresUtf8 && scan.IsUtf8)
                return FinishUtf8(bytes, scan);
            if (!declaresUtf8 && !(scan.IsUtf8 && scan.MultiByte > 0))
                return Finish(declared.GetString(bytes), Name(declared));
        }
        if (scan.IsUtf8)
            return FinishUtf8(bytes, scan);
        var guessed = Guess(bytes);
        return Finish(guessed.GetString(bytes), Name(guessed));
    }

    /// <summary>
    /// The encoding a charset label names, or null: the labels of the WHATWG encoding standard (<c>cp1251</c>,
    /// <c>koi8</c>, <c>latin1</c>, <c>gb2312</c>…, resolved as browsers resolve them, so <c>iso-8859-1</c> and
    /// <c>ascii</c> are windows-1252), then the names .NET knows.
    /// </summary>
    public static Encoding? TryGetEncoding(string label)
    {
        var name = label.Trim().Trim('"', '\'').Trim().ToLowerInvariant();
        if (name.Length == 0)
            return null;
        if (AngleSharp.Text.TextEncoding.IsSupported(name))
            return AngleSharp.Text.TextEncoding.Resolve(name);
        name = name switch
        {
            "win-1251" => "windows-1251",
            _ => name,
        };
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// UTF-16 without a byte-order mark, told from the bytes: text in UTF-16 has its high bytes (NUL for ASCII
    /// and Latin-1, 0x04 for Cyrillic) at every other position, so one parity holds NULs and a few values only,
    /// and the other parity holds next to no NULs. Binary data has NULs at both. Null when the bytes are not so.
    /// </summary>
    internal static Encoding? DetectUtf16(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..(Math.Min(bytes.Length, 8192) & ~1)];
        var units = sample.Length / 2;
        if (units < 2)
            return null;
        int nulEven = 0, nulOdd = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            if (sample[i] == 0)
                nulEven++;
            if (sample[i + 1] == 0)
                nulOdd++;
        }
        // In little-endian the high byte is the odd one.
        var (highParity, nulHigh, nulLow) = nulOdd >= nulEven ? (1, nulOdd, nulEven) : (0, nulEven, nulOdd);
        if (nulHigh * 20 < units || nulLow * 50 > units)
            return null;
        Span<int> counts = stackalloc int[256];
        for (var i = highParity; i < sample.Length; i += 2)
            counts[sample[i]]++;
        int top = 0, second = 0;
        foreach (var count in counts)
        {
            if (count > top)
                (top, second) = (count, top);
            else if (count > second)
                second = count;
        }
        if ((top + second) * 10 < units * 9)
            return null;
        return highParity == 1 ? Encoding.Unicode : Encoding.BigEndianUnicode;
    }

    /// <summary>An encoding's name as the WHATWG encoding standard gives it, where .NET's differs.</summary>
    private static string Name(Encoding encoding) => encoding.WebName.ToLowerInvariant() switch
    {
        "cp866" => "ibm866",
        "ks_c_5601-1987" => "euc-kr",
        var name => name,
    };

    private static DecodeResult FinishUtf8(ReadOnlySpan<byte> bytes, Utf8Scan scan)
    {
        // .NET's UTF-8 decoder replaces each maximal invalid subsequence with one U+FFFD, as the scan counts them.
        var warning = scan.Invalid == 0
            ? null
            : $"{scan.Invalid} invalid UTF-8 byte sequence{(scan.Invalid == 1 ? "" : "s")} replaced with U+FFFD";
        return Finish(Encoding.UTF8.GetString(bytes), "utf-8", warning);
    }

    private static DecodeResult Finish(string text, string name, string? warning = null)
    {
        if (CountControlCharacters(text) * 20 > text.Length)
            return DecodeResult.Fail("binary content, not a text page");
        var normalized = TextNormalizer.Normalize(text);
        if (string.IsNullOrWhiteSpace(normalized))
            return DecodeResult.Fail("empty input (only whitespace)");
        return DecodeResult.Ok(new DecodedPage(normalized, name) { Warning = warning });
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
    /// The legacy encoding of bytes that are not UTF-8, by UTF.Unknown (a port of Mozilla's universal charset
    /// detector and uchardet, which score letter and letter-pair frequencies of each language against each
    /// encoding). Where the guess decodes the bytes exactly as windows-1252 does, windows-1252 is named, as the
    /// web's default for Western pages; KOI8-R is refined to KOI8-U when Ukrainian letters need it.
    /// </summary>
    private static Encoding Guess(ReadOnlySpan<byte> bytes)
    {
        var windows1252 = Encoding.GetEncoding(1252);
        // Markup and scripts before the text are ASCII and tell the detector nothing; start near the first
        // byte that is not.
        var firstHigh = bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        var start = Math.Max(0, firstHigh - 1024);
        var sample = bytes[start..Math.Min(bytes.Length, start + DetectionSample)];
        var detected = CharsetDetector.DetectFromBytes(sample).Detected;
        var encoding = detected?.EncodingName is { } name ? TryGetEncoding(name) : null;
        // The detector's multi-byte Unicode answers cannot hold here: the bytes are not UTF-8 and have no NULs.
        if (encoding is null || encoding.CodePage is 65001 or 1200 or 1201 or 12000 or 12001 or 20127)
            return windows1252;
        if (encoding.CodePage == 20866)
        {
            var koi8u = Encoding.GetEncoding(21866);
            if (Letters(koi8u.GetString(sample)) > Letters(encoding.GetString(sample)))
                return koi8u;
        }
        // ISO-8859 tables hold C1 controls at 0x80-0x9F where their windows-125x twins hold letters and
        // punctuation, which the detector's letter statistics hardly tell apart: a byte there settles it.
        var hasC1 = sample.IndexOfAnyInRange((byte)0x80, (byte)0x9F) >= 0;
        if (hasC1 && WindowsTwins.TryGetValue(encoding.CodePage, out var twin))
            return Encoding.GetEncoding(twin);
        if (!hasC1 && encoding.CodePage == 1250)
            return Encoding.GetEncoding(28592);
        if (encoding.IsSingleByte && encoding.CodePage != 1252 && encoding.GetString(sample) == windows1252.GetString(sample))
            return windows1252;
        return encoding;
    }

    /// <summary>ISO-8859 code pages and the windows-125x code page that agrees with each on most letters.</summary>
    private static readonly Dictionary<int, int> WindowsTwins = new()
    {
        [28592] = 1250, // Central European
        [28595] = 1251, // Cyrillic
        [28597] = 1253, // Greek
        [28596] = 1256, // Arabic
        [28598] = 1255, // Hebrew
        [28603] = 1257, // Baltic
    };

    private static int Letters(string text)
    {
        var count = 0;
        foreach (var c in text)
            if (char.IsLetter(c))
                count++;
        return count;
    }

    /// <summary>How UTF-8-shaped a byte sequence is: its valid multi-byte sequences and its invalid ones.</summary>
    private readonly record struct Utf8Scan(int MultiByte, int Invalid)
    {
        /// <summary>Valid UTF-8, or UTF-8 but for a few bytes (a cut character, a stray byte).</summary>
        public bool IsUtf8 => Invalid == 0 || MultiByte >= Invalid * ValidPerInvalid;

        public static Utf8Scan Of(ReadOnlySpan<byte> bytes)
        {
            int multiByte = 0, invalid = 0;
            while (!bytes.IsEmpty)
            {
                // ASCII runs are skipped at once; only the bytes around non-ASCII ones are decoded rune by rune.
                var ascii = bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
                if (ascii < 0)
                    break;
                bytes = bytes[ascii..];
                var status = System.Text.Rune.DecodeFromUtf8(bytes, out _, out var consumed);
                if (status == OperationStatus.Done)
                    multiByte++;
                else
                    invalid++;
                bytes = bytes[Math.Max(consumed, 1)..];
            }
            return new Utf8Scan(multiByte, invalid);
        }
    }
}
