using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Muster.Reading.Formats;

/// <summary>
/// Reads WARC files (WARC/1.0 and 1.1; <c>.warc</c>, or <c>.warc.gz</c> with one gzip member per record or
/// one for the whole file): each HTTP <c>response</c> record with a 2xx status and an HTML, XHTML or plain-text
/// body becomes one page-sized record named by its target URI. <c>resource</c> records holding such a document
/// directly are read too; <c>warcinfo</c>, <c>request</c>, <c>metadata</c>, <c>revisit</c> and the rest are
/// skipped.
/// <para>
/// The archive is read as a stream, record by record, from the file (<see cref="PageInput.Open"/>) or from bytes
/// read whole: a crawl's archive of any size is read holding one record at a time. A record cut off by the end of
/// the file is named and ends the file, what was read before it stands. Compressed data is decompressed under
/// limits, per record and per file (the file's grows with the compressed bytes read: at most
/// <see cref="ExpansionRatio"/> times them), so a small file that expands to gigabytes (a decompression bomb) is
/// named and stopped rather than read.
/// </para>
/// </summary>
public sealed class WarcReader : IFormatReader
{
    /// <summary>The default largest record (after decompression): as large as the largest page read, 20 MB.</summary>
    public const long DefaultMaxRecordBytes = PageReader.DefaultMaxBytes;

    /// <summary>The default most a compressed file may expand to in all, however little of it was read: 200 MB, ten times the largest page.</summary>
    public const long DefaultMaxExpandedBytes = 200L * 1024 * 1024;

    /// <summary>
    /// Past <see cref="DefaultMaxExpandedBytes"/>, the most a compressed file may expand to as a multiple of the
    /// compressed bytes read: web pages compress 3 to 20 times, a decompression bomb a thousand.
    /// </summary>
    public const int ExpansionRatio = 100;

    private const int MaxHeaderLine = 64 * 1024;
    private const int MaxHeaderLines = 1000;

    private readonly long _maxRecordBytes;
    private readonly long _maxExpandedBytes;

    /// <param name="maxRecordBytes">The largest record block, and the largest HTTP body after its own content encoding.</param>
    /// <param name="maxExpandedBytes">The most a gzip-compressed file may expand to, all records together.</param>
    public WarcReader(long maxRecordBytes = DefaultMaxRecordBytes, long maxExpandedBytes = DefaultMaxExpandedBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecordBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExpandedBytes);
        _maxRecordBytes = maxRecordBytes;
        _maxExpandedBytes = maxExpandedBytes;
    }

    /// <inheritdoc />
    public PageFormat Format => PageFormat.Warc;

    /// <summary>
    /// The largest record block this reader has held at once: what it reads of a file is held one record at a time
    /// (besides a 64 KB buffer), and a record's block never past the record limit.
    /// </summary>
    public long PeakRecordBytes { get; private set; }

    /// <summary>How many records (of any type, skipped ones too) this reader has passed over or read.</summary>
    public long RecordsSeen { get; private set; }

    /// <inheritdoc />
    public IEnumerable<SourceRecord> Read(PageInput input)
    {
        if (!input.Success)
        {
            yield return SourceRecord.Failed(input.Source, Format, input.Error ?? "cannot read");
            yield break;
        }
        var compressed = input.Head(2) is [0x1F, 0x8B];
        var raw = new CountingStream(input.OpenStream());
        // GZipStream reads concatenated members as one stream: a member per record and one for the file alike.
        Stream stream = compressed ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var archive = new ArchiveStream(stream, compressed ? _maxExpandedBytes : null, raw);
        var number = 0;
        while (true)
        {
            number++;
            Step step;
            try
            {
                step = Next(archive, input.Source, number, compressed);
            }
            catch (ExpansionLimitException e)
            {
                step = Step.Stop(Failed(input.Source, number, null, $"expands past {e.Limit} bytes (a decompression bomb?); nothing more is read from this file"));
            }
            catch (InvalidDataException e)
            {
                step = Step.Stop(Failed(input.Source, number, null, $"the gzip data is corrupt or cut off ({e.Message.TrimEnd('.')}); nothing more is read from this file"));
            }
            catch (IOException e)
            {
                step = Step.Stop(Failed(input.Source, number, null, $"cannot be read further ({e.Message.TrimEnd('.')})"));
            }
            if (step.Record is not null)
                yield return step.Record;
            if (step.End)
                yield break;
        }
    }

    private readonly record struct Step(SourceRecord? Record, bool End)
    {
        public static Step Skip => new(null, false);
        public static Step Finished => new(null, true);
        public static Step Yield(SourceRecord record) => new(record, false);
        public static Step Stop(SourceRecord record) => new(record, true);
    }

    private sealed class ExpansionLimitException(long limit) : Exception($"expands past {limit} bytes")
    {
        public long Limit { get; } = limit;
    }

    private Step Next(ArchiveStream archive, string path, int number, bool compressed)
    {
        // Records are separated by two CRLFs; writers differ in how many blank lines they leave.
        string? version;
        do
        {
            version = archive.ReadLine(MaxHeaderLine, out var tooLong);
            if (tooLong)
                return Step.Stop(Failed(path, number, null, "does not start with a WARC header line: no line break in the first 64 KB"));
        } while (version is { Length: 0 });
        if (version is null)
            return Step.Finished;
        if (!version.StartsWith("WARC/", StringComparison.Ordinal))
            return Step.Stop(Failed(path, number, null, $"does not start with a WARC header (\"WARC/1.1\") but with \"{Shorten(version)}\"{(number == 1 ? ": this is not a WARC file" : "")}"));

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        for (var lines = 0; ; lines++)
        {
            var line = archive.ReadLine(MaxHeaderLine, out var tooLong);
            if (tooLong || lines > MaxHeaderLines)
                return Step.Stop(Failed(path, number, null, "has a header too long to be a WARC header"));
            if (line is null)
                return Step.Stop(Failed(path, number, Target(headers), "is truncated: the file ends inside its header"));
            if (line.Length == 0)
                break;
            if (line[0] is ' ' or '\t' && last is not null)
            {
                headers[last] += " " + line.Trim();
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            last = line[..colon].Trim();
            headers[last] = line[(colon + 1)..].Trim();
        }

        var uri = Target(headers);
        if (!headers.TryGetValue("Content-Length", out var lengthText)
            || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            return Step.Stop(Failed(path, number, uri, "has no valid Content-Length, so where it ends cannot be known"));
        if (length > _maxRecordBytes)
            return Step.Stop(Failed(path, number, uri, compressed
                ? $"expands past {_maxRecordBytes} bytes (a decompression bomb?): it declares {length}; nothing more is read from this file"
                : $"declares {length} bytes, past the limit of {_maxRecordBytes} for a record; nothing more is read from this file"));

        RecordsSeen++;
        var type = headers.GetValueOrDefault("WARC-Type")?.Trim().ToLowerInvariant();
        if (type is not ("response" or "resource"))
        {
            var skipped = archive.Skip(length);
            return skipped < length ? Step.Stop(Truncated(path, number, uri, skipped, length)) : Step.Skip;
        }
        var block = archive.ReadBlock(length);
        PeakRecordBytes = Math.Max(PeakRecordBytes, block.Length);
        if (block.Length < length)
            return Step.Stop(Truncated(path, number, uri, block.Length, length));

        var recordType = headers.GetValueOrDefault("Content-Type");
        if (type == "resource")
            return Document(path, number, uri, recordType, block);
        if (recordType is not null && !recordType.Contains("application/http", StringComparison.OrdinalIgnoreCase))
            return Step.Skip; // a DNS lookup, a screenshot: not an HTTP exchange
        return Response(archive, path, number, uri, block);
    }

    private Step Response(ArchiveStream archive, string path, int number, string? uri, byte[] block)
    {
        var http = HttpMessage.Parse(block);
        if (http is null)
            return Step.Yield(Failed(path, number, uri, "holds no HTTP response it can read (no status line and headers)"));
        if (http.Status is < 200 or > 299)
            return Step.Skip; // redirects, errors: not the page
        var body = http.Body;
        if (http.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            body = HttpMessage.Dechunk(body);
            if (body is null)
                return Step.Yield(Failed(path, number, uri, "has a chunked body whose chunk sizes do not add up"));
        }
        if (http.Header("Content-Encoding")?.Trim().ToLowerInvariant() is { Length: > 0 } encoding && encoding != "identity")
        {
            var (decoded, error) = Decode(body, encoding, archive);
            if (error is not null)
                return Step.Yield(Failed(path, number, uri, error));
            body = decoded!;
        }
        return Document(path, number, uri, http.Header("Content-Type"), body);
    }

    private Step Document(string path, int number, string? uri, string? contentType, byte[] body)
    {
        var (media, charset) = MediaType(contentType);
        ContentKind? kind = media switch
        {
            "text/html" or "application/xhtml+xml" => ContentKind.Html,
            "text/plain" => ContentKind.Text,
            null => FormatSniffer.Sniff(uri ?? "", body).Format switch
            {
                PageFormat.Html => ContentKind.Html,
                PageFormat.Text when FormatSniffer.BinarySignature(body) is null => ContentKind.Text,
                _ => null,
            },
            _ => null,
        };
        if (kind is null || body.Length == 0)
            return Step.Skip; // images, scripts, style sheets, empty answers
        // WARC-Date is when the page was captured, not when it was published: it is not given as Published, and
        // the page's own metadata (or nothing) says when it appeared.
        return Step.Yield(new SourceRecord
        {
            Source = uri ?? $"{path}#record-{number}",
            Content = body,
            Kind = kind.Value,
            Charset = charset,
            Format = Format,
            Url = uri,
        });
    }

    /// <summary>Undoes an HTTP content encoding, under the record limit.</summary>
    private (byte[]? Body, string? Error) Decode(byte[] body, string encoding, ArchiveStream archive)
    {
        Func<Stream, Stream>? open = encoding switch
        {
            "gzip" or "x-gzip" => s => new GZipStream(s, CompressionMode.Decompress),
            // "deflate" is meant to be zlib-wrapped, but servers also send it raw: both are tried.
            "deflate" => s => body is [_, _, ..] && (body[0] * 256 + body[1]) % 31 == 0 && (body[0] & 0x0F) == 8
                ? new ZLibStream(s, CompressionMode.Decompress)
                : new DeflateStream(s, CompressionMode.Decompress),
            "br" => s => new BrotliStream(s, CompressionMode.Decompress),
            _ => null,
        };
        if (open is null)
            return (null, $"has a body in the \"{encoding}\" content encoding, which Muster does not read");
        try
        {
            using var decoder = open(new MemoryStream(body, writable: false));
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = decoder.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, n);
                if (output.Length > _maxRecordBytes)
                    return (null, $"has a {encoding} body that expands past {_maxRecordBytes} bytes (a decompression bomb?)");
                archive.Account(n);
            }
            return (output.ToArray(), null);
        }
        catch (InvalidDataException e)
        {
            return (null, $"has a {encoding} body that is corrupt ({e.Message.TrimEnd('.')})");
        }
    }

    private static (string? Media, string? Charset) MediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return (null, null);
        var parts = contentType.Split(';');
        string? charset = null;
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=');
            if (equals > 0 && part[..equals].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
                charset = part[(equals + 1)..].Trim().Trim('"', '\'') is { Length: > 0 } c ? c : null;
        }
        return (parts[0].Trim().ToLowerInvariant(), charset);
    }

    private static string? Target(Dictionary<string, string> headers) =>
        headers.GetValueOrDefault("WARC-Target-URI")?.Trim().Trim('<', '>') is { Length: > 0 } uri ? uri : null;

    private SourceRecord Truncated(string path, int number, string? uri, long read, long length) =>
        Failed(path, number, uri, $"is truncated: the file ends after {read} of its {length} bytes");

    private SourceRecord Failed(string path, int number, string? uri, string reason) =>
        SourceRecord.Failed($"{path}#record-{number}", Format, $"record {number}{(uri is null ? "" : $" ({uri})")} {reason}");

    private static string Shorten(string text)
    {
        var printable = new string(text.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length > 40 ? printable + "…" : printable;
    }

    /// <summary>The archive's bytes (decompressed), read as header lines and blocks, counted against a limit.</summary>
    private sealed class ArchiveStream(Stream stream, long? limit, CountingStream compressed) : IDisposable
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;
        private long _expanded;
        private bool _eof;

        public void Dispose() => stream.Dispose();

        /// <summary>Counts bytes expanded elsewhere (an HTTP body's own compression) against the file's limit.</summary>
        public void Account(long bytes)
        {
            _expanded += bytes;
            if (limit is { } floor && _expanded > floor && _expanded > ExpansionRatio * compressed.BytesRead)
                throw new ExpansionLimitException(floor); // and past ExpansionRatio times the compressed bytes read
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
                return false;
            var n = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                _eof = true;
                return false;
            }
            _end += n;
            Account(n);
            return true;
        }

        /// <summary>The next line without its CRLF or LF, or null at the end.</summary>
        public string? ReadLine(int max, out bool tooLong)
        {
            tooLong = false;
            var scanned = 0;
            while (true)
            {
                var newline = Array.IndexOf(_buffer, (byte)'\n', _start + scanned, _end - _start - scanned);
                if (newline >= 0)
                {
                    var line = Line(_start, newline);
                    _start = newline + 1;
                    return line;
                }
                scanned = _end - _start;
                if (scanned >= max)
                {
                    tooLong = true;
                    return null;
                }
                if (!Fill())
                {
                    if (_end == _start)
                        return null;
                    var rest = Line(_start, _end);
                    _start = _end;
                    return rest;
                }
            }
        }

        private string Line(int start, int end)
        {
            if (end > start && _buffer[end - 1] == '\r')
                end--;
            return Encoding.UTF8.GetString(_buffer, start, end - start);
        }

        /// <summary>
        /// The next <paramref name="count"/> bytes; fewer only at the end of the stream. The block grows as it is
        /// read rather than being allocated at the size a header declares, so a lying header costs nothing and
        /// an expanding one meets the limit first.
        /// </summary>
        public byte[] ReadBlock(long count)
        {
            using var block = new MemoryStream((int)Math.Min(count, 1024 * 1024));
            while (block.Length < count)
            {
                if (_start == _end && !Fill())
                    break;
                var n = (int)Math.Min(count - block.Length, _end - _start);
                block.Write(_buffer, _start, n);
                _start += n;
            }
            return block.ToArray();
        }

        /// <summary>Passes over <paramref name="count"/> bytes; fewer only at the end of the stream.</summary>
        public long Skip(long count)
        {
            var done = 0L;
            while (done < count)
            {
                if (_start == _end && !Fill())
                    break;
                var n = (int)Math.Min(count - done, _end - _start);
                _start += n;
                done += n;
            }
            return done;
        }
    }

    /// <summary>A read-only stream that counts the bytes read through it: the compressed bytes of an archive.</summary>
    private sealed class CountingStream(Stream inner) : ReadOnlyStream(inner)
    {
        public long BytesRead { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            var read = Inner.Read(buffer);
            BytesRead += read;
            return read;
        }
    }

    /// <summary>An HTTP response as archived: status, headers and the body bytes.</summary>
    private sealed class HttpMessage
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

        public int Status { get; private init; }
        public byte[] Body { get; private init; } = [];

        public string? Header(string name) => _headers.GetValueOrDefault(name);

        public static HttpMessage? Parse(byte[] block)
        {
            var span = block.AsSpan();
            var crlf = span.IndexOf("\r\n\r\n"u8);
            var lf = span.IndexOf("\n\n"u8);
            int headEnd, bodyStart;
            if (crlf >= 0 && (lf < 0 || crlf < lf))
                (headEnd, bodyStart) = (crlf, crlf + 4);
            else if (lf >= 0)
                (headEnd, bodyStart) = (lf, lf + 2);
            else
                (headEnd, bodyStart) = (block.Length, block.Length);
            var head = Encoding.Latin1.GetString(block, 0, headEnd).Split('\n');
            var status = head[0].Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase)
                || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
                return null;
            var message = new HttpMessage { Status = code, Body = block[bodyStart..] };
            foreach (var line in head.Skip(1))
            {
                var colon = line.IndexOf(':');
                if (colon > 0)
                    message._headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            return message;
        }

        /// <summary>The body of a chunked transfer, or null when the chunk sizes do not add up.</summary>
        public static byte[]? Dechunk(byte[] body)
        {
            using var output = new MemoryStream(body.Length);
            var position = 0;
            while (true)
            {
                var lineEnd = Array.IndexOf(body, (byte)'\n', position);
                if (lineEnd < 0)
                    return position == body.Length && output.Length > 0 ? output.ToArray() : null; // a missing last chunk: keep what came
                var sizeText = Encoding.Latin1.GetString(body, position, lineEnd - position).Split(';')[0].Trim();
                if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                    return null;
                position = lineEnd + 1;
                if (size == 0)
                    return output.ToArray();
                if (size > body.Length - position)
                    return null;
                output.Write(body, position, size);
                position += size;
                // Each chunk ends with CRLF (or LF, as some archives rewrote it).
                if (position < body.Length && body[position] == '\r')
                    position++;
                if (position < body.Length && body[position] == '\n')
                    position++;
            }
        }
    }
}
