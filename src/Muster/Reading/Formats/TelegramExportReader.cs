using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Muster.Dates;

namespace Muster.Reading.Formats;

/// <summary>
/// Reads a Telegram Desktop channel export (<c>result.json</c>): each message with text becomes one
/// story-sized record with its date, its text (entity arrays flattened), the channel as the outlet, and the
/// channel it was forwarded from as a relay.
/// <para>
/// The export is read as a stream, message by message: a file cut off half-way still gives the messages before
/// the cut. Fields Muster does not know are ignored; a message whose text has the wrong shape is named in an
/// error and the others go on. Service messages (a pinned post, a changed title) and messages without text (a
/// photo alone) are skipped.
/// </para>
/// </summary>
public sealed partial class TelegramExportReader : IFormatReader
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{3,31}$")]
    private static partial Regex UsernamePattern();

    /// <inheritdoc />
    public PageFormat Format => PageFormat.Telegram;

    /// <inheritdoc />
    public IEnumerable<SourceRecord> Read(PageInput input)
    {
        if (input.Bytes is null)
        {
            yield return SourceRecord.Failed(input.Source, Format, input.Error ?? "cannot read");
            yield break;
        }
        var json = input.Bytes.AsMemory();
        if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            json = json[3..];
        var channel = Channel.Read(json.Span);
        var cursor = new MessageCursor(json);
        var index = 0;
        while (true)
        {
            JsonElement message;
            string? broken = null;
            try
            {
                if (!cursor.Next(out message))
                    break;
            }
            catch (JsonException e)
            {
                message = default;
                broken = InvalidJson(e, index);
            }
            if (broken is not null)
            {
                // The stream cannot be picked up after a syntax error: what was read stands, the rest is named.
                yield return SourceRecord.Failed(input.Source, Format, broken);
                yield break;
            }
            index++;
            if (Message(input.Source, channel, message, index) is { } record)
                yield return record;
        }
        if (!cursor.FoundMessages)
            yield return SourceRecord.Failed(input.Source, Format,
                "holds no top-level \"messages\" list, so it is not a Telegram channel export (export one chat, in JSON, from Telegram Desktop)");
    }

    /// <summary>
    /// The channel's own fields: its name (the outlet) and, when the export carries it, its public username; and how
    /// many invalid characters its name had replaced (every message carries the name, so each says so).
    /// </summary>
    private sealed record Channel(string? Name, string? Username, int Replaced = 0)
    {
        public static Channel Read(ReadOnlySpan<byte> json)
        {
            string? name = null, username = null;
            int replaced = 0, ignored = 0;
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    return new Channel(null, null);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var property = JsonText.Read(ref reader, ref ignored);
                    reader.Read();
                    if (property is "name" && reader.TokenType == JsonTokenType.String)
                        name = JsonText.Read(ref reader, ref replaced);
                    else if (property is "username" && reader.TokenType == JsonTokenType.String)
                        username = JsonText.Read(ref reader, ref ignored);
                    else
                        reader.Skip();
                }
            }
            catch (JsonException)
            {
                // A broken file: the message pass names the break; the fields seen before it still count.
            }
            username = username?.Trim().TrimStart('@');
            return new Channel(string.IsNullOrWhiteSpace(name) ? null : name.Trim(), username is not null && UsernamePattern().IsMatch(username) ? username : null,
                string.IsNullOrWhiteSpace(name) ? 0 : replaced);
        }
    }

    /// <summary>
    /// Walks the top-level <c>messages</c> array one element at a time. <see cref="Utf8JsonReader"/> cannot live
    /// across the iterator's <c>yield</c>, so each step resumes a new one from the saved state and offset.
    /// </summary>
    private sealed class MessageCursor(ReadOnlyMemory<byte> json)
    {
        private JsonReaderState _state = new(new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        private int _offset;
        private bool _inArray;
        private bool _done;

        public bool FoundMessages { get; private set; }

        public bool Next(out JsonElement message)
        {
            message = default;
            if (_done)
                return false;
            var reader = new Utf8JsonReader(json.Span[_offset..], isFinalBlock: true, _state);
            if (!_inArray && !FindMessages(ref reader))
            {
                _done = true;
                return false;
            }
            _inArray = true;
            if (!reader.Read())
                throw new JsonException("the file ends inside the \"messages\" list");
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                _done = true;
                return false;
            }
            message = JsonElement.ParseValue(ref reader);
            _offset += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            return true;
        }

        private bool FindMessages(ref Utf8JsonReader reader)
        {
            if (!reader.Read())
                throw new JsonException("the file holds no JSON");
            if (reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMessages = JsonText.ValueTextEquals(ref reader, "messages");
                if (!reader.Read())
                    break;
                if (isMessages && reader.TokenType == JsonTokenType.StartArray)
                {
                    FoundMessages = true;
                    return true;
                }
                reader.Skip();
            }
            return false;
        }
    }

    private SourceRecord? Message(string path, Channel channel, JsonElement message, int index)
    {
        if (message.ValueKind != JsonValueKind.Object)
            return SourceRecord.Failed($"{path}#message-at-{index}", Format, $"message {index} of the list is {Article(message.ValueKind)}, not an object");
        long? id = JsonText.TryGetProperty(message, "id", out var idValue) && idValue.ValueKind == JsonValueKind.Number && idValue.TryGetInt64(out var number) ? number : null;
        var locator = id is null ? $"{path}#message-at-{index}" : $"{path}#message-{id}";
        var replaced = channel.Replaced;
        var type = String(message, "type", ref replaced);
        // Service messages (a pin, a new photo, a title change) say nothing; kinds Telegram adds later are skipped too.
        if (type is not (null or "message"))
            return null;
        if (id is null)
            return SourceRecord.Failed(locator, Format, $"message {index} of the list has no numeric \"id\"");
        var (text, error) = JsonText.TryGetProperty(message, "text", out var textValue) ? Flatten(textValue, ref replaced)
            : JsonText.TryGetProperty(message, "text_entities", out var entities) ? Flatten(entities, ref replaced)
            : ("", null);
        if (error is not null)
            return SourceRecord.Failed(locator, Format, $"message {id}: {error}");
        if (string.IsNullOrWhiteSpace(text))
            return null; // a photo, a sticker or a poll alone: nothing to read
        var url = channel.Username is null ? null : $"https://t.me/{channel.Username}/{id}";
        var from = String(message, "from", ref replaced);
        var forwardedFrom = String(message, "forwarded_from", ref replaced);
        var author = String(message, "author", ref replaced) ?? (from is not null && from != channel.Name ? from : null);
        var published = RecordDates.FromIso(String(message, "date", ref replaced)) ?? UnixDate(message);
        return new SourceRecord
        {
            Source = url ?? locator,
            Content = Encoding.UTF8.GetBytes(text),
            Kind = ContentKind.Text,
            Charset = "utf-8",
            SingleStory = true,
            Format = Format,
            Url = url,
            // A post signed by its author carries "author"; "from" is the sender, which in a channel is the
            // channel itself — the outlet, not an author.
            Author = author,
            Outlet = channel.Name,
            Published = published,
            Via = forwardedFrom is null ? [] : [forwardedFrom],
            Warning = JsonText.Warning(replaced),
        };
    }

    /// <summary>
    /// A message's text: a string, or an array of strings and entities (<c>{type, text, href?}</c>) whose texts
    /// are joined in order — a link keeps its visible text.
    /// </summary>
    internal static (string Text, string? Error) Flatten(JsonElement text, ref int replaced)
    {
        switch (text.ValueKind)
        {
            case JsonValueKind.String:
                return (JsonText.Read(text, ref replaced), null);
            case JsonValueKind.Null:
                return ("", null);
            case JsonValueKind.Array:
                var builder = new StringBuilder();
                var part = 0;
                foreach (var item in text.EnumerateArray())
                {
                    part++;
                    if (item.ValueKind == JsonValueKind.String)
                        builder.Append(JsonText.Read(item, ref replaced));
                    else if (item.ValueKind == JsonValueKind.Object && JsonText.TryGetProperty(item, "text", out var inner) && inner.ValueKind == JsonValueKind.String)
                        builder.Append(JsonText.Read(inner, ref replaced));
                    else
                        return ("", $"part {part} of its \"text\" is {Article(item.ValueKind)}, not a string or an entity with a \"text\" string");
                }
                return (builder.ToString(), null);
            default:
                return ("", $"its \"text\" is {Article(text.ValueKind)}, not a string or an array of entities");
        }
    }

    private static string? String(JsonElement element, string name, ref int replaced)
    {
        if (!JsonText.TryGetProperty(element, name, out var value) || value.ValueKind != JsonValueKind.String)
            return null;
        var text = JsonText.Read(value, ref replaced);
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static PartialDate? UnixDate(JsonElement message)
    {
        if (!JsonText.TryGetProperty(message, "date_unixtime", out var value))
            return null;
        var ignored = 0;
        if (value.ValueKind == JsonValueKind.String && long.TryParse(JsonText.Read(value, ref ignored), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            return RecordDates.FromUnixSeconds(parsed);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) ? RecordDates.FromUnixSeconds(seconds) : null;
    }

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string InvalidJson(JsonException e, int read)
    {
        var where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
        var after = read == 0 ? "" : $" after message {read} of the list";
        // Utf8JsonReader's message repeats the position at its end; it is said once, up front.
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
            reason = reason[..cut];
        return $"invalid JSON{where}{after}: {reason.ReplaceLineEndings(" ").Trim()}";
    }
}
