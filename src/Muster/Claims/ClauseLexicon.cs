namespace Muster.Claims;

/// <summary>
/// The clause words of each language (<c>Claims/Data/clauses.LANG.txt</c>): what splits a sentence into clauses,
/// the tails evidence stops before, demands, complaints, hypotheticals and connectors, written in the phrase syntax
/// of the trigger lexicons. Each section is one alternation over all languages.
/// </summary>
public static class ClauseLexicon
{
    /// <summary>The sections a clause file may have.</summary>
    public static readonly IReadOnlyList<string> Sections =
        ["clause_break", "dash_break", "purpose", "demand_object", "speech_act", "hypothetical", "modal", "contrast_opener", "background_opener", "additive", "anaphor", "connector", "clause_word"];

    private static readonly string[] Languages = ["en", "ru", "uk"];

    /// <summary>The concepts of the shipped clause files, validated at load.</summary>
    public static IReadOnlyList<LexiconConcept> Concepts { get; } = Load();

    private static List<LexiconConcept> Load()
    {
        var concepts = Languages.SelectMany(l => TriggerLexicon.Parse(EmbeddedData.Read($"clauses.{l}.txt"), $"clauses.{l}.txt", l)).ToList();
        if (concepts.FirstOrDefault(c => !Sections.Contains(c.Type)) is { } unknown)
            throw new FormatException($"clauses.{unknown.Language}.txt:{unknown.Line}: [{unknown.Type}] is not a clause section ({string.Join(", ", Sections)})");
        return concepts;
    }

    /// <summary>The alternation of a section's phrases in every language, for a larger pattern to embed.</summary>
    public static string Alternation(string section)
    {
        var patterns = Concepts.Where(c => c.Type == section).Select(c => c.Pattern).ToList();
        if (patterns.Count == 0)
            throw new FormatException($"the clause files have no [{section}] section");
        return string.Join("|", patterns);
    }
}
