using System.Text.Json;
using System.Text.Json.Nodes;
using Muster.Dates;
using Muster.Reading.Formats;

namespace Muster.Queue;

/// <summary>
/// What a job keeps of its record besides the bytes: everything its container said of it (format, kind, charset,
/// address, title, author, outlet, date, relays), as a JSON object, so that a worker on any machine analyses exactly
/// the record a one-process ingest would have analysed.
/// </summary>
internal static class QueuedRecord
{
    /// <summary>The record's description, without its bytes and source (kept in their own columns).</summary>
    public static string Describe(SourceRecord record) => new JsonObject
    {
        ["format"] = record.Format.Name(),
        ["kind"] = record.Kind == ContentKind.Html ? "html" : "text",
        ["charset"] = record.Charset,
        ["single_story"] = record.SingleStory,
        ["url"] = record.Url,
        ["title"] = record.Title,
        ["author"] = record.Author,
        ["outlet"] = record.Outlet,
        ["published"] = record.Published?.ToString(),
        ["via"] = new JsonArray([.. record.Via.Select(v => (JsonNode?)JsonValue.Create(v))]),
    }.ToJsonString();

    /// <summary>The record again, from its source, its description and its bytes.</summary>
    /// <exception cref="FormatException">The description is not one <see cref="Describe"/> wrote.</exception>
    public static SourceRecord Restore(string source, string description, byte[] content)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(description) as JsonObject ?? throw new FormatException("the job's record is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"the job's record is not JSON: {e.Message}", e);
        }
        var formatName = (string?)json["format"] ?? "";
        if (!PageFormatNames.TryParse(formatName, out var format))
            throw new FormatException($"the job's record names an unknown format '{formatName}'");
        return new SourceRecord
        {
            Source = source,
            Content = content,
            Format = format,
            Kind = (string?)json["kind"] == "html" ? ContentKind.Html : ContentKind.Text,
            Charset = (string?)json["charset"],
            SingleStory = (bool?)json["single_story"] ?? false,
            Url = (string?)json["url"],
            Title = (string?)json["title"],
            Author = (string?)json["author"],
            Outlet = (string?)json["outlet"],
            Published = PartialDate.Parse((string?)json["published"]),
            Via = json["via"] is JsonArray via ? via.Select(v => (string?)v ?? "").ToList() : [],
        };
    }
}
