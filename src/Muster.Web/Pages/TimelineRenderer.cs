using System.Globalization;
using System.Text;
using Muster.Web.Apis;
using static Muster.Web.Pages.Html;

namespace Muster.Web.Pages;

/// <summary>
/// Draws the timeline as inline SVG on a time axis: each bar stands where its day (or week) falls between the first
/// and the last stated date, so gaps in time are gaps on the page; one colour per claim type, a legend, the claims
/// that have no stated day counted beside it, and the same numbers as a table for screen readers and copying.
/// </summary>
/// <remarks>
/// Horizontal positions are percentages of the chart's width, so the chart fills whatever width the page has and
/// its labels keep their size (a scaled viewBox would shrink them to nothing on a phone). Labels are
/// minor when there are many (see <see cref="Thinning"/>) and the stylesheet hides those on narrow screens, so the ones
/// shown never overlap.
/// </remarks>
internal static class TimelineRenderer
{
    private const int ChartHeight = 200, LabelHeight = 26;

    /// <summary>At most this many labels on the axis: about 90 pixels each at the page's widest (72rem).</summary>
    private const int MaxLabels = 12;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(TimelineData data)
    {
        var html = new StringBuilder();
        var unplaced = data.Undated + data.Imprecise;
        var buckets = data.Buckets;
        if (buckets.Count == 0)
            return html.Append(unplaced == 0 ? "<p>No claims yet.</p>" : "<p>No claim has a stated day to place it on the axis.</p>")
                .Append(Unplaced(data)).ToString();
        var periodDays = data.Interval == "week" ? 7 : 1;
        var periods = buckets.Select(b => b.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        var dates = periods.ToDictionary(p => p, p => DateOnly.ParseExact(p, "yyyy-MM-dd", Inv));
        var first = dates[periods[0]];
        var end = dates[periods[^1]].AddDays(periodDays); // the axis ends where the last period does
        var span = end.DayNumber - first.DayNumber;
        var types = buckets.Select(b => b.Type).Distinct().Order(StringComparer.Ordinal).ToList();
        var totals = periods.ToDictionary(p => p, p => buckets.Where(b => b.Period == p).Sum(b => b.Claims));
        var max = Math.Max(1, totals.Values.Max());

        double X(DateOnly day) => 100.0 * (day.DayNumber - first.DayNumber) / span;
        var slot = 100.0 * periodDays / span;
        // A bar is its period's slot less a small gap, and never wider than a few percent (one day alone is no wall).
        var barWidth = Math.Min(slot * 0.8, 4.0);
        var inset = (slot - barWidth) / 2;

        html.Append("<figure class=\"timeline\"><div class=\"chart\"><div class=\"y-axis\" aria-hidden=\"true\"><span>").Append(max)
            .Append("</span><span>0</span></div><div class=\"plot\"><svg class=\"time-axis\" width=\"100%\" height=\"").Append(ChartHeight + LabelHeight)
            .Append("\" role=\"img\" aria-labelledby=\"tl-title\" data-first=\"").Append(first.ToString("yyyy-MM-dd", Inv)).Append("\" data-end=\"")
            .Append(end.ToString("yyyy-MM-dd", Inv)).Append("\"><title id=\"tl-title\">Claims per ").Append(data.Interval).Append(" by type from ")
            .Append(periods[0]).Append(" to ").Append(periods[^1]).Append("; the table below gives the numbers</title>")
            .Append("<line class=\"baseline\" x1=\"0\" x2=\"100%\" y1=\"").Append(ChartHeight).Append("\" y2=\"").Append(ChartHeight).Append("\"/>");
        foreach (var period in periods)
        {
            var x = X(dates[period]) + inset;
            html.Append("<g class=\"bar\" data-period=\"").Append(period).Append("\">");
            double y = ChartHeight;
            foreach (var bucket in buckets.Where(b => b.Period == period).OrderBy(b => b.Type, StringComparer.Ordinal))
            {
                var h = bucket.Claims * (ChartHeight - 10) / (double)max;
                y -= h;
                html.Append("<rect class=\"").Append(TypeClass(bucket.Type)).Append("\" x=\"").Append(Percent(x)).Append("\" y=\"").Append(y.ToString("0.##", Inv))
                    .Append("\" width=\"").Append(Percent(barWidth)).Append("\" height=\"").Append(h.ToString("0.##", Inv)).Append("\"><title>")
                    .Append(E($"{(periodDays == 7 ? "week of " : "")}{period}: {bucket.Claims} {TypeLabel(bucket.Type)}")).Append("</title></rect>");
            }
            html.Append("</g>");
        }
        var ticks = Ticks(first, end);
        for (var i = 0; i < ticks.Count; i++)
        {
            var (day, label) = ticks[i];
            var x = X(day);
            // Labels are centred on their ticks; the plot's padding gives the first and last room (the SVG does not
            // clip them). Narrow screens hide some (Thinning), so none overlap.
            var thinned = Thinning(i, ticks.Count);
            html.Append("<line class=\"tick\" x1=\"").Append(Percent(x)).Append("\" x2=\"").Append(Percent(x)).Append("\" y1=\"").Append(ChartHeight)
                .Append("\" y2=\"").Append(ChartHeight + 5).Append("\"/><text class=\"axis").Append(thinned)
                .Append("\" x=\"").Append(Percent(x)).Append("\" y=\"").Append(ChartHeight + 19).Append("\" text-anchor=\"middle\">")
                .Append(E(label)).Append("</text>");
        }
        html.Append("</svg></div></div><figcaption><ul class=\"legend\">");
        foreach (var type in types)
            html.Append("<li><span class=\"swatch ").Append(TypeClass(type)).Append("\"></span>").Append(E(TypeLabel(type))).Append("</li>");
        html.Append("</ul>").Append(Unplaced(data)).Append("</figcaption></figure>");

        html.Append("<div class=\"table-wrap\"><table class=\"timeline-table\"><caption>Claims per ").Append(data.Interval)
            .Append("</caption><thead><tr><th scope=\"col\">").Append(data.Interval == "week" ? "Week of" : "Day").Append("</th>");
        foreach (var type in types)
            html.Append("<th scope=\"col\">").Append(E(TypeLabel(type))).Append("</th>");
        html.Append("<th scope=\"col\">All</th></tr></thead><tbody>");
        foreach (var period in periods)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(period)).Append("</th>");
            foreach (var type in types)
                html.Append("<td>").Append(buckets.FirstOrDefault(b => b.Period == period && b.Type == type)?.Claims ?? 0).Append("</td>");
            html.Append("<td>").Append(totals[period]).Append("</td></tr>");
        }
        return html.Append("</tbody></table></div>").ToString();
    }

    /// <summary>The claims the axis leaves out, counted: never placed on the day Muster read their page.</summary>
    private static string Unplaced(TimelineData data)
    {
        if (data.Undated + data.Imprecise == 0)
            return "<p class=\"unplaced\">Every claim has a stated day.</p>";
        var html = new StringBuilder("<p class=\"unplaced\">Not on the axis: <strong class=\"undated\" data-claims=\"").Append(data.Undated).Append("\">")
            .Append(data.Undated).Append(data.Undated == 1 ? " undated claim" : " undated claims").Append("</strong> (neither the claim nor its story states a date)");
        if (data.Imprecise > 0)
            html.Append(" and <strong class=\"imprecise\" data-claims=\"").Append(data.Imprecise).Append("\">").Append(data.Imprecise)
                .Append(data.Imprecise == 1 ? " claim" : " claims").Append("</strong> dated only to a month or a year");
        return html.Append(".</p>").ToString();
    }

    /// <summary>
    /// Labelled ticks on calendar boundaries between <paramref name="first"/> and <paramref name="end"/>: the finest
    /// step (a day, a week, a month, a quarter, a year…) that gives no more than <see cref="MaxLabels"/> of them.
    /// </summary>
    internal static List<(DateOnly Day, string Label)> Ticks(DateOnly first, DateOnly end)
    {
        var span = end.DayNumber - first.DayNumber;
        foreach (var days in new[] { 1, 2, 7, 14 })
        {
            if (span / days + 1 > MaxLabels)
                continue;
            var start = days >= 7 ? first.AddDays((7 - ((int)first.DayOfWeek + 6) % 7) % 7) : first; // weeks start on Monday
            return Steps(start, end, d => d.AddDays(days), d => d.ToString("yyyy-MM-dd", Inv));
        }
        foreach (var months in new[] { 1, 2, 3, 6 })
        {
            var start = new DateOnly(first.Year, 1, 1);
            while (start < first)
                start = start.AddMonths(months);
            var ticks = Steps(start, end, d => d.AddMonths(months), d => d.ToString("yyyy-MM", Inv));
            if (ticks.Count <= MaxLabels)
                return ticks;
        }
        foreach (var years in new[] { 1, 2, 5, 10, 20, 50, 100 })
        {
            var start = new DateOnly((first.Year + years - 1) / years * years, 1, 1);
            if (start < first)
                start = start.AddYears(years);
            var ticks = Steps(start, end, d => d.AddYears(years), d => d.ToString("yyyy", Inv));
            if (ticks.Count <= MaxLabels)
                return ticks;
        }
        return [(first, first.ToString("yyyy", Inv))];
    }

    /// <summary>
    /// The classes that hide a label on narrow screens. About 9 date labels fit a tablet's width (below 48rem) and 3
    /// a phone's (below 30rem): past those, every other label, or three in four, are hidden there.
    /// </summary>
    private static string Thinning(int index, int count)
    {
        var classes = count > 9 && index % 2 == 1 ? " minor" : "";
        if (count >= 7 ? index % 4 != 0 : count >= 4 && index % 2 == 1)
            classes += " minor2";
        return classes;
    }

    private static string Percent(double value) => value.ToString("0.###", Inv) + "%";

    private static List<(DateOnly, string)> Steps(DateOnly start, DateOnly end, Func<DateOnly, DateOnly> next, Func<DateOnly, string> label)
    {
        var ticks = new List<(DateOnly, string)>();
        // A tick at the axis's very end would label an empty slot; ticks stop before it.
        for (var day = start; day < end && ticks.Count <= MaxLabels; day = next(day))
            ticks.Add((day, label(day)));
        return ticks;
    }
}
