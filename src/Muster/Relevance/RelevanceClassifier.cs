namespace Muster.Relevance;

/// <summary>
/// Decides whether a story's subject is military mobilization, conscription or recruitment (see the taxonomy's
/// "Relevance"): a subject term in its headline, or at least two in its body. Author cards are never relevant.
/// Claims refine this: a story with a claim is relevant whatever its words.
/// </summary>
public sealed class RelevanceClassifier(TermLexicon subjectTerms)
{
    /// <summary>The classifier with Muster's subject terms.</summary>
    public static RelevanceClassifier Default { get; } =
        new(TermLexicon.Parse(EmbeddedData.Read("subject-terms.txt"), "subject-terms.txt"));

    /// <summary>True when the story is about mobilization.</summary>
    public bool IsRelevant(StoryRole role, string? title, string body)
    {
        if (role == StoryRole.Author)
            return false;
        if (title is not null && subjectTerms.Count(title) > 0)
            return true;
        return subjectTerms.Count(body) >= 2;
    }
}
