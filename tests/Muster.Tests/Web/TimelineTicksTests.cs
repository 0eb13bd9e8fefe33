using System.Globalization;
using Muster.Web.Pages;

namespace Muster.Tests.Web;

/// <summary>The timeline's axis labels: calendar steps fine enough to read, few enough to fit.</summary>
public sealed class TimelineTicksTests
{
    [Theory]
    [InlineData("2024-03-04", "2024-03-05", "2024-03-04", "one day: its own label")]
    [InlineData("2024-02-14", "2024-03-13", "2024-02-19", "four weeks: Mondays")]
    [InlineData("2024-02-14", "2025-10-15", "2024-03", "twenty months: months, quarters or halves, from the first after the start")]
    [InlineData("1990-06-01", "2024-01-01", "1995", "decades of dates: every fifth year, from the first inside the axis")]
    public void TicksFallOnCalendarStepsInsideTheAxisAndAreFewEnoughToRead(string first, string end, string firstLabel, string reason)
    {
        var from = DateOnly.ParseExact(first, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.ParseExact(end, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ticks = TimelineRenderer.Ticks(from, to);
        Assert.True(ticks.Count is >= 1 and <= 12, $"{reason}: {ticks.Count} labels");
        Assert.Equal(firstLabel, ticks[0].Label);
        Assert.All(ticks, t => Assert.True(t.Day >= from && t.Day < to, $"{reason}: {t.Label} is outside the axis"));
        Assert.Equal(ticks.Select(t => t.Day).Order(), ticks.Select(t => t.Day));
        Assert.Equal(ticks.Count, ticks.Select(t => t.Label).Distinct().Count());
    }
}
