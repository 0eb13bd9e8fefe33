namespace Muster.Attribution;

/// <summary>A party named as the one who says something: its name as written and where.</summary>
/// <param name="Name">The name, trimmed of articles, appositives and time phrases.</param>
/// <param name="Span">Where the name stands in the page.</param>
public sealed record Party(string Name, TextSpan Span);

/// <summary>
/// How a sentence attributes what it says: the party nearest the content (a subject with a reporting verb, or
/// one who denies), the parties that relay it outward ("…, the Center reported", "according to …"), and the
/// span that carries the content itself.
/// </summary>
/// <param name="Parties">Innermost first: the source, then each relay outward.</param>
/// <param name="Content">The part of the sentence that is not attribution.</param>
/// <param name="Denial">True when the innermost party denies or dismisses the content.</param>
public sealed record SentenceFrame(IReadOnlyList<Party> Parties, TextSpan Content, bool Denial)
{
    /// <summary>True when the sentence attributes its content to someone.</summary>
    public bool Attributed => Parties.Count > 0;
}
