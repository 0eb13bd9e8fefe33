using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Muster.Reading;
using Muster.Reading.Formats;

namespace Muster.Tests.Reading;

public class WarcReaderTests
{
    /// <summary>Builds WARC records in memory, as crawlers write them.</summary>
    private static byte[] Record(string type, string? uri, byte[] block, string contentType = "application/http; msgtype=response", long? declaredLength = null)
    {
        var head = new StringBuilder("WARC/1.0\r\n")
            .Append($"WARC-Type: {type}\r\n")
            .Append("WARC-Date: 2024-05-16T03:12:45Z\r\n")
            .Append($"WARC-Record-ID: <urn:uuid:{Guid.NewGuid()}>\r\n");
        if (uri is not null)
            head.Append($"WARC-Target-URI: {uri}\r\n");
        head.Append($"Content-Type: {contentType}\r\nContent-Length: {declaredLength ?? block.Length}\r\n\r\n");
        return [.. Encoding.UTF8.GetBytes(head.ToString()), .. block, .. "\r\n\r\n"u8];
    }

    private static byte[] Http(string status, string contentType, byte[] body, params string[] headers)
    {
        var head = $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }

    private static byte[] Page(string text) =>
        Encoding.UTF8.GetBytes($"<html><head><title>{text}</title></head><body><article><p>{text}</p></article></body></html>");

    private static byte[] Gzip(params byte[][] members)
    {
        using var output = new MemoryStream();
        foreach (var member in members)
        {
            using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
            gzip.Write(member);
        }
        return output.ToArray();
    }

    private static List<SourceRecord> Read(byte[] bytes, WarcReader? reader = null, string name = "test.warc") =>
        (reader ?? new WarcReader()).Read(new PageInput(name, bytes, null)).ToList();

    [Fact]
    public void TheSampleGivesItsTwoResponsesAndSkipsTheWarcinfoAndTheRequest()
    {
        var records = FormatSamples.Records("warc/two-records.warc.gz");
        Assert.Equal(2, records.Count);
        Assert.All(records, r =>
        {
            Assert.Null(r.Error);
            Assert.Equal(PageFormat.Warc, r.Format);
            Assert.False(r.SingleStory);
            Assert.Equal(r.Url, r.Source);
            // WARC-Date is the capture date, not a publication date.
            Assert.Null(r.Published);
        });
        Assert.Equal(["https://amur-daily.example/news/2024/05/14/market-raid", "https://civic-aid.example/statements/2024-05-15.txt"], records.Select(r => r.Url));
        Assert.Equal([ContentKind.Html, ContentKind.Text], records.Select(r => r.Kind));
        Assert.Equal(["utf-8", "windows-1251"], records.Select(r => r.Charset));
    }

    [Fact]
    public void ClaimsAreFoundInTheArchivedPagesThroughThePipeline()
    {
        var documents = FormatSamples.Documents("warc/two-records.warc.gz");
        var article = documents[0];
        Assert.Equal("warc", article.Format);
        Assert.Equal("Amur Daily", article.Outlet);
        // The page's own metadata gives the publication date (the capture date is the 16th).
        Assert.Equal("2024-05-14", article.Published.ToString());
        var story = Assert.Single(article.Stories, s => s.Role == StoryRole.Article);
        Assert.Contains(story.Claims, c => c.Type == "coerced_volunteering" && c.Places.Any(p => p.Code == "RU-AMU"));
        var statement = documents[1];
        Assert.Equal("windows-1251", statement.Encoding);
        Assert.Contains("Благовещенск", statement.Text);
        Assert.Contains(statement.Stories.SelectMany(s => s.Claims), c => c.Type == "coerced_volunteering");
    }

    [Fact]
    public void PlainAndSingleMemberAndPerRecordMembersReadAlike()
    {
        byte[][] records =
        [
            Record("warcinfo", null, "software: test\r\n"u8.ToArray(), "application/warc-fields"),
            Record("response", "https://a.example/1", Http("200 OK", "text/html; charset=utf-8", Page("One"))),
            Record("response", "https://a.example/2", Http("200 OK", "text/plain", "Two."u8.ToArray())),
        ];
        var plain = records.SelectMany(r => r).ToArray();
        foreach (var (name, bytes) in new[] { ("plain", plain), ("one member", Gzip(plain)), ("a member per record", Gzip(records)) })
        {
            var read = Read(bytes);
            Assert.True(read.Select(r => r.Url).SequenceEqual(["https://a.example/1", "https://a.example/2"]), name);
            Assert.All(read, r => Assert.Null(r.Error));
        }
    }

    [Fact]
    public void WhatIsNotASuccessfulPageIsSkippedSilently()
    {
        var bytes = new[]
        {
            Record("request", "https://a.example/1", "GET / HTTP/1.1\r\nHost: a.example\r\n\r\n"u8.ToArray(), "application/http; msgtype=request"),
            Record("response", "https://a.example/moved", Http("301 Moved Permanently", "text/html", Page("Moved"), "Location: https://a.example/1")),
            Record("response", "https://a.example/missing", Http("404 Not Found", "text/html", Page("Missing"))),
            Record("response", "https://a.example/logo.png", Http("200 OK", "image/png", [0x89, 0x50, 0x4E, 0x47])),
            Record("metadata", "https://a.example/1", "outlink: https://b.example/\r\n"u8.ToArray(), "application/warc-fields"),
            Record("revisit", "https://a.example/1", Http("200 OK", "text/html", [])),
            Record("response", "https://a.example/page", Http("200 OK", "application/xhtml+xml", Page("Page"))),
            Record("resource", "https://a.example/note.txt", "A note."u8.ToArray(), "text/plain; charset=utf-8"),
        }.SelectMany(r => r).ToArray();
        var read = Read(Gzip(bytes));
        Assert.Equal(["https://a.example/page", "https://a.example/note.txt"], read.Select(r => r.Url));
        Assert.Equal([ContentKind.Html, ContentKind.Text], read.Select(r => r.Kind));
    }

    [Fact]
    public void ChunkedAndGzipEncodedBodiesAreDecoded()
    {
        var page = Page("Encoded page");
        var gzipped = Gzip(page);
        var chunked = new MemoryStream();
        foreach (var chunk in gzipped.Chunk(100))
        {
            chunked.Write(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
            chunked.Write(chunk);
            chunked.Write("\r\n"u8);
        }
        chunked.Write("0\r\n\r\n"u8);
        var record = Record("response", "https://a.example/enc", Http("200 OK", "text/html; charset=\"UTF-8\"", chunked.ToArray(),
            "Transfer-Encoding: chunked", "Content-Encoding: gzip"));
        var read = Assert.Single(Read(record));
        Assert.Null(read.Error);
        Assert.Equal(page, read.Content);
        Assert.Equal("UTF-8", read.Charset);
    }

    [Fact]
    public void ARecordThatExpandsPastTheLimitIsNamedAsABombAndEndsTheFile()
    {
        // 100 MB of zeros, compressed in memory to about 100 KB: the archive's second record.
        using var bomb = new MemoryStream();
        bomb.Write(Gzip(Record("response", "https://a.example/before", Http("200 OK", "text/html", Page("Before")))));
        var size = 100L * 1024 * 1024;
        using (var gzip = new GZipStream(bomb, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.ASCII.GetBytes($"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/bomb\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {size}\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"));
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 100; i++)
                gzip.Write(zeros);
        }
        bomb.Write(Gzip(Record("response", "https://a.example/after", Http("200 OK", "text/html", Page("After")))));
        var bytes = bomb.ToArray();
        Assert.True(bytes.Length < 1024 * 1024, $"the bomb is {bytes.Length} bytes");

        // The record declares its size: refused before a byte of it is expanded.
        var clock = Stopwatch.StartNew();
        var read = Read(bytes, new WarcReader(maxRecordBytes: 1024 * 1024), "bomb.warc.gz");
        Assert.Equal(2, read.Count);
        Assert.Equal("https://a.example/before", read[0].Url);
        Assert.Equal("bomb.warc.gz#record-2", read[1].Source);
        Assert.Contains("(https://a.example/bomb) expands past 1048576 bytes (a decompression bomb?)", read[1].Error);

        // A record within the record limit still stops when the file as a whole expands past its limit.
        read = Read(bytes, new WarcReader(maxRecordBytes: 200L * 1024 * 1024, maxExpandedBytes: 2 * 1024 * 1024), "bomb.warc.gz");
        Assert.Equal(2, read.Count);
        Assert.Equal("https://a.example/before", read[0].Url);
        Assert.Contains("expands past 2097152 bytes (a decompression bomb?)", read[1].Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void AnHttpBodyThatExpandsPastTheRecordLimitIsNamedAndTheRestGoesOn()
    {
        var zeros = Gzip(new byte[4 * 1024 * 1024]);
        var bytes = new[]
        {
            Record("response", "https://a.example/bomb", Http("200 OK", "text/html", zeros, "Content-Encoding: gzip")),
            Record("response", "https://a.example/after", Http("200 OK", "text/html", Page("After"))),
        }.SelectMany(r => r).ToArray();
        var read = Read(bytes, new WarcReader(maxRecordBytes: 1024 * 1024));
        Assert.Equal(2, read.Count);
        Assert.Contains("has a gzip body that expands past 1048576 bytes (a decompression bomb?)", read[0].Error);
        Assert.Equal("https://a.example/after", read[1].Url);
    }

    [Fact]
    public void ATruncatedArchiveGivesTheRecordsBeforeTheCutThenOneError()
    {
        var first = Record("response", "https://a.example/1", Http("200 OK", "text/html", Page("One")));
        var second = Record("response", "https://a.example/2", Http("200 OK", "text/html", Page("Two")));
        var plain = first.Concat(second[..(second.Length - 60)]).ToArray();
        var read = Read(plain, name: "cut.warc");
        Assert.Equal(2, read.Count);
        Assert.Equal("https://a.example/1", read[0].Url);
        Assert.Equal("cut.warc#record-2", read[1].Source);
        Assert.Matches(@"^record 2 \(https://a\.example/2\) is truncated: the file ends after \d+ of its \d+ bytes$", read[1].Error);

        // Compressed and cut inside the second member: the first record stands, the second is named.
        var member = Gzip(second);
        var compressed = Gzip(first).Concat(member[..(member.Length / 2)]).ToArray();
        read = Read(compressed, name: "cut.warc.gz");
        Assert.Equal(2, read.Count);
        Assert.Equal("https://a.example/1", read[0].Url);
        Assert.Equal("cut.warc.gz#record-2", read[1].Source);
        Assert.Null(read[1].Content);
        Assert.NotNull(read[1].Error);
    }

    [Fact]
    public void AGzipFileThatIsNotAWarcIsNamed()
    {
        var failed = Assert.Single(Read(Gzip("just some text\n"u8.ToArray()), name: "notes.txt.gz"));
        Assert.Equal("notes.txt.gz#record-1", failed.Source);
        Assert.Contains("this is not a WARC file", failed.Error);
    }
}

/// <summary>Archives of a crawl's size: streamed from the file, one record at a time, past the old whole-input cap.</summary>
public sealed class LargeArchiveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-large-warc-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AWarcGzLargerThanTheWholeInputCapIsReadWholeFromTheFileOneRecordAtATime()
    {
        var path = Path.Combine(_folder, "crawl.warc.gz");
        var pages = Muster.Tools.WarcGen.LargeWarc.Write(path, compressedBytes: 40L << 20);
        Assert.True(new FileInfo(path).Length > 2 * PageReader.DefaultMaxBytes, "the archive is not past the old cap");

        var input = new PageReader().Read([path]).Single();
        Assert.True(input.Success, input.Error);
        Assert.Null(input.Bytes);
        var reader = new WarcReader();
        var count = 0;
        foreach (var record in reader.Read(input))
        {
            Assert.Null(record.Error);
            count++;
        }
        Assert.Equal(pages, count);
        // A request and a response per page, each held on its own, never more than the record limit.
        Assert.Equal(2L * pages, reader.RecordsSeen);
        Assert.InRange(reader.PeakRecordBytes, 1, WarcReader.DefaultMaxRecordBytes);
        Assert.InRange(reader.PeakRecordBytes, 1, 64 * 1024);

        // Past a file-wide floor far below the archive's expanded size, pages' ordinary compression is no bomb.
        var smallFloor = new WarcReader(maxExpandedBytes: 8L << 20);
        Assert.Equal(pages, smallFloor.Read(input).Count(r => r.Error is null));
    }

    [Fact]
    public void APlainWarcAndJsonLinesLargerThanTheCapAreStreamedThroughTheFormatReaders()
    {
        var gz = Path.Combine(_folder, "crawl.warc.gz");
        var pages = Muster.Tools.WarcGen.LargeWarc.Write(gz, compressedBytes: 9L << 20);
        var plain = Path.Combine(_folder, "crawl.warc");
        using (var source = new System.IO.Compression.GZipStream(File.OpenRead(gz), System.IO.Compression.CompressionMode.Decompress))
        using (var target = File.Create(plain))
            source.CopyTo(target);
        Assert.True(new FileInfo(plain).Length > PageReader.DefaultMaxBytes, "the plain archive is not past the cap");
        var readers = new FormatReaders();
        Assert.Equal(pages, readers.Read(new PageReader().Read([plain]).Single()).Count(r => r.Error is null));

        var jsonl = Path.Combine(_folder, "pages.jsonl");
        const int lines = 3000;
        var paragraph = string.Concat(Enumerable.Repeat("Enlistment offices sent summonses to reservists, relatives said. ", 120));
        using (var writer = new StreamWriter(jsonl))
            for (var i = 0; i < lines; i++)
                writer.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { url = $"https://news.example/{i}", text = $"Page {i}\n\n{paragraph}" }));
        Assert.True(new FileInfo(jsonl).Length > PageReader.DefaultMaxBytes, "the JSON Lines file is not past the cap");
        var input = new PageReader().Read([jsonl]).Single();
        Assert.Null(input.Bytes);
        var jsonLines = new JsonLinesReader();
        Assert.Equal(lines, jsonLines.Read(input).Count(r => r.Error is null));
        Assert.InRange(jsonLines.PeakLineBytes, 1, 16 * 1024);
    }
}
