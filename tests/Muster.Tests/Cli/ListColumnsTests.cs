using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Muster.Web;

namespace Muster.Tests.Cli;

/// <summary>
/// Lists that show what matters: quantity, outlet and date in claim lists, a date in story lists, event titles,
/// and a link to a story's original page, in the CLI, the API and the pages. Tab output keeps its old columns in
/// place (scripts read them by position): new columns come after them.
/// </summary>
public sealed class ListColumnsTests : IDisposable
{
    private const string Outlet = "Test Ledger";
    private const string Canonical = "https://steppe-courier.example/news/2024/05/melitopol-checkpoints";

    /// <summary>A record whose address is a script: it must never become a link.</summary>
    private const string HostileRecord = """
        {"url": "javascript:window.pwned=1", "text": "Summonses in Tyumen\n\nEnlistment offices started to hand summons to reservists in Tyumen Oblast, relatives said on Tuesday, and some of the men were told to report at once.\n\nRelatives said the men were called to training at a camp near the city, and that some were told to sign contracts."}
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("muster-lists-").FullName;
    private string Db => Path.Combine(_folder, "lists.db");

    public ListColumnsTests()
    {
        var pages = Path.Combine(_folder, "pages");
        Directory.CreateDirectory(pages);
        File.Copy(Path.Combine(SharedFolder.Samples, "html", "melitopol-checkpoints.html"), Path.Combine(pages, "melitopol.html"));
        File.WriteAllText(Path.Combine(pages, "hostile.jsonl"), HostileRecord + "\n");
        Assert.Equal(0, CliRunner.Run("ingest", Path.Combine(SharedFolder.Samples, "basement-refusers.txt"), "--outlet", Outlet, "--db", Db, "--quiet").ExitCode);
        Assert.Equal(0, CliRunner.Run("ingest", Path.Combine(SharedFolder.Samples, "events"), pages, "--db", Db, "--quiet").ExitCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string[][] Rows(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split('\t')).ToArray();

    [Fact]
    public void ClaimsTabOutputAddsQuantityAndOutletAfterTheOldColumns()
    {
        var result = CliRunner.Run("claims", "--type", "refusal", "--db", Db);
        Assert.Equal(0, result.ExitCode);
        var rows = Rows(result.Out);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(9, r.Length));
        // story, type, stance, places, source, date, evidence as before; then quantity and outlet.
        var basement = Assert.Single(rows, r => r[6].Contains("refused to return to combat", StringComparison.Ordinal));
        Assert.Equal("refusal", basement[1]);
        Assert.Equal("2024-02-14 (story)", basement[5]);
        Assert.Equal("≥ 40 people", basement[7]);
        Assert.Equal(Outlet, basement[8]);
        // Missing values are a dash, so that a column is never empty.
        Assert.All(rows.Where(r => r[0] != basement[0]), r => Assert.Equal("-", r[8]));
    }

    [Fact]
    public void ClaimsCsvEndsWithTheStoryDateAndKeepsQuantityAndOutlet()
    {
        var result = CliRunner.Run("claims", "--type", "refusal", "--csv", "--db", Db);
        Assert.Equal(0, result.ExitCode);
        var header = result.Out[..result.Out.IndexOf('\r')].Split(',');
        Assert.Equal("story_published", header[^1]);
        foreach (var column in new[] { "outlet", "quantity_min", "quantity_unit", "date" })
            Assert.Contains(column, header);
        Assert.Contains($",{Outlet},", result.Out);
        Assert.Contains(",2024-02-14\r\n", result.Out);
    }

    [Fact]
    public void StoriesTabOutputEndsWithTheStatedDateAndHasNoHeader()
    {
        var result = CliRunner.Run("stories", "--db", Db);
        Assert.Equal(0, result.ExitCode);
        var rows = Rows(result.Out);
        Assert.All(rows, r => Assert.Equal(7, r.Length));
        Assert.DoesNotContain(rows, r => r[0] == "id");
        Assert.Contains(rows, r => r[5].StartsWith("Mobilized soldiers who refused", StringComparison.Ordinal) && r[6] == "2024-02-14");
        Assert.Contains(rows, r => r[5].StartsWith("Men detained at checkpoints", StringComparison.Ordinal) && r[6] == "2024-05-21");
        // A story whose page states no date says so; it is never given the day it was read.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(rows, r => r[6] == "-");
        Assert.DoesNotContain(rows, r => r[6] == today);
    }

    [Fact]
    public void EventsCarryATitleFromTheirFirstClaimsTypeAndPlace()
    {
        var tab = CliRunner.Run("events", "--type", "summons", "--min-sources", "2", "--db", Db);
        Assert.Equal(0, tab.ExitCode);
        var row = Assert.Single(Rows(tab.Out));
        Assert.Equal(8, row.Length);
        Assert.Equal("summons in UA-23 (Zaporizhzhia Oblast)", row[7]);

        var json = CliRunner.Run("events", "--type", "summons", "--min-sources", "2", "--json", "--db", Db);
        using var events = JsonDocument.Parse(json.Out);
        Assert.Equal("summons in UA-23 (Zaporizhzhia Oblast)", Assert.Single(events.RootElement.EnumerateArray()).GetProperty("title").GetString());
        // Every event has a title, placed or not.
        using var all = JsonDocument.Parse(CliRunner.Run("events", "--json", "--db", Db).Out);
        Assert.All(all.RootElement.EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("title").GetString())));
    }

    [Fact]
    public async Task TheApiAndThePagesShowQuantityOutletDateTitlesAndTheOriginal()
    {
        using var factory = new WebApplicationFactory<MusterWebOptions>().WithWebHostBuilder(web => web.UseSetting("db", Db));
        var client = factory.CreateClient();
        var cancel = TestContext.Current.CancellationToken;

        var claims = await client.GetStringAsync("/claims?type=refusal", cancel);
        foreach (var column in new[] { "Quantity", "Outlet", "Date" })
            Assert.Contains($"<th scope=\"col\">{column}</th>", claims);
        Assert.Contains("<td class=\"quantity\">≥ 40 people</td>", claims);
        Assert.Contains($"<td>{Outlet}</td>", claims);
        Assert.Contains("<td class=\"date\"><span class=\"day\">2024-02-14</span> <span class=\"muted\">(story)</span></td>", claims);

        using var apiClaims = JsonDocument.Parse(await client.GetStringAsync("/api/claims?type=refusal", cancel));
        Assert.Contains(apiClaims.RootElement.GetProperty("items").EnumerateArray(), c => c.GetProperty("storyPublished").GetString() == "2024-02-14");

        using var geo = JsonDocument.Parse(await client.GetStringAsync("/api/export/claims.geojson?type=refusal", cancel));
        Assert.Contains(geo.RootElement.GetProperty("features").EnumerateArray(), f =>
        {
            var p = f.GetProperty("properties");
            return p.GetProperty("outlet").GetString() == Outlet && p.GetProperty("quantity_min").GetDouble() == 40 && p.GetProperty("story_published").GetString() == "2024-02-14";
        });

        // The timeline counts stated days only: the pages were read today, and no claim stands on today.
        using var timeline = JsonDocument.Parse(await client.GetStringAsync("/api/timeline", cancel));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(timeline.RootElement.EnumerateArray(), t => t.GetProperty("period").GetString() == "2024-02-14");
        Assert.DoesNotContain(timeline.RootElement.EnumerateArray(), t => t.GetProperty("period").GetString() == today);

        using var events = JsonDocument.Parse(await client.GetStringAsync("/api/events?type=summons&min_sources=2", cancel));
        var tokmak = Assert.Single(events.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("summons in UA-23 (Zaporizhzhia Oblast)", tokmak.GetProperty("title").GetString());
        var id = tokmak.GetProperty("id").GetString()!;
        Assert.Equal("summons in UA-23 (Zaporizhzhia Oblast)", JsonDocument.Parse(await client.GetStringAsync($"/api/events/{id}", cancel)).RootElement.GetProperty("title").GetString());
        Assert.Contains($"<a href=\"/events/{id}\">summons in UA-23 (Zaporizhzhia Oblast)</a>", await client.GetStringAsync("/events?min_sources=2", cancel));
        Assert.Contains("<h1>summons in UA-23 (Zaporizhzhia Oblast) <span class=\"code\">", await client.GetStringAsync($"/events/{id}", cancel));

        using var stories = JsonDocument.Parse(await client.GetStringAsync("/api/stories?limit=100", cancel));
        string StoryId(string titleStart) => stories.RootElement.GetProperty("items").EnumerateArray()
            .First(s => s.GetProperty("title").GetString()?.StartsWith(titleStart, StringComparison.Ordinal) == true).GetProperty("id").GetString()!;
        var melitopol = await client.GetStringAsync($"/stories/{StoryId("Men detained at checkpoints")}", cancel);
        Assert.Contains($"<a href=\"{Canonical}\" rel=\"noopener noreferrer\" target=\"_blank\">{Canonical}</a>", melitopol);
        var hostile = await client.GetStringAsync($"/stories/{StoryId("Summonses in Tyumen")}", cancel);
        Assert.DoesNotContain("href=\"javascript:", hostile);
        Assert.DoesNotContain("<dt>Original</dt>", hostile);
        // A text page has a file for its source, not an address: no link.
        Assert.DoesNotContain("<dt>Original</dt>", await client.GetStringAsync($"/stories/{StoryId("Mobilized soldiers who refused")}", cancel));
    }
}
