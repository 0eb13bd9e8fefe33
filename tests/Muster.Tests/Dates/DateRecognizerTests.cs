using Muster.Dates;

namespace Muster.Tests.Dates;

/// <summary>Dates as the pages write them, each row with its reason; the precision the text gives is kept.</summary>
public class DateRecognizerTests
{
    public static TheoryData<string, string, string?, string> Rows => new()
    {
        { "abbreviated month and day keep the year unknown", "the Center reported on Aug. 16.", null, "--08-16" },
        { "full month and day", "in a May 20 statement", null, "--05-20" },
        { "day before an abbreviated month", "the attack on 24 Feb., Petrenko said", null, "--02-24" },
        { "day before a month, British order", "a video distributed on 24 May showed", null, "--05-24" },
        { "month, day and year", "on Nov. 25, 2023 the deadline passed", null, "2023-11-25" },
        { "month and year", "early in the invasion in February 2022.", null, "2022-02" },
        { "end of a month", "40 recruits by the end of March 2024.", null, "2024-03" },
        { "ISO date", "updated 2024-03-12 at noon", null, "2024-03-12" },
        { "European dotted date", "от 12.03.2024 года", null, "2024-03-12" },
        { "a year after 'in'", "the elections in 2021 were", null, "2021" },
        { "Russian day and genitive month", "24 февраля 2022 года началось", null, "2022-02-24" },
        { "Ukrainian day and genitive month", "16 серпня повідомили", null, "--08-16" },
        { "last year relative to the publication date", "in last year's local vote", "2024-09-02", "2023" },
        { "yesterday relative to a full publication date", "the ministry said yesterday", "2024-03-12", "2024-03-11" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Finds(string reason, string text, string? reference, string expected)
    {
        var found = DateRecognizer.Find(text, PartialDate.Parse(reference));
        Assert.True(found.Count == 1, $"{reason}: found {found.Count}");
        Assert.Equal(expected, found[0].Date.ToString());
    }

    public static TheoryData<string, string, string?> NotDates => new()
    {
        { "a percentage range is not a date", "between 15 and 35 percent of them", null },
        { "'may' the verb is not a month", "they may 20 times refuse", null },
        { "a relative date without a publication date stays unresolved", "the ministry said yesterday", null },
        { "yesterday with only a month known stays unresolved", "the ministry said yesterday", "2024-03" },
        { "an impossible day", "on Feb. 31 nothing happened", null },
        { "a count is not a year", "some 2022 men were called", null },
    };

    [Theory]
    [MemberData(nameof(NotDates))]
    public void IgnoresWhatIsNotADate(string reason, string text, string? reference)
    {
        Assert.True(DateRecognizer.Find(text, PartialDate.Parse(reference)).Count == 0, reason);
    }

    [Fact]
    public void OffsetsAreShiftedIntoThePage()
    {
        var found = Assert.Single(DateRecognizer.Find("said on Aug. 16.", offset: 100));
        Assert.Equal(108, found.Start);
        Assert.Equal(115, found.End);
    }

    [Theory]
    [InlineData("2024-02-30", "February 30 does not exist")]
    [InlineData("1800", "too early for a news date")]
    [InlineData("2147483648", "a number past int's range is no year, and no overflow")]
    [InlineData("2024-99999999999", "a month past int's range")]
    public void ImpossibleDatesAreRefused(string text, string reason) => Assert.True(PartialDate.Parse(text) is null, reason);
}
