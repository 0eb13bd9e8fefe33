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
    /// <inheritdoc />
    public PageFormat Format => PageFormat.JsonLines;

    /// <inheritdoc />
    public IEnumerable<SourceRecord> Read(PageInput input)
    {
        if (input.Bytes is null)
        {
            yield return SourceRecord.Failed(input.Source, Format, input.Error ?? "cannot read");
            yield break;
        }
        ReadOnlyMemory<byte> bytes = input.Bytes;
        if (bytes.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        var number = 0;
        while (!bytes.IsEmpty)
        {
            number++;
            var newline = bytes.Span.IndexOf((byte)'\n');
            var line = newline < 0 ? bytes : bytes[..newline];
            bytes = newline < 0 ? ReadOnlyMemory<byte>.Empty : bytes[(newline + 1)..];
            if (line.Span.Trim(" \t\r"u8).IsEmpty)
                continue;
            yield return Line(input.Source, number, line.Span);
        }
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
            var html = String(root, "html");
            var text = html is null ? String(root, "text") : null;
            if (html is null && text is null)
                return SourceRecord.Failed(locator, Format, $"line {number} has neither an \"html\" nor a \"text\" string");
            var url = String(root, "url");
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
                Title = String(root, "title"),
                Author = String(root, "author"),
                Outlet = String(root, "outlet"),
                // A publication date that cannot be read is left out; the page is still read.
                Published = RecordDates.FromIso(String(root, "published")),
            };
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;
}
