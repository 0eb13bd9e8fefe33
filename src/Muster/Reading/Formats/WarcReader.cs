namespace Muster.Reading.Formats;

/// <summary>Reads the Warc format. (Being written.)</summary>
public sealed class WarcReader : IFormatReader
{
    /// <inheritdoc />
    public PageFormat Format => PageFormat.Warc;

    /// <inheritdoc />
    public IEnumerable<SourceRecord> Read(PageInput input)
    {
        yield return SourceRecord.Failed(input.Source, Format, "this format is not read yet");
    }
}
