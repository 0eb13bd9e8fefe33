using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Muster.Tests.Storage.Backends;
using Muster.Web;

namespace Muster.Tests.Web;

/// <summary>
/// The page as a person uses it, in Debian's Chromium driven by Playwright, against a real server on loopback, over a
/// record on each backend. Locally the tests skip when Chromium (or the PostgreSQL server) is absent; under CI that
/// is a failure.
/// </summary>
public abstract class BrowserFixture(RecordWebFixture data) : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private readonly RecordWebFixture _data = data;
    private string? _absent;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }
    public string BaseUrl { get; private set; } = "";
    public string HostileStoryId => _data.HostileStoryId;
    public string DatabasePath => _data.DatabasePath;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
            return;
        try
        {
            // The record is filled before the server answers its first page.
            _ = _data.HostileStoryId;
        }
        catch (Xunit.Sdk.SkipException e)
        {
            _absent = e.Message;
            return;
        }
        _app = MusterWebApp.Build(new MusterWebOptions { DatabasePath = _data.DatabasePath }, ["--urls", "http://127.0.0.1:0"]);
        await _app.StartAsync();
        BaseUrl = _app.Urls.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    public IBrowser Require()
    {
        if (_absent is not null)
            Assert.Skip(_absent);
        if (Browser is not null)
            return Browser;
        var message = $"Chromium is not installed at {Chromium} (apt-get install chromium; ./test.sh installs it)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message);
        Assert.Skip(message + "; skipped locally");
        return null!;
    }
}

/// <summary>The browser over a SQLite file.</summary>
public sealed class SqliteBrowserFixture() : BrowserFixture(new WebFixture());

/// <summary>The browser over a database on the run's PostgreSQL server.</summary>
public sealed class PostgresBrowserFixture(PostgresServer server) : BrowserFixture(new PostgresWebFixture(server));

[Collection(SerialCollection.Name)]
public sealed class BrowserTests(SqliteBrowserFixture fixture) : BrowserSuite(fixture), IClassFixture<SqliteBrowserFixture>;

[Collection(SerialCollection.Name)]
public sealed class PostgresBrowserTests(PostgresBrowserFixture fixture) : BrowserSuite(fixture), IClassFixture<PostgresBrowserFixture>;

/// <summary>What a person does on the page, on any backend.</summary>
public abstract class BrowserSuite(BrowserFixture fixture)
{
    private async Task<IPage> Open(string path, int width = 1280)
    {
        var page = await fixture.Require().NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        // Any dialog means a script from a page ran: fail loudly.
        page.Dialog += (_, dialog) => throw new InvalidOperationException("a dialog opened: " + dialog.Message);
        var response = await page.GotoAsync(fixture.BaseUrl + path);
        Assert.True(response?.Ok, $"{path}: {response?.Status}");
        return page;
    }

    [Fact]
    public async Task ANewcomerFiltersByRegionOpensAStoryAndSeesTheEvidence()
    {
        var page = await Open("/");
        Assert.Contains("Muster", await page.TitleAsync());
        await page.SelectOptionAsync("#f-type", "summons");
        await page.SelectOptionAsync("#f-place", "RU-MOW");
        // Wait for each navigation to finish before reading the page: under load the old page lingers.
        await Task.WhenAll(page.WaitForURLAsync("**place=RU-MOW**"), page.ClickAsync("button[type=submit]"));
        Assert.Contains("place=RU-MOW", page.Url);
        var stories = page.Locator("ol.feed h3 a");
        Assert.True(await stories.CountAsync() >= 1);
        await Task.WhenAll(page.WaitForURLAsync("**/stories/**"), stories.First.ClickAsync());
        var marks = page.Locator("section.text mark");
        Assert.True(await marks.CountAsync() >= 1, "no evidence is highlighted");
        Assert.True(await marks.First.IsVisibleAsync());
        Assert.True(await page.Locator("ol.claim-list li").CountAsync() >= 1);
        Assert.Contains("RU-MOW", await page.Locator("ol.claim-list").InnerTextAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheMapShowsWhereSummonsesWereReportedAndLinksToTheRegion()
    {
        var page = await Open("/map?type=summons&place=RU");
        // Region shapes, not circles: Russia's 83 and its neighbours' are drawn, each with an area on the screen.
        var regions = page.Locator("figure.map path.region");
        Assert.True(await regions.CountAsync() > 50, $"{await regions.CountAsync()} region shapes are drawn");
        var drawn = await regions.EvaluateAllAsync<int>("ps => ps.filter(p => { const r = p.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length");
        Assert.True(drawn > 50, $"{drawn} region shapes take up room on the page");
        // Tyumen, where the samples report summonses, is filled with a class of the legend, not the grey of no claims.
        var tyumen = page.Locator("figure.map path.region[data-code='RU-TYU']");
        Assert.Matches(@"^region q[1-5]$", await tyumen.GetAttributeAsync("class"));
        var fills = await page.EvaluateAsync<string[]>(
            "() => [document.querySelector(\"path.region[data-code='RU-TYU']\"), document.querySelector('path.region.q0')].map(p => getComputedStyle(p).fill)");
        Assert.NotEqual(fills[1], fills[0]);
        Assert.True(await page.Locator("figure.map .legend li").CountAsync() >= 2, "the legend lists no classes");
        Assert.Matches(@"^Tyumen Oblast \(RU-TYU\): \d+ claims?$", await tyumen.Locator("title").TextContentAsync());
        await Task.WhenAll(page.WaitForURLAsync("**view=ua**"), page.Locator("nav.map-views a", new PageLocatorOptions { HasText = "Ukraine" }).ClickAsync());
        Assert.Equal(27, await page.Locator("figure.map path.region[data-code^='UA-']").CountAsync());
        await page.GoBackAsync();
        await Task.WhenAll(page.WaitForURLAsync("**/places/RU-TYU**"), page.Locator("table a", new PageLocatorOptions { HasText = "Tyumen" }).First.ClickAsync());
        Assert.Contains("Tyumen", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.Locator("table.claims tbody tr").CountAsync() >= 1);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AHostilePageStaysInert()
    {
        var page = await Open($"/stories/{fixture.HostileStoryId}");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned"));
        Assert.Contains("<script>", await page.Locator("section.text").InnerTextAsync());
        Assert.Equal(0, await page.Locator("section.text img, section.text script, section.text b").CountAsync());
        foreach (var link in await page.Locator("a").AllAsync())
            Assert.DoesNotContain("javascript:", await link.GetAttributeAsync("href") ?? "");
        var feed = await Open("/claims?q=Tyumen");
        Assert.Null(await feed.EvaluateAsync<int?>("() => window.pwned"));
        await page.CloseAsync();
        await feed.CloseAsync();
    }

    [Fact]
    public async Task OnAPhoneStoriesComeFirstAndTheFiltersFoldBehindOneButton()
    {
        var page = await fixture.Require().NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        Assert.True((await page.GotoAsync(fixture.BaseUrl + "/"))?.Ok);
        var form = page.Locator("form.filters");
        Assert.False(await form.IsVisibleAsync(), "the filter form fills the phone's first screen");
        var first = await page.Locator("ol.feed h3 a").First.BoundingBoxAsync();
        Assert.True(first is not null && first.Y + first.Height <= 844, $"the first story is below the first screen (at {first?.Y})");
        await page.Locator("label.filters-button").ClickAsync();
        Assert.True(await form.IsVisibleAsync(), "the Filters button does not open the form");
        // From the keyboard too: the checkbox behind the button takes the focus and Space folds the form again.
        await page.FocusAsync("#filters-toggle");
        await page.Keyboard.PressAsync("Space");
        Assert.False(await form.IsVisibleAsync());
        await page.SetViewportSizeAsync(1280, 900);
        Assert.True(await form.IsVisibleAsync(), "the form is hidden on a wide screen");
        Assert.False(await page.Locator("label.filters-button").IsVisibleAsync());
        // Filters that are set are counted on the button; refused ones keep the form open.
        await page.SetViewportSizeAsync(390, 844);
        Assert.True((await page.GotoAsync(fixture.BaseUrl + "/claims?type=summons&place=RU"))?.Ok);
        Assert.Equal("Filters (2 set)", await page.Locator("label.filters-button").InnerTextAsync());
        await page.GotoAsync(fixture.BaseUrl + "/claims?from=yesterday");
        Assert.True(await page.Locator("form.filters").IsVisibleAsync(), "refused filters are hidden behind the button");
        await page.CloseAsync();
    }

    [Fact]
    public async Task ThePageFitsAPhoneAndCanBeUsedWithTheKeyboard()
    {
        var page = await Open("/", width: 375);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways at phone width");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        foreach (var id in new[] { "f-type", "f-place", "f-stance", "f-from", "f-to", "f-source" })
            Assert.Equal(1, await page.Locator($"label[for={id}]").CountAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheTimelinePlacesBarsByTheirDatesAcrossTheWidthWithLabelsThatFitAndCountsTheUndated()
    {
        var page = await Open("/timeline", width: 1400);
        var periods = await page.Locator("svg.time-axis g.bar").EvaluateAllAsync<string[]>("gs => gs.map(g => g.dataset.period)");
        var centres = await page.Locator("svg.time-axis g.bar").EvaluateAllAsync<double[]>("gs => gs.map(g => { const r = g.getBoundingClientRect(); return r.x + r.width / 2; })");
        var days = periods.Select(p => DateOnly.ParseExact(p, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).DayNumber).ToArray();
        Assert.True(days.Length >= 3, "the samples give at least three stated days");
        var gaps = days.Zip(days.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Distinct().Count() > 1, "the samples' days are unevenly spaced, so a categorical axis would fail below");
        // Proportional: every bar's offset from the first is its distance in days times one scale, within a pixel.
        var scale = (centres[^1] - centres[0]) / (days[^1] - days[0]);
        Assert.True(scale > 0);
        for (var i = 0; i < days.Length; i++)
            Assert.True(Math.Abs(centres[i] - centres[0] - scale * (days[i] - days[0])) < 1.0,
                $"{periods[i]} stands at {centres[i] - centres[0]:0.0} px from the first bar, not {scale * (days[i] - days[0]):0.0}");

        // The chart fills the content's width (not a third of it), and the table fits it with no sideways scroll.
        var main = await page.Locator("main").BoundingBoxAsync();
        var chart = await page.Locator("svg.time-axis").BoundingBoxAsync();
        Assert.True(chart!.Width >= 0.8 * main!.Width, $"the chart is {chart.Width} px wide in {main.Width} px");
        Assert.True(await page.Locator("table.timeline-table").EvaluateAsync<bool>("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth"),
            "the timeline table scrolls sideways at 1400 px");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 1400 px");
        await LabelsFit(page, "1400 px");

        // Claims whose page states no date are counted beside the chart, as many as the record holds.
        using (var store = Muster.Storage.RecordStores.Open(fixture.DatabasePath))
        {
            var undated = store.ListClaims(new Muster.Storage.ClaimFilter()).Count(c => c.Claim.Date is null && c.StoryPublished is null);
            Assert.True(undated > 0, "the fixture holds undated claims");
            var shown = page.Locator("figure.timeline .undated");
            Assert.True(await shown.IsVisibleAsync());
            Assert.Equal(undated.ToString(System.Globalization.CultureInfo.InvariantCulture), await shown.GetAttributeAsync("data-claims"));
            Assert.StartsWith($"{undated} undated", await shown.InnerTextAsync());
        }

        await page.SetViewportSizeAsync(390, 844);
        await LabelsFit(page, "390 px");
        await page.CloseAsync();
    }

    /// <summary>Every axis label shown lies inside the figure and the window, and none overlaps the next.</summary>
    private static async Task LabelsFit(IPage page, string width)
    {
        var figure = (await page.Locator("figure.timeline").BoundingBoxAsync())!;
        var boxes = await page.Locator("svg.time-axis text.axis").EvaluateAllAsync<double[][]>(
            "ts => ts.filter(t => getComputedStyle(t).display !== 'none').map(t => { const r = t.getBoundingClientRect(); return [r.left, r.right]; })");
        var viewport = await page.EvaluateAsync<double>("() => document.documentElement.clientWidth");
        Assert.True(boxes.Length >= 2, $"{width}: fewer than two axis labels are shown");
        foreach (var box in boxes)
            Assert.True(box[0] >= figure.X - 0.5 && box[1] <= figure.X + figure.Width + 0.5 && box[1] <= viewport,
                $"{width}: a label spans {box[0]:0}-{box[1]:0} px, outside the figure ({figure.X:0}-{figure.X + figure.Width:0}) or the window ({viewport:0})");
        var sorted = boxes.OrderBy(b => b[0]).ToArray();
        for (var i = 1; i < sorted.Length; i++)
            Assert.True(sorted[i][0] >= sorted[i - 1][1], $"{width}: labels overlap at {sorted[i][0]:0} px");
    }
}
