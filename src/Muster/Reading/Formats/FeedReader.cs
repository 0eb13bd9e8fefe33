namespace Muster.Reading.Formats;

/// <summary>Reads the Feed format. (Being written.)</summary>
public sealed class FeedReader : IFormatReader
{
    /// <inheritdoc />
    public PageFormat Format => PageFormat.Feed;

    /// <inheritdoc />
    public IEnumerable<SourceRecord> Read(PageInput input)
    {
        yield return SourceRecord.Failed(input.Source, Format, "this format is not read yet");
    }
}
