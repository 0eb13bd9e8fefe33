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

    /// <summary>
    /// About how many bytes of memory the outcome holds: the page's text, its stories' bodies and titles and its claims'
    /// evidence, as UTF-16, and their paragraph spans. What an ingest's read-ahead counts against its budget.
    /// </summary>
    public long HeldBytes
    {
        get
        {
            long chars = Source.Length + (Error?.Length ?? 0) + (Warning?.Length ?? 0);
            long spans = 0;
            if (Document is { } document)
            {
                chars += document.Text.Length + document.Source.Length + (document.Title?.Length ?? 0);
                foreach (var story in document.Stories)
                {
                    chars += story.Text.Length + (story.Title?.Length ?? 0);
                    spans += story.Paragraphs.Count;
                    foreach (var claim in story.Claims)
                        chars += claim.Evidence.Length + (claim.Source?.Length ?? 0);
                }
            }
            return 2 * chars + 8 * spans;
        }
    }
}
