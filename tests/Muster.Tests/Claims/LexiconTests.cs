using System.Text;
using System.Text.RegularExpressions;
using Muster.Claims;
using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Tests.Claims;

/// <summary>
/// The trigger lexicons, concept by concept: every concept of <c>lexicon.LANG.txt</c> has rows in
/// <c>Data/lexicon-cases.LANG.tsv</c> (a sentence, the type it must give, and why), and each row holds both for
/// the concept's own pattern and for the whole claim finder. Rows whose type starts with <c>!</c> must not give
/// that type: the limits of a concept.
/// </summary>
public class LexiconTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    public sealed record Case(string Language, string Concept, string Type, string Sentence, string Reason, int Line)
    {
        public override string ToString() => $"{Language}:{Line} {Concept} ({Reason})";
    }

    private static IEnumerable<Case> Cases() =>
        new[] { "en", "ru", "uk" }.SelectMany(language => DataRows.Read($"lexicon-cases.{language}.tsv", 4, "concept, type, sentence and reason")
            .Select(row => new Case(language, row.Cells[0], row.Cells[1], row.Cells[2], row.Cells[3], row.Line)));

    public static TheoryData<Case> Rows => new(Cases());

    private static LexiconConcept? Concept(Case row)
    {
        var slash = row.Concept.IndexOf('/');
        var (type, name) = slash < 0 ? ("", row.Concept) : (row.Concept[..slash], row.Concept[(slash + 1)..]);
        return ClaimTaxonomy.DefaultLexicon.FirstOrDefault(c => c.Language == row.Language && c.Type == type && c.Name == name);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void EachRowHoldsForItsConceptAndForTheClaimFinder(Case row)
    {
        var concept = Concept(row);
        Assert.True(concept is not null, $"{row}: no concept {row.Concept} in lexicon.{row.Language}.txt");
        var negative = row.Type.StartsWith('!');
        var type = row.Type.TrimStart('!');
        var pattern = new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{concept.Pattern})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        if (!negative && concept.Kind is "trigger" or "weak" or "context")
            Assert.True(pattern.IsMatch(row.Sentence), $"{row}: the concept's phrases do not match «{row.Sentence}»");

        var bytes = Encoding.UTF8.GetBytes(row.Sentence + "\n");
        var claims = Pipeline.Process(new PageInput($"row-{row.Language}-{row.Line}.txt", bytes, null)).Document!
            .Stories.SelectMany(s => s.Claims).ToList();
        var types = string.Join(", ", claims.Select(c => c.Type));
        if (negative)
            Assert.True(claims.All(c => c.Type != type), $"{row}: «{row.Sentence}» must not give {type} (gave {types})");
        else
            Assert.True(claims.Any(c => c.Type == type), $"{row}: «{row.Sentence}» must give {type} (gave {(types.Length == 0 ? "nothing" : types)})");
    }

    [Fact]
    public void EveryConceptHasAPositiveRow() =>
        DataRows.AssertEveryConceptHasARow(ClaimTaxonomy.DefaultLexicon, Cases().Where(r => !r.Type.StartsWith('!')).Select(r => (r.Language, r.Concept)), "lexicon");

    public static TheoryData<string, string, string> Faults => new()
    {
        { "a concept before any section", "serve = вруч* повестк*", "lexicon.ru.txt:1: a concept before any [type] header" },
        { "an unknown kind", "[summons]\nstrong serve = вруч*", "lexicon.ru.txt:2: unknown kind 'strong'" },
        { "exclude outside [*]", "[summons]\nexclude x = вруч*", "lexicon.ru.txt:2: 'exclude' belongs under [*]" },
        { "a concept twice", "[summons]\nserve = вруч*\nserve = выда*", "lexicon.ru.txt:3: concept 'serve' is defined twice" },
        { "a pattern character in a word", "[summons]\nserve = вруч(ить|ать)", "lexicon.ru.txt:2: 'вруч(ить' is not a word" },
        { "a leading gap", "[summons]\nserve = … повестк*", "lexicon.ru.txt:2: a phrase cannot begin with a gap" },
        { "no phrase", "[summons]\nserve = ;", "lexicon.ru.txt:2: concept 'serve' has no phrase" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void AFaultyLexiconNamesTheLine(string reason, string content, string message)
    {
        var e = Assert.Throws<FormatException>(() => TriggerLexicon.Parse(content, "lexicon.ru.txt", "ru"));
        Assert.True(e.Message.StartsWith(message, StringComparison.Ordinal), $"{reason}: {e.Message}");
    }

    [Fact]
    public void AConceptOfAnUnknownTypeIsRefused()
    {
        var lexicon = TriggerLexicon.Parse("[sumons]\nserve = вруч* повестк*", "lexicon.ru.txt", "ru");
        var e = Assert.Throws<FormatException>(() => ClaimTaxonomy.Parse("[*]\n[summons]\ndescription = x\ntrigger.en = summons", "taxonomy.txt", lexicon));
        Assert.StartsWith("lexicon.ru.txt:2: [sumons] is not a type", e.Message);
    }

    public static TheoryData<string, string, string, bool> Phrases => new()
    {
        { "a stem matches its inflected forms", "вруч* повестк*", "им вручили повестки", true },
        { "a whole word does not match a longer word", "draft", "the drafted men", false },
        { "a gap lets other words in between", "вруч* … повестк*", "вручали мужчинам повестки", true },
        { "a gap is bounded", "вруч* … повестк*", "вручали всем этим мужчинам утром повестки", false },
        { "a longer gap when asked for", "вруч* …5 повестк*", "вручали всем этим мужчинам утром повестки", true },
        { "alternatives at one position", "send*|sent to (the) front", "they were sent to front", true },
        { "an optional word may be present", "sent to (the) front", "sent to the front", true },
        { "Russian е matches ё", "заключен*", "заключённых", true },
        { "any Ukrainian apostrophe", "ув'язнен*", "увʼязнених", true },
        { "a number in digits", "# человек", "20–30 человек", true },
        { "a comma may close the word before a gap", "відмов* … піде під суд", "хто відмовиться, той піде під суд", true },
        { "no comma between two adjacent words", "вруч* повестк*", "вручили, повестки", false },
        { "a quoted word after a gap", "announc* … partial mobili*", "announced a “partial mobilization”", true },
        { "quotation marks between words", "так* называем* мобилизац*", "так называемая «мобилизация»", true },
        { "a sum of money within a gap", "paid … to cross", "they paid £4,800 to cross the border", true },
        { "a percentage within a gap", "заплатил* … за", "заплатили 70% за освобождение", true },
    };

    [Theory]
    [MemberData(nameof(Phrases))]
    public void PhrasesCompileToWhatTheyMean(string reason, string phrase, string text, bool matches)
    {
        var pattern = new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{TriggerLexicon.CompilePhrase(phrase)})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        Assert.True(matches == pattern.IsMatch(text), $"{reason}: «{phrase}» on «{text}»");
    }
}
