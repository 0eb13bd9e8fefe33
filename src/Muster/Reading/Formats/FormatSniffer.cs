using System.Text;

namespace Muster.Reading.Formats;

/// <summary>
/// Picks a page's format from its first bytes (content sniffing, as browsers and crawlers do), using the file
/// name only to break ties and to catch a file whose name promises HTML but whose bytes are something else.
/// </summary>
public static class FormatSniffer
{
    /// <summary>How many of an input's first bytes sniffing looks at.</summary>
    public const int Window = 4096;

    /// <summary>The format of <paramref name="bytes"/>, or the reason it is none Muster reads.</summary>
    /// <param name="source">The input's name; its extension is a hint only.</param>
    /// <param name="bytes">The raw bytes.</param>
    public static (PageFormat Format, string? Error) Sniff(string source, ReadOnlySpan<byte> bytes)
    {
        var extension = Extension(source);
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        {
            // Gzip: only WARC is read compressed (a .warc.gz holds one gzip member per record).
            return (PageFormat.Warc, null);
        }
        var head = Head(bytes);
        var trimmed = head.TrimStart();
        if (trimmed.StartsWith("WARC/", StringComparison.Ordinal))
            return (PageFormat.Warc, null);
        if (LooksLikeFeed(trimmed))
            return (PageFormat.Feed, null);
        if (trimmed.StartsWith('{'))
        {
            if (LooksLikeTelegram(head))
                return (PageFormat.Telegram, null);
            if (extension is ".jsonl" or ".ndjson" || LooksLikeJsonLines(head))
                return (PageFormat.JsonLines, null);
        }
        if (LooksLikeHtml(trimmed))
            return (PageFormat.Html, null);
        if (extension is ".html" or ".htm" or ".xhtml")
        {
            var kind = BinarySignature(bytes);
            return (PageFormat.Html, kind is null
                ? "named as HTML but holds no HTML markup; use --format text to read it as text"
                : $"named as HTML but holds {kind}, not HTML");
        }
        if (extension is ".xml" or ".rss" or ".atom")
            return (PageFormat.Feed, null);
        return (PageFormat.Text, null);
    }

    private static string Extension(string source)
    {
        var name = Path.GetFileName(source).ToLowerInvariant();
        if (name.EndsWith(".warc.gz", StringComparison.Ordinal))
            return ".warc.gz";
        return Path.GetExtension(name);
    }

    private static string Head(ReadOnlySpan<byte> bytes)
    {
        var window = bytes[..Math.Min(bytes.Length, Window)];
        if (window.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            window = window[3..];
        if (window.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return Encoding.Unicode.GetString(window[2..]);
        if (window.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Encoding.BigEndianUnicode.GetString(window[2..]);
        if (PageDecoder.DetectUtf16(window) is { } utf16)
            return utf16.GetString(window);
        // Latin-1 maps every byte to one char, so ASCII markup is seen whatever the real encoding.
        return Encoding.Latin1.GetString(window);
    }

    private static bool LooksLikeFeed(string head)
    {
        var text = head;
        // Skip the XML declaration, comments and processing instructions before the root element.
        var index = 0;
        while (index < text.Length)
        {
            while (index < text.Length && char.IsWhiteSpace(text[index]))
                index++;
            if (string.CompareOrdinal(text, index, "<?", 0, 2) == 0 || string.CompareOrdinal(text, index, "<!--", 0, 4) == 0)
            {
                var close = text.IndexOf('>', index);
                if (close < 0)
                    return false;
                index = close + 1;
                continue;
            }
            break;
        }
        if (index >= text.Length || text[index] != '<')
            return false;
        var root = text.AsSpan(index + 1);
        return root.StartsWith("rss", StringComparison.OrdinalIgnoreCase) && root.Length > 3 && !char.IsLetterOrDigit(root[3])
            || root.StartsWith("feed", StringComparison.OrdinalIgnoreCase) && root.Length > 4 && !char.IsLetterOrDigit(root[4])
            || root.StartsWith("rdf:RDF", StringComparison.OrdinalIgnoreCase);
    }

    private static bool LooksLikeTelegram(string head) =>
        head.Contains("\"messages\"", StringComparison.Ordinal)
        && (head.Contains("\"type\"", StringComparison.Ordinal) || head.Contains("\"name\"", StringComparison.Ordinal));

    private static bool LooksLikeJsonLines(string head)
    {
        var firstLine = head.AsSpan();
        var newline = firstLine.IndexOf('\n');
        if (newline < 0)
            return false;
        firstLine = firstLine[..newline].TrimEnd();
        return firstLine.EndsWith("}") && (head.Contains("\"html\"", StringComparison.Ordinal) || head.Contains("\"text\"", StringComparison.Ordinal));
    }

    private static bool LooksLikeHtml(string head)
    {
        if (head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            return true;
        if (!head.StartsWith('<'))
            return false;
        // A fragment: count tags browsers would recognize.
        string[] tags = ["<head", "<body", "<div", "<p>", "<p ", "<meta", "<title", "<article", "<section", "<span", "<a "];
        var found = 0;
        foreach (var tag in tags)
            if (head.Contains(tag, StringComparison.OrdinalIgnoreCase))
                found++;
        return found >= 2;
    }

    /// <summary>Names a common binary format from its magic number, or null.</summary>
    internal static string? BinarySignature(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]))
            return "a PNG image";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return "a JPEG image";
        if (bytes.StartsWith("GIF8"u8))
            return "a GIF image";
        if (bytes.StartsWith("%PDF"u8))
            return "a PDF document";
        if (bytes.StartsWith("PK\x03\x04"u8))
            return "a ZIP archive (or an Office document)";
        if (bytes.IndexOf((byte)0) >= 0 && PageDecoder.DetectUtf16(bytes) is null)
            return "binary data";
        return null;
    }
}
