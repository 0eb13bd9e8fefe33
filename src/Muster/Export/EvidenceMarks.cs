namespace Muster.Export;

/// <summary>A piece of a story paragraph: plain text, or the evidence of a claim.</summary>
/// <param name="Text">The text, exactly as in the page.</param>
/// <param name="Claim">The index in the story's claims whose evidence this is, or null for plain text.</param>
public readonly record struct MarkedText(string Text, int? Claim);

/// <summary>
/// Cuts a story's paragraphs into plain text and claim evidence, for every view that highlights evidence (the
/// CLI's <c>show</c>, the web page): each renders the pieces its own way and escapes them itself. Where two
/// claims' evidence overlaps, the one starting first keeps the overlap.
/// </summary>
public static class EvidenceMarks
{
    /// <summary>The paragraphs of <paramref name="story"/>, each as pieces in reading order.</summary>
    public static IReadOnlyList<IReadOnlyList<MarkedText>> Paragraphs(string pageText, Story story)
    {
        var claims = story.Claims.Select((c, i) => (Span: c.Span, Index: i)).OrderBy(c => c.Span.Start).ThenBy(c => c.Index).ToList();
        var paragraphs = new List<IReadOnlyList<MarkedText>>();
        foreach (var paragraph in story.Paragraphs)
        {
            var pieces = new List<MarkedText>();
            var position = paragraph.Start;
            foreach (var (span, index) in claims)
            {
                var start = Math.Max(span.Start, position);
                var end = Math.Min(span.End, paragraph.End);
                if (start >= end)
                    continue;
                if (start > position)
                    pieces.Add(new MarkedText(pageText[position..start], null));
                pieces.Add(new MarkedText(pageText[start..end], index));
                position = end;
            }
            if (paragraph.End > position)
                pieces.Add(new MarkedText(pageText[position..paragraph.End], null));
            paragraphs.Add(pieces);
        }
        return paragraphs;
    }
}
