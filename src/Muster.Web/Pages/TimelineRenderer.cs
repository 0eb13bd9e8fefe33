using System.Globalization;
using System.Text;
using Muster.Web.Apis;
using static Muster.Web.Pages.Html;

namespace Muster.Web.Pages;

/// <summary>
/// Draws the timeline as inline SVG: one stacked bar per period, one colour per claim type, a legend, and the
/// same numbers as a table for screen readers and copying.
/// </summary>
internal static class TimelineRenderer
{
    public static string Render(IReadOnlyList<TimelineDto> buckets)
    {
        if (buckets.Count == 0)
            return "<p>No claims yet.</p>";
        var inv = CultureInfo.InvariantCulture;
        var periods = buckets.Select(b => b.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        var types = buckets.Select(b => b.Type).Distinct().Order(StringComparer.Ordinal).ToList();
        var totals = periods.ToDictionary(p => p, p => buckets.Where(b => b.Period == p).Sum(b => b.Claims));
        var max = Math.Max(1, totals.Values.Max());
        const int barWidth = 18, gap = 6, chartHeight = 200, left = 36, bottom = 60;
        var width = left + periods.Count * (barWidth + gap) + gap;
        var svg = new StringBuilder("<figure class=\"timeline\"><div class=\"scroll\"><svg width=\"").Append(width).Append("\" height=\"").Append(chartHeight + bottom)
            .Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(chartHeight + bottom).Append("\" role=\"img\" aria-labelledby=\"tl-title\">")
            .Append("<title id=\"tl-title\">Claims per period by type; the table below gives the numbers</title>")
            .Append("<text class=\"axis\" x=\"2\" y=\"12\">").Append(max).Append("</text><text class=\"axis\" x=\"2\" y=\"").Append(chartHeight).Append("\">0</text>");
        for (var i = 0; i < periods.Count; i++)
        {
            var x = left + gap + i * (barWidth + gap);
            double y = chartHeight;
            foreach (var bucket in buckets.Where(b => b.Period == periods[i]).OrderBy(b => b.Type, StringComparer.Ordinal))
            {
                var h = bucket.Claims * (chartHeight - 10) / (double)max;
                y -= h;
                svg.Append("<rect class=\"").Append(TypeClass(bucket.Type)).Append("\" x=\"").Append(x).Append("\" y=\"").Append(y.ToString("0.##", inv))
                    .Append("\" width=\"").Append(barWidth).Append("\" height=\"").Append(h.ToString("0.##", inv)).Append("\"><title>")
                    .Append(E($"{periods[i]}: {bucket.Claims} {TypeLabel(bucket.Type)}")).Append("</title></rect>");
            }
            svg.Append("<text class=\"axis\" transform=\"translate(").Append(x + barWidth / 2).Append(',').Append(chartHeight + 8).Append(") rotate(60)\">")
                .Append(E(periods[i])).Append("</text>");
        }
        svg.Append("</svg></div><figcaption><ul class=\"legend\">");
        foreach (var type in types)
            svg.Append("<li><span class=\"swatch ").Append(TypeClass(type)).Append("\"></span>").Append(E(TypeLabel(type))).Append("</li>");
        svg.Append("</ul></figcaption></figure>");
        svg.Append("<div class=\"table-wrap\"><table><caption>Claims per period</caption><thead><tr><th scope=\"col\">Period</th>");
        foreach (var type in types)
            svg.Append("<th scope=\"col\">").Append(E(TypeLabel(type))).Append("</th>");
        svg.Append("<th scope=\"col\">All</th></tr></thead><tbody>");
        foreach (var period in periods)
        {
            svg.Append("<tr><th scope=\"row\">").Append(E(period)).Append("</th>");
            foreach (var type in types)
                svg.Append("<td>").Append(buckets.FirstOrDefault(b => b.Period == period && b.Type == type)?.Claims ?? 0).Append("</td>");
            svg.Append("<td>").Append(totals[period]).Append("</td></tr>");
        }
        return svg.Append("</tbody></table></div>").ToString();
    }
}
