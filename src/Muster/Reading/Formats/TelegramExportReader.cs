namespace Muster.Reading.Formats;

/// <summary>Reads the Telegram format. (Being written.)</summary>
public sealed class TelegramExportReader : IFormatReader
{
    /// <inheritdoc />
    public PageFormat Format => PageFormat.Telegram;

    /// <inheritdoc />
    public IEnumerable<SourceRecord> Read(PageInput input)
    {
        yield return SourceRecord.Failed(input.Source, Format, "this format is not read yet");
    }
}
