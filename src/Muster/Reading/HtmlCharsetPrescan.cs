using System.Text;

namespace Muster.Reading;

/// <summary>
/// The HTML standard's prescan of a byte stream for its encoding ("prescan a byte stream to determine its
/// encoding"): it walks the bytes as markup, skipping comments, end tags, doctypes and processing instructions,
/// and reads the attributes of each <c>&lt;meta&gt;</c> for <c>charset</c>, or for <c>http-equiv="content-type"</c>
/// with a <c>content</c> that names a charset. Browsers look at the first 1,024 bytes; pages that put a
/// long script or style first declare later, so <see cref="WiderWindow"/> is the second look Muster takes
/// before guessing.
/// </summary>
public static class HtmlCharsetPrescan
{
    /// <summary>The window the standard prescans.</summary>
    public const int StandardWindow = 1024;

    /// <summary>The window of the second look, for pages that declare their charset late.</summary>
    public const int WiderWindow = 64 * 1024;

    /// <summary>
    /// The charset label the first <paramref name="window"/> bytes declare, as the standard resolves it
    /// (UTF-16 becomes UTF-8, since bytes that ASCII markup can be read from are not UTF-16), or null.
    /// </summary>
    public static string? Find(ReadOnlySpan<byte> bytes, int window = StandardWindow)
    {
        var input = bytes[..Math.Min(bytes.Length, window)];
        var position = 0;
        while (position < input.Length)
        {
            var rest = input[position..];
            if (rest.StartsWith("<!--"u8))
            {
                // The comment ends at the first "-->" whose dashes may be those of "<!--" itself ("<!-->").
                var end = IndexOf(input, "-->"u8, position + 2);
                if (end < 0)
                    return null;
                position = end + 3;
                continue;
            }
            if (StartsWithIgnoringCase(rest, "<meta"u8) && rest.Length > 5 && (IsSpace(rest[5]) || rest[5] == '/'))
            {
                position += 5;
                var (found, end) = Meta(input, position);
                if (found is not null)
                    return found;
                if (end < 0)
                    return null;
                position = end;
                continue;
            }
            if (rest.Length > 1 && rest[0] == '<' && (IsAsciiLetter(rest[1]) || rest[1] == '/' && rest.Length > 2 && IsAsciiLetter(rest[2])))
            {
                // Any other tag: skip its name, then its attributes, so a '>' or "<meta" inside a quoted value
                // is not taken for markup.
                position += rest[1] == '/' ? 2 : 1;
                while (position < input.Length && !IsSpace(input[position]) && input[position] != '>')
                    position++;
                while (true)
                {
                    var attribute = Attribute(input, ref position);
                    if (attribute.Status == AttributeStatus.OutOfInput)
                        return null;
                    if (attribute.Status == AttributeStatus.None)
                        break;
                }
                position++;
                continue;
            }
            if (rest.StartsWith("<!"u8) || rest.StartsWith("</"u8) || rest.StartsWith("<?"u8))
            {
                var close = IndexOf(input, ">"u8, position + 2);
                if (close < 0)
                    return null;
                position = close + 1;
                continue;
            }
            position++;
        }
        return null;
    }

    /// <summary>
    /// The charset a <c>content</c> attribute names ("extracting a character encoding from a meta element"):
    /// the value after the first <c>charset=</c>, quoted or up to a space or semicolon, or null.
    /// </summary>
    public static string? FromContent(string content)
    {
        var position = 0;
        while (true)
        {
            var found = content.IndexOf("charset", position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
                return null;
            position = found + 7;
            while (position < content.Length && IsSpace((byte)content[position]))
                position++;
            if (position >= content.Length || content[position] != '=')
                continue;
            position++;
            while (position < content.Length && IsSpace((byte)content[position]))
                position++;
            if (position >= content.Length)
                return null;
            var first = content[position];
            if (first is '"' or '\'')
            {
                var close = content.IndexOf(first, position + 1);
                return close < 0 ? null : content[(position + 1)..close];
            }
            var end = position;
            while (end < content.Length && !IsSpace((byte)content[end]) && content[end] != ';')
                end++;
            return content[position..end];
        }
    }

    /// <summary>Reads a meta tag's attributes from <paramref name="position"/>: the charset it declares, else where the tag ends (-1 past the input).</summary>
    private static (string? Charset, int End) Meta(ReadOnlySpan<byte> input, int position)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var gotPragma = false;
        bool? needPragma = null;
        string? charset = null;
        while (true)
        {
            var attribute = Attribute(input, ref position);
            if (attribute.Status == AttributeStatus.OutOfInput)
                return (null, -1);
            if (attribute.Status == AttributeStatus.None)
                break;
            if (!names.Add(attribute.Name))
                continue;
            switch (attribute.Name)
            {
                case "http-equiv" when attribute.Value == "content-type":
                    gotPragma = true;
                    break;
                case "content" when charset is null:
                    if (FromContent(attribute.Value) is { } fromContent && PageDecoder.TryGetEncoding(fromContent) is not null)
                    {
                        charset = fromContent;
                        needPragma = true;
                    }
                    break;
                case "charset" when charset is null:
                    charset = attribute.Value;
                    needPragma = false;
                    break;
            }
        }
        position++;
        if (needPragma is null || needPragma == true && !gotPragma || charset is null)
            return (null, position);
        var encoding = PageDecoder.TryGetEncoding(charset);
        if (encoding is null)
            return (null, position);
        // The standard: a page whose markup could be read byte by byte is not UTF-16, whatever it says; and
        // x-user-defined is windows-1252 for this purpose.
        if (encoding.CodePage is 1200 or 1201)
            return ("utf-8", position);
        return (charset.Trim(), position);
    }

    private enum AttributeStatus
    {
        Found,
        None,
        OutOfInput,
    }

    private readonly record struct MetaAttribute(AttributeStatus Status, string Name, string Value);

    /// <summary>The standard's "get an attribute": one name and value from <paramref name="position"/>, lower-cased.</summary>
    private static MetaAttribute Attribute(ReadOnlySpan<byte> input, ref int position)
    {
        while (position < input.Length && (IsSpace(input[position]) || input[position] == '/'))
            position++;
        if (position >= input.Length)
            return new(AttributeStatus.OutOfInput, "", "");
        if (input[position] == '>')
            return new(AttributeStatus.None, "", "");
        var name = new StringBuilder();
        var value = new StringBuilder();
        while (true)
        {
            if (position >= input.Length)
                return new(AttributeStatus.OutOfInput, "", "");
            var b = input[position];
            if (b == '=' && name.Length > 0)
            {
                position++;
                goto Value;
            }
            if (IsSpace(b))
                break;
            if (b is (byte)'/' or (byte)'>')
                return new(AttributeStatus.Found, name.ToString(), "");
            name.Append(Lower(b));
            position++;
        }
        while (position < input.Length && IsSpace(input[position]))
            position++;
        if (position >= input.Length)
            return new(AttributeStatus.OutOfInput, "", "");
        if (input[position] != '=')
            return new(AttributeStatus.Found, name.ToString(), "");
        position++;
    Value:
        while (position < input.Length && IsSpace(input[position]))
            position++;
        if (position >= input.Length)
            return new(AttributeStatus.OutOfInput, "", "");
        var first = input[position];
        if (first is (byte)'"' or (byte)'\'')
        {
            while (true)
            {
                position++;
                if (position >= input.Length)
                    return new(AttributeStatus.OutOfInput, "", "");
                if (input[position] == first)
                {
                    position++;
                    return new(AttributeStatus.Found, name.ToString(), value.ToString());
                }
                value.Append(Lower(input[position]));
            }
        }
        if (first == '>')
            return new(AttributeStatus.Found, name.ToString(), "");
        while (true)
        {
            value.Append(Lower(input[position]));
            position++;
            if (position >= input.Length)
                return new(AttributeStatus.OutOfInput, "", "");
            if (IsSpace(input[position]) || input[position] == '>')
                return new(AttributeStatus.Found, name.ToString(), value.ToString());
        }
    }

    private static int IndexOf(ReadOnlySpan<byte> input, ReadOnlySpan<byte> value, int from)
    {
        if (from >= input.Length)
            return -1;
        var found = input[from..].IndexOf(value);
        return found < 0 ? -1 : from + found;
    }

    private static bool StartsWithIgnoringCase(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> lowerPrefix)
    {
        if (bytes.Length < lowerPrefix.Length)
            return false;
        for (var i = 0; i < lowerPrefix.Length; i++)
            if (Lower(bytes[i]) != lowerPrefix[i])
                return false;
        return true;
    }

    private static char Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (char)(b + 32) : (char)b;

    private static bool IsSpace(byte b) => b is 0x09 or 0x0A or 0x0C or 0x0D or 0x20;

    private static bool IsAsciiLetter(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z';
}
