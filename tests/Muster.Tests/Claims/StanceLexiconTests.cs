using System.Text;
using Muster.Claims;

namespace Muster.Tests.Claims;

/// <summary>
/// The stance lexicons (<c>stance.LANG.txt</c>), concept by concept: each row of <c>Data/stance-cases.tsv</c> is a
/// sentence, its trigger and the stance it must get, with why; every concept has a row.
/// </summary>
public class StanceLexiconTests
{
    public sealed record Case(string Language, string Concept, Stance Stance, string Sentence, string Trigger, string Reason, int Line)
    {
        public override string ToString() => $"{Language}:{Line} {Concept} ({Reason})";
    }

    private static IEnumerable<Case> Cases() =>
        DataRows.Read("stance-cases.tsv", 6, "language, concept, stance, sentence, trigger and reason")
            .Select(row => new Case(row.Cells[0], row.Cells[1], Enum.Parse<Stance>(row.Cells[2]), row.Cells[3], row.Cells[4], row.Cells[5], row.Line));

    public static TheoryData<Case> Rows => new(Cases());

    [Theory]
    [MemberData(nameof(Rows))]
    public void EachRowGetsItsStance(Case row)
    {
        var at = row.Sentence.IndexOf(row.Trigger, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{row}: the trigger is not in the sentence");
        var whole = new TextSpan(0, row.Sentence.Length);
        var stance = StanceDetector.Decide(row.Sentence, whole, whole, new TextSpan(at, at + row.Trigger.Length), frameDenies: false);
        Assert.True(row.Stance == stance, $"{row}: {stance}");
    }

    [Fact]
    public void EveryStanceConceptHasARow() =>
        DataRows.AssertEveryConceptHasARow(StanceDetector.Lexicon, Cases().Select(r => (r.Language, r.Concept)), "stance");
}
