namespace Muster.Pipeline;

/// <summary>The result of running the pipeline on one input: a document, or the one-line reason it failed.</summary>
/// <param name="Source">The input's source as given.</param>
/// <param name="Document">The document, when the page was read.</param>
/// <param name="Error">Why it was not.</param>
public sealed record PageOutcome(string Source, PageDocument? Document, string? Error)
{
    /// <summary>True when a document was produced.</summary>
    public bool Success => Document is not null;

    /// <summary>
    /// A one-line warning about a document that was produced (invalid UTF-8 bytes replaced), or null; the
    /// document stands, and the warning is the reader's to see.
    /// </summary>
    public string? Warning { get; init; }
}
