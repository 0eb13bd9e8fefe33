namespace Muster.Web.Pages;

/// <summary>
/// A part of the map the page can show (<c>/map?view=ua</c>): a box in degrees and the factor that shrinks longitude
/// there (about the cosine of its middle latitude, so shapes keep their proportions). Zooming is a link to another
/// view, so no script is needed.
/// </summary>
internal sealed record MapView(string Code, string Label, double MinLon, double MaxLon, double MinLat, double MaxLat, double XScale)
{
    /// <summary>The views, in the order the page offers them; the first is the default.</summary>
    public static readonly IReadOnlyList<MapView> All =
    [
        new("all", "All", 18, 192, 36, 72, 0.574),
        new("ru-west", "Russia (west)", 18, 72, 41, 70, 0.56),
        new("ua", "Ukraine", 21.8, 40.5, 44, 52.6, 0.66),
        new("by", "Belarus", 22, 34.5, 50.5, 56.5, 0.59),
        new("mm", "Myanmar", 86, 108, 9.4, 28.8, 0.95),
    ];

    /// <summary>The default view.</summary>
    public static MapView Default => All[0];

    /// <summary>What the <c>view</c> parameter takes, for the reason given when it is refused.</summary>
    public static string Choices => "one of " + string.Join(", ", All.Select(v => v.Code));

    /// <summary>The view a query value names (none or empty: the default), or null when it names none.</summary>
    public static MapView? Find(string? code) =>
        string.IsNullOrEmpty(code) ? Default : All.FirstOrDefault(v => string.Equals(v.Code, code, StringComparison.Ordinal));
}
