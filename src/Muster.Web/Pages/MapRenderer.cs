using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Muster.Web.Apis;
using static Muster.Web.Pages.Html;

namespace Muster.Web.Pages;

/// <summary>
/// Draws the map as inline SVG on a bundled outline of countries (Natural Earth, see <c>tools/outline</c>): no
/// tile server, no script. Each region with claims is a circle at its centre, sized by its count and linking to
/// the region's page.
/// </summary>
internal static class MapRenderer
{
    // Equirectangular, with longitude shrunk by cos(55°) so the mid-latitudes keep their shape.
    private const double XScale = 0.574;
    private const double MinLon = 18, MaxLon = 182, MinLat = 36, MaxLat = 72;

    private static readonly Lazy<List<(string Code, string Name, string Path)>> Outline = new(Load);

    private static List<(string, string, string)> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Muster.Web.Data.outline.json")
            ?? throw new InvalidOperationException("the bundled outline is missing from the build");
        using var json = JsonDocument.Parse(stream);
        return json.RootElement.GetProperty("countries").EnumerateArray()
            .Select(c => (c.GetProperty("code").GetString()!, c.GetProperty("name").GetString()!, c.GetProperty("path").GetString()!)).ToList();
    }

    public static string Render(IReadOnlyList<PlaceCountDto> regions, string? type)
    {
        var inv = CultureInfo.InvariantCulture;
        var width = (MaxLon - MinLon) * XScale;
        var height = MaxLat - MinLat;
        var svg = new StringBuilder();
        svg.Append("<figure class=\"map\"><svg viewBox=\"").Append((MinLon * XScale).ToString("0.##", inv)).Append(' ').Append((-MaxLat).ToString(inv)).Append(' ')
            .Append(width.ToString("0.##", inv)).Append(' ').Append(height.ToString(inv))
            .Append("\" role=\"img\" aria-labelledby=\"map-title map-desc\" preserveAspectRatio=\"xMidYMid meet\">")
            .Append("<title id=\"map-title\">Claims by region</title><desc id=\"map-desc\">")
            .Append(regions.Count).Append(" regions with claims").Append(type is null ? "" : " of type " + E(TypeLabel(type))).Append(". The table below lists them.</desc>")
            .Append("<g class=\"countries\" transform=\"scale(").Append(XScale.ToString(inv)).Append(",1)\">");
        foreach (var (code, name, path) in Outline.Value)
            svg.Append("<path class=\"country c-").Append(E(code)).Append("\" d=\"").Append(E(path)).Append("\"><title>").Append(E(name)).Append("</title></path>");
        svg.Append("</g><g class=\"regions\">");
        var max = Math.Max(1, regions.Count == 0 ? 1 : regions.Max(r => r.Claims));
        foreach (var region in regions.Where(r => r.Lat is not null && r.Lon is not null).OrderByDescending(r => r.Claims))
        {
            var lon = region.Lon!.Value < -160 ? region.Lon.Value + 360 : region.Lon.Value;
            var radius = 0.35 + 1.4 * Math.Sqrt(region.Claims / (double)max);
            svg.Append("<a href=\"/places/").Append(U(region.Code)).Append(type is null ? "" : "?type=" + U(type)).Append("\"><circle cx=\"")
                .Append((lon * XScale).ToString("0.###", inv)).Append("\" cy=\"").Append((-region.Lat!.Value).ToString("0.###", inv)).Append("\" r=\"")
                .Append(radius.ToString("0.###", inv)).Append("\"><title>").Append(E($"{region.Name} ({region.Code}): {region.Claims} claims")).Append("</title></circle></a>");
        }
        svg.Append("</g></svg><figcaption>Outlines: Natural Earth. Circle area grows with the number of claims.</figcaption></figure>");
        return svg.ToString();
    }
}
