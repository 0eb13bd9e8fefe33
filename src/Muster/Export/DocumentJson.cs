using System.Text.Encodings.Web;
using System.Text.Json;
using Muster.Claims;
using Muster.Storage;

namespace Muster.Export;

/// <summary>
/// Writes documents, stories and claims as the JSON of <c>muster extract --json</c>. This shape is a contract
/// that tools outside Muster read: fields are added, never renamed or dropped.
/// </summary>
public static class DocumentJson
{
    /// <summary>Writer options: readable non-ASCII text, no indentation (one object per line).</summary>
    public static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>Serializes one document to a single line of JSON.</summary>
    public static string ToLine(PageDocument document)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, LineOptions))
            WriteDocument(writer, document);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One JSON object on one line, its members written by <paramref name="write"/>.</summary>
    public static string Object(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, LineOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes <paramref name="items"/> as an indented JSON array, each item by <paramref name="write"/>.</summary>
    public static string Array<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> write, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, LineOptions with { Indented = indented }))
        {
            writer.WriteStartArray();
            foreach (var item in items)
                write(writer, item);
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes one document object.</summary>
    public static void WriteDocument(Utf8JsonWriter writer, PageDocument document)
    {
        writer.WriteStartObject();
        writer.WriteString("source", document.Source);
        writer.WriteString("sha256", document.Sha256);
        writer.WriteString("outlet", document.Outlet);
        writer.WriteString("language", document.Language);
        writer.WriteString("encoding", document.Encoding);
        writer.WriteString("format", document.Format);
        writer.WriteString("url", document.Url);
        writer.WriteString("title", document.Title);
        writer.WriteString("byline", document.Byline);
        writer.WriteString("published", document.Published?.ToString());
        writer.WriteStartArray("via");
        foreach (var relay in document.Via)
            writer.WriteStringValue(relay);
        writer.WriteEndArray();
        writer.WriteStartArray("stories");
        foreach (var story in document.Stories)
            WriteStory(writer, story);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes one story object with its claims.</summary>
    public static void WriteStory(Utf8JsonWriter writer, Story story, Action<Utf8JsonWriter>? extra = null)
    {
        writer.WriteStartObject();
        writer.WriteString("id", story.Id);
        writer.WriteString("role", DomainNames.RoleName(story.Role));
        writer.WriteBoolean("relevant", story.Relevant);
        writer.WriteString("title", story.Title);
        writer.WriteString("text", story.Text);
        writer.WriteNumber("start", story.Start);
        writer.WriteNumber("end", story.End);
        writer.WriteString("published", story.Published?.ToString());
        extra?.Invoke(writer);
        writer.WriteStartArray("claims");
        foreach (var claim in story.Claims)
            WriteClaim(writer, claim);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes one claim object.</summary>
    public static void WriteClaim(Utf8JsonWriter writer, Claim claim, Action<Utf8JsonWriter>? extra = null)
    {
        writer.WriteStartObject();
        extra?.Invoke(writer);
        writer.WriteString("type", claim.Type);
        writer.WriteString("stance", DomainNames.StanceName(claim.Stance));
        writer.WriteString("evidence", claim.Evidence);
        writer.WriteNumber("start", claim.Span.Start);
        writer.WriteNumber("end", claim.Span.End);
        writer.WriteStartArray("places");
        foreach (var place in claim.Places)
        {
            writer.WriteStartObject();
            writer.WriteString("name", place.Name);
            writer.WriteString("code", place.Code);
            writer.WriteString("country", place.Country);
            WriteNumberOrNull(writer, "lat", place.Lat);
            WriteNumberOrNull(writer, "lon", place.Lon);
            writer.WriteString("kind", place.Kind);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (claim.Quantity is { } q)
        {
            writer.WriteStartObject("quantity");
            WriteNumberOrNull(writer, "min", q.Min);
            WriteNumberOrNull(writer, "max", q.Max);
            writer.WriteBoolean("approx", q.Approx);
            writer.WriteString("unit", q.Unit);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("quantity");
        }
        writer.WriteString("source", claim.Source);
        writer.WriteStartArray("via");
        foreach (var v in claim.Via)
            writer.WriteStringValue(v);
        writer.WriteEndArray();
        writer.WriteString("date", claim.Date?.ToString());
        writer.WriteNumber("confidence", Math.Round(claim.Confidence, 3));
        writer.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
            writer.WriteNumber(name, v);
        else
            writer.WriteNull(name);
    }
}
