using Muster.Dedup;

namespace Muster.Tests.Events;

public class MinHasherTests
{
    private const string Text = "Russian-installed authorities in occupied Tokmak have handed out summonses to at least 150 men over the past week, " +
                                "the partisan movement reported. The summonses order the men to report to a temporary enlistment point in a former school.";

    [Fact]
    public void TheSameTextHasTheSameSignatureEveryRun()
    {
        var a = MinHasher.Sign(Text)!;
        var b = MinHasher.Sign(Text)!;
        Assert.Equal(a.MinHash, b.MinHash);
        Assert.Equal(a.TextHash, b.TextHash);
        Assert.Equal(1.0, a.Similarity(b));
        Assert.Equal(MinHasher.BandBuckets(a), MinHasher.BandBuckets(b));
    }

    [Fact]
    public void CaseAndPunctuationDoNotChangeTheExactHash()
    {
        Assert.Equal(MinHasher.Sign(Text)!.TextHash, MinHasher.Sign(Text.ToUpperInvariant().Replace(",", " ,"))!.TextHash);
    }

    [Fact]
    public void ALightlyEditedReprintIsSimilarAndAnotherStoryIsNot()
    {
        var reprint = Text.Replace("over the past week", "this past week").Replace("in a former school", "in an old school");
        var other = "The European Commission approved a new package of macro-financial assistance worth 1.5 billion euros, the ministry said on Monday, " +
                    "and the money will be used to pay pensions and the salaries of teachers and doctors across the country.";
        var signature = MinHasher.Sign(Text)!;
        Assert.True(signature.Similarity(MinHasher.Sign(reprint)!) >= 0.6, $"reprint {signature.Similarity(MinHasher.Sign(reprint)!):F2}");
        Assert.True(signature.Similarity(MinHasher.Sign(other)!) < 0.2);
        // A reprint shares at least one band bucket, so it is found without comparing against every story.
        Assert.True(MinHasher.BandBuckets(signature).Intersect(MinHasher.BandBuckets(MinHasher.Sign(reprint)!)).Any());
    }

    [Fact]
    public void ATooShortTextHasNoSignature() => Assert.Null(MinHasher.Sign("Three words only"));
}
