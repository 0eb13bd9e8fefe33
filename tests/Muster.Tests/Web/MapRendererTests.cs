using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Muster.Web.Apis;
using Muster.Web.Pages;

namespace Muster.Tests.Web;

/// <summary>The choropleth: its classes, its shapes, its legend and its views.</summary>
public sealed class MapRendererTests
{
    private static PlaceCountDto Region(string code, string name, long claims, double? lat = null, double? lon = null) =>
        new(code, code[..2], name, claims, lat, lon);

    private static readonly IReadOnlyList<PlaceCountDto> Counts =
    [
        Region("RU-MOW", "Moscow", 100, 55.75, 37.62),
        Region("RU-TYU", "Tyumen Oblast", 12, 57.15, 65.53),
        Region("UA-30", "Kyiv", 1, 50.45, 30.52),
        // Nay Pyi Taw has no shape in the source: it is drawn as a circle.
        Region("MM-18", "Naypyidaw Union Territory", 3, 19.75, 96.1),
    ];

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");

    private static IElement Shape(IDocument map, string code) =>
        map.QuerySelector($"path.region[data-code=\"{code}\"]") ?? throw new Xunit.Sdk.XunitException($"no shape for {code}");

    [Theory]
    [InlineData(0, "", "nothing has claims: no classes")]
    [InlineData(1, "1", "one class, the darkest")]
    [InlineData(3, "1–2 3", "fewer classes than shades when counts are few")]
    [InlineData(5, "1–2 3 4 5", "single counts once the steps are narrower than one")]
    [InlineData(25, "1–2 3–4 5–7 8–14 15–25", "the samples' spread")]
    [InlineData(100, "1–3 4–7 8–16 17–40 41–100", "steps even on a logarithmic scale")]
    public void TheClassesCoverEveryCountFromOneToTheLargestInAtMostFiveSteps(long max, string labels, string why)
    {
        var bins = ClaimShades.Bins(max);
        Assert.True(string.Join(' ', bins.Select(b => b.Label)) == labels, why);
        Assert.True(bins.Count <= ClaimShades.Shades);
        for (var i = 1; i < bins.Count; i++)
        {
            Assert.Equal(bins[i - 1].To + 1, bins[i].From);
            Assert.True(bins[i].Shade > bins[i - 1].Shade, $"{why}: shades must darken");
        }
        if (bins.Count > 0)
            Assert.Equal(ClaimShades.Shades, bins[^1].Shade);
    }

    [Fact]
    public void ARegionWithClaimsIsFilledWithTheClassOfItsBinAndOneWithoutIsNeutral()
    {
        var map = Parse(MapRenderer.Render(Counts, type: null, MapView.Default));
        // Bins for 100 claims at most: 1–3 q1, 4–7 q2, 8–16 q3, 17–40 q4, 41–100 q5.
        Assert.Equal("region q5", Shape(map, "RU-MOW").ClassName);
        Assert.Equal("region q3", Shape(map, "RU-TYU").ClassName);
        Assert.Equal("region q1", Shape(map, "UA-30").ClassName);
        Assert.Equal("region q0", Shape(map, "RU-SPE").ClassName);
        Assert.Equal("12", Shape(map, "RU-TYU").GetAttribute("data-claims"));
    }

    [Fact]
    public void EachRegionLinksToItsPageKeepingTheTypeAndNamesItsCountOnHover()
    {
        var map = Parse(MapRenderer.Render(Counts, type: "summons", MapView.Default));
        var tyumen = Shape(map, "RU-TYU");
        Assert.Equal("/places/RU-TYU?type=summons", tyumen.ParentElement!.GetAttribute("href"));
        Assert.Equal("Tyumen Oblast (RU-TYU): 12 claims", tyumen.QuerySelector("title")!.TextContent);
        Assert.Equal("Kyiv (UA-30): 1 claim", Shape(map, "UA-30").QuerySelector("title")!.TextContent);
        // A region with no claims still names itself, from the gazetteer.
        Assert.Equal("St. Petersburg (RU-SPE): 0 claims", Shape(map, "RU-SPE").QuerySelector("title")!.TextContent);
    }

    [Fact]
    public void TheLegendListsTheBinsWithTheirRangesAndTheNeutralNone()
    {
        var map = Parse(MapRenderer.Render(Counts, type: null, MapView.Default));
        var items = map.QuerySelectorAll("figure.map .legend li").ToList();
        Assert.Equal(["none", "1–3", "4–7", "8–16", "17–40", "41–100"], items.Select(li => li.TextContent.Trim()));
        Assert.Equal(["q0", "q1", "q2", "q3", "q4", "q5"], items.Select(li => li.QuerySelector(".swatch")!.ClassList.Last()));
    }

    [Fact]
    public void ARegionWithClaimsButNoShapeGetsACircleAndOneWithAShapeDoesNot()
    {
        var map = Parse(MapRenderer.Render(Counts, type: null, MapView.Find("mm")!));
        var circles = map.QuerySelectorAll("figure.map circle").ToList();
        Assert.Equal(["MM-18"], circles.Select(c => c.GetAttribute("data-code")));
        Assert.Equal("q1", circles[0].ClassName);
        Assert.Contains("Naypyidaw", map.QuerySelector("figcaption")!.TextContent);
    }

    [Fact]
    public void AZoomedViewFramesItsCountryAndLeavesOutShapesFarFromIt()
    {
        var ukraine = Parse(MapRenderer.Render(Counts, type: null, MapView.Find("ua")!));
        var box = ukraine.QuerySelector("svg")!.GetAttribute("viewBox")!.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // Kyiv (30.5° E, 50.5° N) lies inside the box, in the scaled x and the negated latitude.
        Assert.InRange(30.52 * 0.66, box[0], box[0] + box[2]);
        Assert.InRange(-50.45, box[1], box[1] + box[3]);
        Assert.Equal(27, ukraine.QuerySelectorAll("path.region[data-code^=\"UA-\"]").Length);
        Assert.Empty(ukraine.QuerySelectorAll("path.region[data-code=\"RU-KAM\"]"));
        Assert.Equal("page", ukraine.QuerySelector("nav.map-views a[aria-current]")!.GetAttribute("aria-current"));
        Assert.Equal("Ukraine", ukraine.QuerySelector("nav.map-views a[aria-current]")!.TextContent);

        var all = Parse(MapRenderer.Render(Counts, type: null, MapView.Default));
        Assert.Single(all.QuerySelectorAll("path.region[data-code=\"RU-KAM\"]"));
    }

    [Fact]
    public void TheViewLinksKeepTheFilters()
    {
        var map = Parse(MapRenderer.Render(Counts, type: "summons", MapView.Find("ua")!, "place=RU&amp;type=summons"));
        var links = map.QuerySelectorAll("nav.map-views a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal("/map?place=RU&type=summons", links["All"]);
        Assert.Equal("/map?view=ru-west&place=RU&type=summons", links["Russia (west)"]);
    }

    [Theory]
    [InlineData("all")]
    [InlineData("ua")]
    [InlineData("mm")]
    [InlineData(null)]
    [InlineData("")]
    public void AKnownViewOrNoneIsFound(string? code) => Assert.NotNull(MapView.Find(code));

    [Theory]
    [InlineData("UA")]
    [InlineData("moon")]
    [InlineData("ua,ru-west")]
    public void AnUnknownViewIsNotFound(string code) => Assert.Null(MapView.Find(code));
}

/// <summary>The bundled region shapes cover the regions Muster knows.</summary>
public sealed class MapShapesTests
{
    private static IEnumerable<(string Code, string Country)> MusterRegions() =>
        File.ReadLines(Path.Combine(SharedFolder.RepositoryRoot, "src", "Muster", "Places", "Data", "regions.tsv")).Skip(1)
            .Select(line => line.Split('\t')).Select(cells => (cells[0], cells[1]));

    [Fact]
    public void EveryRussianAndUkrainianRegionOfMusterHasAShape()
    {
        var codes = MusterRegions().Where(r => r.Country is "RU" or "UA").Select(r => r.Code).ToList();
        Assert.Equal(83 + 27, codes.Count);
        Assert.DoesNotContain(codes, c => !MapShapes.HasShape(c));
    }

    [Fact]
    public void EveryBelarusianAndMyanmarRegionHasAShapeOrIsListedAsHavingNone()
    {
        foreach (var (code, _) in MusterRegions().Where(r => r.Country is "BY" or "MM"))
            Assert.True(MapShapes.HasShape(code) ^ MapShapes.WithoutShape.Contains(code), code);
        Assert.Equal(["MM-18"], MapShapes.WithoutShape);
    }

    [Fact]
    public void EveryShapeIsARegionMusterKnowsWithABoxAndAPath()
    {
        var known = MusterRegions().Select(r => r.Code).ToHashSet();
        Assert.Equal(131, MapShapes.Regions.Count);
        foreach (var shape in MapShapes.Regions)
        {
            Assert.Contains(shape.Code, known);
            Assert.StartsWith("M", shape.Path);
            Assert.True(shape.MinX < shape.MaxX && shape.MinY < shape.MaxY, shape.Code);
        }
    }
}

/// <summary>The map page over a real record.</summary>
public sealed class MapPageTests(WebFixture fixture) : IClassFixture<WebFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private async Task<(HttpStatusCode Status, string Html)> Get(string url)
    {
        var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/map?view=moon")]
    [InlineData("/map?view=UA")]
    [InlineData("/map?view=ua&view=by")]
    public async Task AnUnknownViewIsA400WithTheViewsItTakes(string url)
    {
        var (status, html) = await Get(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<strong>view</strong>: one of all, ru-west, ua, by, mm", html);
        Assert.DoesNotContain("<svg", html);
    }

    [Fact]
    public async Task AViewIsDrawnWithItsShapesAndTheFiltersKeepIt()
    {
        var (status, html) = await Get("/map?view=ua&type=summons");
        Assert.Equal(HttpStatusCode.OK, status);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal("ua", page.QuerySelector("figure.map svg")!.GetAttribute("data-view"));
        Assert.Equal("ua", page.QuerySelector("form.filters input[type=hidden][name=view]")!.GetAttribute("value"));
        Assert.True(page.QuerySelectorAll("figure.map path.region").Length >= 27);
        // The table under the map keeps the counts the shapes are shaded by.
        foreach (var row in page.QuerySelectorAll("table.map-regions tbody tr"))
        {
            var cells = row.QuerySelectorAll("td").Select(td => td.TextContent).ToArray();
            if (page.QuerySelector($"path.region[data-code=\"{cells[1]}\"]") is { } shape)
                Assert.Equal(cells[2], shape.GetAttribute("data-claims"));
        }
    }
}
