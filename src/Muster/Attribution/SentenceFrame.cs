namespace Muster.Attribution;

/// <summary>A party named as the one who says something: its name as written and where.</summary>
/// <param name="Name">The name, trimmed of articles, prepositions, appositives, media and time phrases.</param>
/// <param name="Span">Where the name stands in the page.</param>
public sealed record Party(string Name, TextSpan Span)
{
    /// <summary>True when the name is a pronoun ("he", "она", "його") that stands for a party named before.</summary>
    public bool Pronoun { get; init; }

    /// <summary>True when the frame names no party ("как отмечается", "йдеться в повідомленні"): the statement named before speaks.</summary>
    public bool Impersonal { get; init; }
}

/// <summary>
/// How a sentence attributes what it says: the party nearest the content (a subject with a reporting verb, or
/// one who denies), the parties that relay it outward ("…, the Center reported", "according to …"), and the
/// span that carries the content itself.
/// </summary>
/// <param name="Parties">Innermost first: the source, then each relay outward. A reporter that cites someone
/// ("…, the outlet reported, citing witnesses") comes before the one it cites: the reporter makes the claim.</param>
/// <param name="Content">The part of the sentence that is not attribution.</param>
/// <param name="Denial">True when the innermost party denies or dismisses the content.</param>
/// <param name="PointsBack">True when the sentence only attributes what came before it ("Об этом сообщил X.",
/// "Про це повідомив X.", "This was reported by X."): its parties are the source of the preceding sentences.</param>
public sealed record SentenceFrame(IReadOnlyList<Party> Parties, TextSpan Content, bool Denial, bool PointsBack = false)
{
    /// <summary>True when the frame stands around the content ("…, пишет X", "According to X, …"), not a subject's:
    /// the unattributed sentence right before it in its paragraph is the same party's.</summary>
    public bool Lends { get; init; }

    /// <summary>True when the sentence attributes its content to someone.</summary>
    public bool Attributed => Parties.Count > 0;
}
