using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Muster.Reading.Formats;

/// <summary>
/// The strings of a JSON container (JSON Lines, a Telegram export, a page's JSON-LD) read even where they are not
/// valid text.
/// System.Text.Json parses a string holding bytes that are not UTF-8, or an escaped surrogate without its pair
/// (<c>"\ud800"</c>), and throws only when it is read; such a string is read here with each bad sequence replaced
/// by U+FFFD, as a page's stray bytes are, and the replacements counted so that the record can say so.
/// </summary>
internal static class JsonText
{
    /// <summary>The text of a string <paramref name="value"/>; <paramref name="replaced"/> grows by the sequences replaced.</summary>
    public static string Read(JsonElement value, ref int replaced)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = JsonMarshal.GetRawUtf8Value(value);
            return Unescape(raw[1..^1], ref replaced);
        }
    }

    /// <summary>The text of the string or property name <paramref name="reader"/> is on; <paramref name="replaced"/> grows by the sequences replaced.</summary>
    public static string Read(ref Utf8JsonReader reader, ref int replaced)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Unescape(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan, ref replaced);
        }
    }

    /// <summary>
    /// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>, which throws when the object has a property
    /// whose escaped name is not valid text (<c>"me\ud83dssages"</c>): such a name is read with replacement, so it
    /// matches no name asked for, and the others are still found. As there, the last of duplicate names wins.
    /// </summary>
    public static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        try
        {
            return element.TryGetProperty(name, out value);
        }
        catch (InvalidOperationException)
        {
            value = default;
            var found = false;
            var ignored = 0;
            foreach (var property in element.EnumerateObject())
            {
                if (Unescape(JsonMarshal.GetRawUtf8PropertyName(property), ref ignored) != name)
                    continue;
                value = property.Value;
                found = true;
            }
            return found;
        }
    }

    /// <summary>
    /// <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/>, which throws on a property name or string
    /// whose escapes are not valid text; such a one is read with replacement and compared.
    /// </summary>
    public static bool ValueTextEquals(ref Utf8JsonReader reader, string text)
    {
        try
        {
            return reader.ValueTextEquals(text);
        }
        catch (InvalidOperationException)
        {
            var ignored = 0;
            return Read(ref reader, ref ignored) == text;
        }
    }

    /// <summary>A one-line warning for a record whose strings had <paramref name="replaced"/> sequences replaced, or null for none.</summary>
    public static string? Warning(int replaced) => replaced == 0
        ? null
        : $"{replaced} invalid character{(replaced == 1 ? "" : "s")} in its JSON strings (bytes that are not UTF-8, or a surrogate escape without its pair) replaced with U+FFFD";

    /// <summary>
    /// Unescapes the raw bytes between a JSON string's quotes, which the parser has already checked are well
    /// formed: runs of bytes are decoded as UTF-8 with replacement, escapes are read, and a surrogate left
    /// unpaired becomes U+FFFD.
    /// </summary>
    private static string Unescape(ReadOnlySpan<byte> raw, ref int replaced)
    {
        var text = new StringBuilder(raw.Length);
        while (true)
        {
            var escape = raw.IndexOf((byte)'\\');
            var run = escape < 0 ? raw : raw[..escape];
            replaced += PageDecoder.InvalidUtf8Sequences(run);
            text.Append(Encoding.UTF8.GetString(run));
            if (escape < 0 || escape + 1 >= raw.Length)
                break;
            var kind = (char)raw[escape + 1];
            if (kind == 'u' && escape + 6 <= raw.Length
                && int.TryParse(Encoding.ASCII.GetString(raw.Slice(escape + 2, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
            {
                text.Append((char)unit);
                raw = raw[(escape + 6)..];
                continue;
            }
            text.Append(kind switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\b',
                'f' => '\f',
                _ => kind, // \" \\ \/
            });
            raw = raw[(escape + 2)..];
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
                continue;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            text[i] = '\uFFFD';
            replaced++;
        }
        return text.ToString();
    }
}
