using System.IO.Compression;
using System.Text;

namespace Muster.Tools.WarcGen;

/// <summary>
/// Writes a large web archive in the shape crawlers write it (WARC/1.1, one gzip member per record): for each page a
/// request record and an HTTP response with an HTML article, every page different (words drawn from a fixed seed), so
/// the archive compresses about as real pages do. Used by <c>tools/warc-gen</c> and by the tests, never committed.
/// </summary>
public static class LargeWarc
{
    private static readonly string[] Words =
    [
        "summons", "enlistment", "office", "reservists", "mobilization", "region", "men", "were", "sent", "to", "the",
        "front", "relatives", "said", "on", "Monday", "officials", "denied", "training", "camp", "near", "city", "contract",
        "sign", "police", "handed", "out", "at", "a", "checkpoint", "in", "Penza", "Kursk", "Tyumen", "Belgorod", "border",
        "students", "workers", "factory", "were", "told", "report", "within", "three", "days", "lawyer", "appeal", "court",
    ];

    /// <summary>
    /// Writes pages to <paramref name="path"/> until the compressed file reaches <paramref name="compressedBytes"/>;
    /// returns how many responses (pages) it holds.
    /// </summary>
    public static int Write(string path, long compressedBytes, int pageBytes = 16 * 1024, int seed = 1)
    {
        var random = new Random(seed);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var pages = 0;
        var text = new StringBuilder();
        while (file.Length < compressedBytes)
        {
            pages++;
            var uri = $"https://news.example/{pages / 1000}/{pages}.html";
            text.Clear().Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Page ").Append(pages)
                .Append("</title></head><body><article><h1>Summonses, page ").Append(pages).Append("</h1>");
            while (text.Length < pageBytes)
            {
                text.Append("<p>");
                for (var w = 0; w < 40; w++)
                    text.Append(Words[random.Next(Words.Length)]).Append(w % 12 == 11 ? ". " : " ");
                text.Append(random.Next(1000, 99999)).Append(".</p>");
            }
            text.Append("</article></body></html>");
            var body = Encoding.UTF8.GetBytes(text.ToString());
            var http = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\n\r\n");
            Member(file, Record("request", uri, "application/http; msgtype=request", Encoding.ASCII.GetBytes($"GET /{pages}.html HTTP/1.1\r\nHost: news.example\r\n\r\n"), pages));
            Member(file, Record("response", uri, "application/http; msgtype=response", [.. http, .. body], pages));
        }
        return pages;
    }

    private static byte[] Record(string type, string uri, string contentType, byte[] block, int number)
    {
        var head = $"WARC/1.1\r\nWARC-Type: {type}\r\nWARC-Date: 2024-05-16T03:12:45Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:x12}>\r\n" +
            $"WARC-Target-URI: {uri}\r\nContent-Type: {contentType}\r\nContent-Length: {block.Length}\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. block, .. "\r\n\r\n"u8];
    }

    private static void Member(Stream file, byte[] record)
    {
        using var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
        gzip.Write(record);
    }
}
