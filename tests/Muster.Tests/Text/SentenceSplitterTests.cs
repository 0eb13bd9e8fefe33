using Muster.Text;

namespace Muster.Tests.Text;

public class SentenceSplitterTests
{
    public static TheoryData<string, string, string[]> Rows => new()
    {
        { "a month abbreviation does not end a sentence", "The Center reported on Aug. 16 that men were called up. Others fled.", ["The Center reported on Aug. 16 that men were called up.", "Others fled."] },
        { "U.K. and U.S. do not end sentences", "The U.K. Defense Ministry said so. The U.S. agreed.", ["The U.K. Defense Ministry said so.", "The U.S. agreed."] },
        { "St. Petersburg is one place", "Candidates in St. Petersburg were barred. Yabloko protested.", ["Candidates in St. Petersburg were barred.", "Yabloko protested."] },
        { "military ranks", "Lt. Col. Jeff Roe confirmed it. He left.", ["Lt. Col. Jeff Roe confirmed it.", "He left."] },
        { "an initial is not an end", "J. Smith wrote it. Then he left.", ["J. Smith wrote it.", "Then he left."] },
        { "decimals", "Some 1.5 million men were registered. That is a lot.", ["Some 1.5 million men were registered.", "That is a lot."] },
        { "closing quotes stay with their sentence", "“We refuse to go,” he said. “Never.” They left.", ["“We refuse to go,” he said.", "“Never.”", "They left."] },
        { "a period inside parentheses", "Officials (incl. the mayor) left. Others stayed.", ["Officials (incl. the mayor) left.", "Others stayed."] },
        { "a question mark inside a quote ends the quoted question only with a capital after", "“Will he ever come back home alive?” asked a poster.", ["“Will he ever come back home alive?” asked a poster."] },
        { "Russian abbreviations", "В 2022 г. началась мобилизация. Мужчины уехали.", ["В 2022 г. началась мобилизация.", "Мужчины уехали."] },
        { "sentences a scrape glued after a quote", "Число погибших \"может быть больше\".С февраля действует закон.", ["Число погибших \"может быть больше\".", "С февраля действует закон."] },
        { "sentences glued after a lower-case word", "Повестки вручили ночью.Утром мужчин увезли.", ["Повестки вручили ночью.", "Утром мужчин увезли."] },
        { "a glued abbreviation is no end", "The U.S.Army and e.g.The Guardian said so.", ["The U.S.Army and e.g.The Guardian said so."] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Splits(string reason, string text, string[] expected)
    {
        var sentences = SentenceSplitter.Split(text, 0, text.Length).Select(s => text[s.Start..s.End]).ToArray();
        Assert.True(expected.SequenceEqual(sentences), $"{reason}: [{string.Join(" | ", sentences)}]");
    }
}

/// <summary>A sentence longer than any real one is cut into bounded pieces, so that later stages stay linear.</summary>
public class BoundedSentenceTests
{
    [Fact]
    public void ARunOnSentenceIsCutAtCommasIntoPiecesNoLongerThanTheLimit()
    {
        var text = string.Concat(Enumerable.Repeat("X said Y said that police handed out summonses, ", 400)) + "and so on.";
        var pieces = SentenceSplitter.Split(text, 0, text.Length);
        Assert.True(pieces.Count > 1);
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, SentenceSplitter.MaxSentence));
        // Every piece but the last ends at a comma, and together they cover the text but for the spaces between.
        Assert.All(pieces.SkipLast(1), p => Assert.Equal(',', text[p.End - 1]));
        Assert.Equal(text.Replace(" ", ""), string.Concat(pieces.Select(p => text[p.Start..p.End])).Replace(" ", ""));
    }

    [Fact]
    public void RealSentencesAreNotCut()
    {
        var text = "Officials sent summonses to men in Penza, the governor said. Others fled.";
        Assert.Equal(2, SentenceSplitter.Split(text, 0, text.Length).Count);
    }
}
