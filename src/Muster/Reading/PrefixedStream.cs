namespace Muster.Reading;

/// <summary>
/// A read-only stream of some bytes already read, then the rest of the stream they came from: standard input,
/// whose first bytes were read to sniff its format, read from its start. (The framework has no concatenating
/// stream; this one does only that.)
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, Stream rest) : ReadOnlyStream(rest)
{
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        if (_position < prefix.Length)
        {
            var n = Math.Min(buffer.Length, prefix.Length - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
        return Inner.Read(buffer);
    }
}
