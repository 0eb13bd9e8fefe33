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

    /// <summary>The default largest message (and largest channel field before the list): as large as the largest page read, 20 MB.</summary>
    public const int DefaultMaxMessageBytes = (int)PageReader.DefaultMaxBytes;

    private readonly int _maxMessageBytes;

    /// <param name="maxMessageBytes">The largest message held; a larger one ends the export with its reason.</param>
    public TelegramExportReader(int maxMessageBytes = DefaultMaxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageBytes);
        _maxMessageBytes = maxMessageBytes;
    }

    /// <inheritdoc />
    public PageFormat Format => PageFormat.Telegram;

    /// <summary>The most bytes this reader has held at once: one message (and the window around it), not the export.</summary>
    public long PeakBufferBytes { get; private set; }

    /// <inheritdoc />
    public IEnumerable<SourceRecord> Read(PageInput input)
    {
        if (!input.Success)
        {
            yield return SourceRecord.Failed(input.Source, Format, input.Error ?? "cannot read");
            yield break;
        }
        using var cursor = new MessageCursor(input.OpenStream(), _maxMessageBytes);
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
            finally
            {
                PeakBufferBytes = Math.Max(PeakBufferBytes, cursor.BufferBytes);
            }
            if (broken is not null)
            {
                // The stream cannot be picked up after a syntax error: what was read stands, the rest is named.
                yield return SourceRecord.Failed(input.Source, Format, broken);
                yield break;
            }
            index++;
            if (Message(input.Source, cursor.Channel, message, index) is { } record)
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
        public static Channel Of(string? name, string? username, int replaced)
        {
            username = username?.Trim().TrimStart('@');
            return new Channel(string.IsNullOrWhiteSpace(name) ? null : name.Trim(), username is not null && UsernamePattern().IsMatch(username) ? username : null,
                string.IsNullOrWhiteSpace(name) ? 0 : replaced);
        }
    }

    /// <summary>
    /// Walks an export from a stream: the channel's fields, then the top-level <c>messages</c> array one element at
    /// a time, holding one message (in a window that grows only as far as the largest message) and never the file.
    /// Telegram Desktop writes the channel's fields before its messages; fields after the list are not read.
    /// <para>
    /// Each step is one unit — a top-level field, a message — read by a new <see cref="Utf8JsonReader"/> resumed from
    /// the saved state (a reader cannot live across the iterator's <c>yield</c>); a unit cut by the window's end
    /// is read again from its start once more bytes are in.
    /// </para>
    /// </summary>
    private sealed class MessageCursor(Stream stream, int maxMessageBytes) : IDisposable
    {
        private enum Phase { Start, Fields, Messages, Done }

        private static readonly JsonReaderOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
        private JsonReaderState _state = new(Options);
        private byte[] _buffer = new byte[Math.Min(64 * 1024, maxMessageBytes)];
        private int _start;
        private int _end;
        private bool _eof;
        private bool _first = true;
        private Phase _phase = Phase.Start;
        private string? _name;
        private int _nameReplaced;
        private string? _username;

        public bool FoundMessages { get; private set; }

        public Channel Channel { get; private set; } = new(null, null);

        public long BufferBytes => _buffer.Length;

        public bool Next(out JsonElement message)
        {
            message = default;
            while (_phase != Phase.Done)
            {
                var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
                if (Step(ref reader, out message) is { } stepped)
                {
                    _start += (int)reader.BytesConsumed;
                    _state = reader.CurrentState;
                    if (stepped)
                        return true;
                }
                else if (!Fill())
                    throw new JsonException(_eof ? "the file ends inside the export" : $"a message or field is over the limit of {maxMessageBytes:N0} bytes");
            }
            return false;
        }

        // One unit: true when it gave a message, false when it moved on without one, null when the window ends inside it.
        private bool? Step(ref Utf8JsonReader reader, out JsonElement message)
        {
            message = default;
            switch (_phase)
            {
                case Phase.Start:
                    if (!reader.Read())
                        return _eof ? throw new JsonException("the file holds no JSON") : null;
                    _phase = reader.TokenType == JsonTokenType.StartObject ? Phase.Fields : Phase.Done;
                    return false;
                case Phase.Fields:
                    if (!reader.Read())
                        return null;
                    if (reader.TokenType != JsonTokenType.PropertyName)
                    {
                        _phase = Phase.Done;
                        return false;
                    }
                    var ignored = 0;
                    var property = JsonText.Read(ref reader, ref ignored);
                    if (!reader.Read())
                        return null;
                    if (property == "messages" && reader.TokenType == JsonTokenType.StartArray)
                    {
                        FoundMessages = true;
                        Channel = Channel.Of(_name, _username, _nameReplaced);
                        _phase = Phase.Messages;
                        return false;
                    }
                    if (property is "name" or "username" && reader.TokenType == JsonTokenType.String)
                    {
                        // Counted afresh: a field cut by the window's end is read again from its start.
                        var replaced = 0;
                        if (property == "name")
                            (_name, _nameReplaced) = (JsonText.Read(ref reader, ref replaced), replaced);
                        else
                            _username = JsonText.Read(ref reader, ref ignored);
                        return false;
                    }
                    return reader.TrySkip() ? false : null;
                case Phase.Messages:
                    if (!reader.Read())
                        return _eof ? throw new JsonException("the file ends inside the \"messages\" list") : null;
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        _phase = Phase.Done;
                        return false;
                    }
                    if (!JsonElement.TryParseValue(ref reader, out var parsed))
                        return null;
                    message = parsed!.Value;
                    return true;
                default:
                    return false;
            }
        }

        // More bytes into the window: what is unread moves to the front, the window doubles when it is full of one
        // unit (up to the limit). False when nothing more can come in.
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
            {
                if (_buffer.Length >= maxMessageBytes)
                    return false;
                Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, maxMessageBytes));
            }
            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
                _eof = true;
            _end += read;
            if (_first && _end >= 3 && _buffer.AsSpan(0, 3).SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                _start = 3;
            if (_end >= 3 || _eof)
                _first = false;
            return true;
        }

        public void Dispose() => stream.Dispose();
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
