using System.Text;

namespace Muster.Storage;

/// <summary>A piece of a highlight: text, and whether it is a match of the search.</summary>
public sealed record HighlightPart(string Text, bool IsMatch);

/// <summary>A passage of a story found by a search, with its matches marked: a value, not markup.</summary>
public sealed record Highlight(IReadOnlyList<HighlightPart> Parts)
{
    /// <summary>The passage as plain text.</summary>
    public string Text => string.Concat(Parts.Select(p => p.Text));

    /// <summary>The passage with each match between <paramref name="open"/> and <paramref name="close"/>.</summary>
    public string Mark(string open, string close) =>
        Parts.Aggregate(new StringBuilder(), (b, p) => p.IsMatch ? b.Append(open).Append(p.Text).Append(close) : b.Append(p.Text)).ToString();

    /// <summary>The passage with each match's text passed through <paramref name="match"/> and the rest through <paramref name="text"/> (e.g. escaping).</summary>
    public string Render(Func<string, string> text, Func<string, string> match) =>
        string.Concat(Parts.Select(p => p.IsMatch ? match(p.Text) : text(p.Text)));

    /// <summary>
    /// Reads a passage a database marked with two characters of its own choosing (control characters that no stored
    /// text holds); a backend's business, so that its markers never reach a caller.
    /// </summary>
    internal static Highlight FromMarked(string marked, char open, char close)
    {
        var parts = new List<HighlightPart>();
        var text = new StringBuilder();
        var inMatch = false;
        void Flush()
        {
            if (text.Length > 0)
                parts.Add(new HighlightPart(text.ToString(), inMatch));
            text.Clear();
        }
        foreach (var c in marked)
        {
            if (c == open && !inMatch)
            {
                Flush();
                inMatch = true;
            }
            else if (c == close && inMatch)
            {
                Flush();
                inMatch = false;
            }
            else if (c != open && c != close)
            {
                text.Append(c);
            }
        }
        Flush();
        return new Highlight(parts);
    }
}
