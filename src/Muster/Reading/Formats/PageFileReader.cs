namespace Muster.Reading.Formats;

/// <summary>Reads an input that is one page (text or HTML) as one record.</summary>
public sealed class PageFileReader(PageFormat format) : IFormatReader
{
    /// <inheritdoc />
    public PageFormat Format { get; } = format is PageFormat.Text or PageFormat.Html
        ? format
        : throw new ArgumentOutOfRangeException(nameof(format), "a page file is text or HTML");

    /// <inheritdoc />
    public IEnumerable<SourceRecord> Read(PageInput input)
    {
        if (input.Bytes is null)
        {
            yield return SourceRecord.Failed(input.Source, Format, input.Error ?? "cannot read");
            yield break;
        }
        yield return new SourceRecord
        {
            Source = input.Source,
            Content = input.Bytes,
            Kind = Format == PageFormat.Html ? ContentKind.Html : ContentKind.Text,
            Format = Format,
            Url = input.Url,
        };
    }
}
