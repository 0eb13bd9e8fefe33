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
        { "a question mark inside a quote ends the quoted question only with a capital after", "“Are you sure he will come home alive?” asked a poster.", ["“Are you sure he will come home alive?” asked a poster."] },
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
