using System.Text;
using System.Text.RegularExpressions;
using Muster.Claims;
using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Tests.Claims;

/// <summary>The clause words (<c>clauses.LANG.txt</c>): each concept has a row, and the claim finder uses them.</summary>
public class ClauseLexiconTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    public sealed record Case(string Language, string Concept, string Text, string Reason, int Line)
    {
        public override string ToString() => $"{Language}:{Line} {Concept} ({Reason})";
    }

    private static IEnumerable<Case> Cases() =>
        DataRows.Read("clause-cases.tsv", 4, "language, concept, text and reason")
            .Select(row => new Case(row.Cells[0], row.Cells[1], row.Cells[2], row.Cells[3], row.Line));

    public static TheoryData<Case> Rows => new(Cases());

    [Theory]
    [MemberData(nameof(Rows))]
    public void EachRowMatchesItsConcept(Case row)
    {
        var concept = ClauseLexicon.Concepts.FirstOrDefault(c => c.Language == row.Language && $"{c.Type}/{c.Name}" == row.Concept);
        Assert.True(concept is not null, $"{row}: no such concept");
        Assert.Matches(new Regex($"^(?:{concept.Pattern})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), row.Text);
    }

    [Fact]
    public void EveryClauseConceptHasARow() =>
        DataRows.AssertEveryConceptHasARow(ClauseLexicon.Concepts, Cases().Select(r => (r.Language, r.Concept)), "clauses");

    public static TheoryData<string, string, string> Splits => new()
    {
        { "en: a hedge in the other clause does not reach this one", "Officials reportedly ignored deferments, but summonses were served to 200 men in Penza.", "summons" },
        { "ru: «но» splits the clauses", "Власти якобы не планируют облав, но повестки вручили 200 мужчинам в Пензе.", "summons" },
        { "uk: «але» splits the clauses", "Влада нібито не планує облав, але повістки вручили 200 чоловікам у Львові.", "summons" },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void AContrastSplitsTheSentenceIntoClauses(string reason, string sentence, string type)
    {
        var claim = Pipeline.Process(new PageInput("row.txt", Encoding.UTF8.GetBytes(sentence + "\n"), null)).Document!
            .Stories.SelectMany(s => s.Claims).First(c => c.Type == type);
        Assert.True(claim.Stance == Stance.Asserted, $"{reason}: {claim.Stance} «{claim.Evidence}»");
        Assert.True(claim.Quantity?.Min == 200, $"{reason}: {claim.Quantity}");
    }
}
