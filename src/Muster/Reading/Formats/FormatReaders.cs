namespace Muster.Reading.Formats;

/// <summary>The reader for each format, and the sniffing that picks one.</summary>
public sealed class FormatReaders
{
    private readonly Dictionary<PageFormat, IFormatReader> _readers;

    /// <summary>The readers Muster ships with.</summary>
    public FormatReaders()
    {
        IFormatReader[] readers =
        [
            new PageFileReader(PageFormat.Text),
            new PageFileReader(PageFormat.Html),
            new FeedReader(),
            new TelegramExportReader(),
            new WarcReader(),
            new JsonLinesReader(),
        ];
        _readers = readers.ToDictionary(r => r.Format);
    }

    /// <summary>
    /// The records of <paramref name="input"/>: in <paramref name="format"/> when given, else in the format
    /// its bytes show.
    /// </summary>
    public IEnumerable<SourceRecord> Read(PageInput input, PageFormat? format = null)
    {
        if (!input.Success)
            return [SourceRecord.Failed(input.Source, format ?? PageFormat.Text, input.Error ?? "cannot read")];
        var chosen = format;
        if (chosen is null)
        {
            var (sniffed, error) = FormatSniffer.Sniff(input.Source, input.Bytes ?? input.Head(FormatSniffer.Window));
            if (error is not null)
                return [SourceRecord.Failed(input.Source, sniffed, error)];
            chosen = sniffed;
        }
        if (input.Bytes is null && !PageFormatNames.IsStreamed(chosen.Value))
            return [SourceRecord.Failed(input.Source, chosen.Value, $"is read as {chosen.Value.Name()}, which is not read as a stream; only WARC, JSON Lines and feeds are")];
        return _readers[chosen.Value].Read(input);
    }

    /// <summary>
    /// The records of <paramref name="input"/> as <see cref="Read"/> gives them, lazily, except that a reader that fails
    /// part-way (a truncated archive) ends the input with one failed record saying why; what it read before stands.
    /// </summary>
    public IEnumerable<SourceRecord> ReadAll(PageInput input, PageFormat? format = null)
    {
        IEnumerator<SourceRecord> records;
        try
        {
            records = Read(input, format).GetEnumerator();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            records = Failed(input, format, $"internal error ({e.GetType().Name}): {e.Message}");
        }
        using (records)
        {
            while (true)
            {
                SourceRecord record;
                string? failure = null;
                try
                {
                    if (!records.MoveNext())
                        break;
                    record = records.Current;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    record = SourceRecord.Failed(input.Source, format ?? PageFormat.Text, "");
                    failure = $"cannot read further: {e.Message}";
                }
                if (failure is not null)
                {
                    yield return record with { Error = failure };
                    break;
                }
                yield return record;
            }
        }
    }

    private static IEnumerator<SourceRecord> Failed(PageInput input, PageFormat? format, string error) =>
        ((IEnumerable<SourceRecord>)[SourceRecord.Failed(input.Source, format ?? PageFormat.Text, error)]).GetEnumerator();
}
