namespace Muster.Reading.Formats;

/// <summary>Reads the JsonLines format. (Being written.)</summary>
public sealed class JsonLinesReader : IFormatReader
{
    /// <inheritdoc />
    public PageFormat Format => PageFormat.JsonLines;

    /// <inheritdoc />
    public IEnumerable<SourceRecord> Read(PageInput input)
    {
        yield return SourceRecord.Failed(input.Source, Format, "this format is not read yet");
    }
}
