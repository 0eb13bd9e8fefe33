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

    [Fact]
    public void SignaturesStayComparableWithTheOnesAlreadyStored()
    {
        // Signatures are stored with each story, and a new story is compared with the stored ones: a change to the
        // words, the case folding, the shingles or the hashes would keep reprints apart from what is already stored.
        var signature = MinHasher.Sign("Повестки вручили 40 мужчинам в Ёлкино; the draft office's letter — «ЯВИТЬСЯ» 2024-03-01. " +
                                       "Ще 12 чоловіків отримали повістки ʼтакожʼ, 𝔘nicode ǅ İstanbul straße ΣΑΣ done.")!;
        Assert.Equal("cfc6ae1e0aa89079c417856653511fb5ff63f80271f5e67d50198656e7ea6d43", signature.TextHash);
        Assert.Equal([738363633274521348UL, 755904927463564999UL, 471925691401556190UL, 146122130091857519UL], signature.MinHash.Take(4));
        Assert.Equal(502125219591150542UL, signature.MinHash.Aggregate(0UL, (a, b) => a ^ b));
    }

    [Fact]
    public void AStoryOfMegabytesIsSignedWithoutACopyOfItsWords()
    {
        var words = new[] { "summonses", "were", "handed", "out", "at", "the", "market", "and", "in", "two", "villages" };
        var text = new System.Text.StringBuilder();
        for (var i = 0; text.Length < 4_000_000; i++)
            text.Append(words[i % words.Length]).Append(i % 7 == 0 ? ". " : " ").Append(i % 1000);
        var story = text.ToString();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.NotNull(MinHasher.Sign(story));
        // A list of the words and their joined copy took about eight times the text's size; what is left is the
        // signature and the hash.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024, $"{GC.GetAllocatedBytesForCurrentThread() - before:N0} bytes");
    }
}
