using System.Globalization;
using System.Text.RegularExpressions;
using Muster.Dates;

namespace Muster.Reading.Formats;

/// <summary>
/// Publication dates as containers write them — ISO 8601 and W3C date-times (Atom, Dublin Core, Telegram,
/// JSON Lines) and RFC 822 (RSS <c>pubDate</c>) — kept as a day, month or year: only what the text states.
/// </summary>
internal static partial class RecordDates
{
    // The date part only: a time and an offset say nothing more about the day, and the day is the one the source
    // wrote (its local date), not the day in UTC.
    [GeneratedRegex(@"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[Tt ]\d{1,2}:\d{2}.*)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();

    [GeneratedRegex(@"\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4}|\d{2})\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Rfc822();

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>An ISO 8601 date or date-time (<c>2024-03-05</c>, <c>2024-03-05T09:30:00+03:00</c>, <c>2024-03</c>), or null.</summary>
    public static PartialDate? FromIso(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var match = Iso().Match(text);
        if (!match.Success)
            return null;
        return PartialDate.Create(Number(match.Groups[1]), Number(match.Groups[2]), Number(match.Groups[3]));
    }

    /// <summary>An RFC 822 date (<c>Tue, 05 Mar 2024 09:30:00 +0300</c>), or an ISO one as some feeds write, or null.</summary>
    public static PartialDate? FromFeed(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var match = Rfc822().Match(text);
        if (!match.Success)
            return FromIso(text);
        var year = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        if (match.Groups[3].Length == 2)
            year += year < 50 ? 2000 : 1900; // RFC 822's two-digit years, read as RFC 2822 says
        var month = Array.IndexOf(Months, match.Groups[2].Value.ToLowerInvariant()) + 1;
        return PartialDate.Create(year, month, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The UTC day of a Unix time in seconds, or null when out of range.</summary>
    public static PartialDate? FromUnixSeconds(long seconds)
    {
        if (seconds is < 0 or > 7_258_118_400) // up to 2200
            return null;
        var date = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        return PartialDate.Create(date.Year, date.Month, date.Day);
    }

    private static int? Number(Group group) =>
        group.Success ? int.Parse(group.Value, CultureInfo.InvariantCulture) : null;
}
