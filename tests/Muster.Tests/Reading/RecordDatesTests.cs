using Muster.Reading.Formats;

namespace Muster.Tests.Reading;

/// <summary>Publication dates as containers write them, each row with its reason: the day as the source wrote it.</summary>
public class RecordDatesTests
{
    public static TheoryData<string, string, string?> FeedDates => new()
    {
        { "RSS pubDate with a day name and an offset", "Tue, 05 Mar 2024 09:30:00 +0300", "2024-03-05" },
        { "RSS pubDate without a day name, with a zone name", "7 Mar 2024 18:05 GMT", "2024-03-07" },
        { "a late hour west of Greenwich keeps the source's own day", "Sun, 31 Mar 2024 23:30:00 -0500", "2024-03-31" },
        { "RFC 822's two-digit year", "Fri, 01 Mar 24 10:00:00 +0000", "2024-03-01" },
        { "a full month name, as some feeds write", "5 March 2024", "2024-03-05" },
        { "ISO in a pubDate, as some feeds write", "2024-03-05T09:30:00Z", "2024-03-05" },
        { "an impossible day is no date", "Sat, 31 Apr 2024 10:00:00 +0000", null },
        { "words are no date", "yesterday", null },
    };

    [Theory]
    [MemberData(nameof(FeedDates))]
    public void FeedDatesKeepTheDayTheSourceWrote(string reason, string text, string? expected) =>
        Assert.True(RecordDates.FromFeed(text)?.ToString() == expected, $"{reason}: got {RecordDates.FromFeed(text)}");

    public static TheoryData<string, string, string?> IsoDates => new()
    {
        { "a date-time with an offset gives its day", "2024-04-02T08:15:00+03:00", "2024-04-02" },
        { "a Telegram export's local time", "2024-03-01T10:00:00", "2024-03-01" },
        { "a date-time in UTC", "2024-04-04T16:40:00Z", "2024-04-04" },
        { "a date alone", "2024-05-22", "2024-05-22" },
        { "a space instead of T", "2024-05-22 07:30:00", "2024-05-22" },
        { "W3C's month precision stays a month", "2024-05", "2024-05" },
        { "W3C's year precision stays a year", "2024", "2024" },
        { "a month that does not exist", "2024-13-01", null },
        { "not ISO", "22/05/2024", null },
        { "empty", "", null },
    };

    [Theory]
    [MemberData(nameof(IsoDates))]
    public void IsoDatesKeepOnlyThePrecisionGiven(string reason, string text, string? expected) =>
        Assert.True(RecordDates.FromIso(text)?.ToString() == expected, $"{reason}: got {RecordDates.FromIso(text)}");

    [Fact]
    public void UnixTimesGiveTheirUtcDay() =>
        Assert.Equal("2024-03-01", RecordDates.FromUnixSeconds(1709276400)?.ToString());
}
