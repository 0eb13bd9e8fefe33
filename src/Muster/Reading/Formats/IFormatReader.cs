namespace Muster.Reading.Formats;

/// <summary>Turns one input's bytes into the records of its format.</summary>
public interface IFormatReader
{
    /// <summary>The format this reader reads.</summary>
    PageFormat Format { get; }

    /// <summary>
    /// The records of <paramref name="input"/>, lazily and in order. A record that cannot be read is yielded
    /// with its <see cref="SourceRecord.Error"/> and the rest go on; an input that cannot be read at all yields
    /// one failed record.
    /// </summary>
    IEnumerable<SourceRecord> Read(PageInput input);
}
