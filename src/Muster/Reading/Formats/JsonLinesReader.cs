using System.Text;
using System.Text.Json;

namespace Muster.Reading.Formats;

/// <summary>
/// Reads JSON Lines of pages, one object a line: <c>{"url": …, "html": … | "text": …, "published": …}</c>,
/// with an optional <c>title</c>, <c>author</c> and <c>outlet</c>. Each line is a whole page (HTML goes through
/// article extraction, text through the segmenter), named by its URL or by its line number. A line that is
/// not such an object is named in an error and the others go on; blank lines are skipped.
/// </summary>
public sealed class JsonLinesReader : IFormatReader
{
    /// <summary>The default longest line (one page): as large as the largest page read, 20 MB.</summary>
    public const int DefaultMaxLineBytes = (int)PageReader.DefaultMaxBytes;

    private readonly int _maxLineBytes;

    /// <param name="maxLineBytes">The longest line read; a longer one is named and passed over, and the others go on.</param>
    public JsonLinesReader(int maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineBytes);
        _maxLineBytes = maxLineBytes;
    }

    /// <inheritdoc />
    public PageFormat Format => PageFormat.JsonLines;

    /// <summary>The longest line this reader has held: lines are read one at a time, each under the line limit.</summary>
    public long PeakLineBytes { get; private set; }

    /// <inheritdoc />
    public IEnumerable<SourceRecord> Read(PageInput input)
    {
        if (!input.Success)
        {
            yield return SourceRecord.Failed(input.Source, Format, input.Error ?? "cannot read");
            yield break;
        }
        // Read as a stream, line by line, from the file or the bytes: a file of any size holds one line at a time.
        using var lines = new LineStream(input.OpenStream(), _maxLineBytes);
        var number = 0;
        while (lines.Next() is { } line)
        {
            number++;
            if (number == 1 && line.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                line = line[3..];
            if (line.IsEmpty && lines.Overlong is { } length)
            {
                yield return SourceRecord.Failed($"{input.Source}#line-{number}", Format,
                    $"line {number} is longer than the limit of {_maxLineBytes} bytes (at least {length}); passed over");
                continue;
            }
            PeakLineBytes = Math.Max(PeakLineBytes, line.Length);
            if (line.Span.Trim(" \t\r"u8).IsEmpty)
                continue;
            yield return Line(input.Source, number, line.Span);
        }
    }

    /// <summary>Lines of a stream, each held whole only up to a limit; a longer one is passed over and its length told.</summary>
    private sealed class LineStream(Stream stream, int maxLine) : IDisposable
    {
        private byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;
        private bool _eof;

        /// <summary>After <see cref="Next"/> returned an empty line: the length of the line passed over, when it was too long.</summary>
        public long? Overlong { get; private set; }

        /// <summary>The next line without its line feed (valid until the next call), or null at the end.</summary>
        public ReadOnlyMemory<byte>? Next()
        {
            Overlong = null;
            var scanned = 0;
            long skipped = 0;
            while (true)
            {
                var newline = Array.IndexOf(_buffer, (byte)'\n', _start + scanned, _end - _start - scanned);
                if (newline >= 0)
                {
                    var line = new ReadOnlyMemory<byte>(_buffer, _start, newline - _start);
                    _start = newline + 1;
                    if (skipped > 0)
                    {
                        Overlong = skipped + line.Length;
                        return ReadOnlyMemory<byte>.Empty;
                    }
                    return line;
                }
                scanned = _end - _start;
                if (scanned > maxLine)
                {
                    // Too long to hold: count it and drop what is buffered, until its end.
                    skipped += scanned;
                    _start = _end = 0;
                    scanned = 0;
                }
                if (!Fill())
                {
                    if (_end == _start && skipped == 0)
                        return null;
                    var rest = new ReadOnlyMemory<byte>(_buffer, _start, _end - _start);
                    _start = _end;
                    if (skipped > 0)
                    {
                        Overlong = skipped + rest.Length;
                        return ReadOnlyMemory<byte>.Empty;
                    }
                    return rest;
                }
            }
        }

        private bool Fill()
        {
            if (_eof)
                return false;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
                Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, maxLine + 64L * 1024));
            var n = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                _eof = true;
                return false;
            }
            _end += n;
            return true;
        }

        public void Dispose() => stream.Dispose();
    }

    private SourceRecord Line(string path, int number, ReadOnlySpan<byte> line)
    {
        var locator = $"{path}#line-{number}";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray());
        }
        catch (JsonException e)
        {
            var reason = e.Message;
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
                reason = reason[..cut];
            var at = e.BytePositionInLine is { } position ? $" at byte {position + 1}" : "";
            return SourceRecord.Failed(locator, Format, $"line {number} is not valid JSON{at}: {reason.ReplaceLineEndings(" ").Trim()}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return SourceRecord.Failed(locator, Format, $"line {number} is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object with \"html\" or \"text\"");
            var replaced = 0;
            var html = String(root, "html", ref replaced);
            var text = html is null ? String(root, "text", ref replaced) : null;
            if (html is null && text is null)
                return SourceRecord.Failed(locator, Format, $"line {number} has neither an \"html\" nor a \"text\" string");
            var url = String(root, "url", ref replaced);
            var title = String(root, "title", ref replaced);
            var author = String(root, "author", ref replaced);
            var outlet = String(root, "outlet", ref replaced);
            // A publication date that cannot be read is left out; the page is still read.
            var published = RecordDates.FromIso(String(root, "published", ref replaced));
            return new SourceRecord
            {
                Source = url ?? locator,
                Content = Encoding.UTF8.GetBytes(html ?? text!),
                // The JSON string is already text: its bytes are UTF-8 whatever a <meta> inside the HTML says.
                Charset = "utf-8",
                Kind = html is null ? ContentKind.Text : ContentKind.Html,
                // A line is a whole page, HTML or flattened text, with its teasers and sidebars: not one story.
                SingleStory = false,
                Format = Format,
                Url = url,
                Title = title,
                Author = author,
                Outlet = outlet,
                Published = published,
                Warning = JsonText.Warning(replaced),
            };
        }
    }

    private static string? String(JsonElement element, string name, ref int replaced)
    {
        if (!JsonText.TryGetProperty(element, name, out var value) || value.ValueKind != JsonValueKind.String)
            return null;
        var text = JsonText.Read(value, ref replaced);
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
