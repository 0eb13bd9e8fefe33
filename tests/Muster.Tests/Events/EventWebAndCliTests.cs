using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Muster.Tests.Cli;
using Muster.Web;

namespace Muster.Tests.Events;

/// <summary>Events as users reach them: <c>muster events</c>, <c>/api/events</c> and the events pages.</summary>
public sealed class EventWebAndCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-event-web-").FullName;
    private string Db => Path.Combine(_folder, "events.db");

    public EventWebAndCliTests()
    {
        var result = CliRunner.Run("ingest", Path.Combine(SharedFolder.Samples, "events"), "--db", Db, "--quiet");
        Assert.Equal(0, result.ExitCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void TheCliListsEventsWithSourcesAndConflicts()
    {
        var result = CliRunner.Run("events", "--min-sources", "2", "--type", "summons", "--json", "--db", Db);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var tokmak = Assert.Single(json.RootElement.EnumerateArray());
        Assert.True(tokmak.GetProperty("source_count").GetInt32() >= 2);
        Assert.Contains(tokmak.GetProperty("conflicts").EnumerateArray(), c => c.GetString()!.Contains("denied by"));
        Assert.True(tokmak.GetProperty("claims").GetArrayLength() >= 5);
        Assert.Equal(2, CliRunner.Run("events", "--min-sources", "0", "--db", Db).ExitCode);
    }

    [Fact]
    public async Task TheApiAndThePagesShowEventsAndAClaimLinksToItsEvent()
    {
        using var factory = new WebApplicationFactory<MusterWebOptions>().WithWebHostBuilder(web => web.UseSetting("db", Db));
        var client = factory.CreateClient();
        var cancel = TestContext.Current.CancellationToken;
        using var events = JsonDocument.Parse(await client.GetStringAsync("/api/events?min_sources=2&type=summons", cancel));
        var id = Assert.Single(events.RootElement.GetProperty("items").EnumerateArray()).GetProperty("id").GetString()!;
        Assert.Equal(1, events.RootElement.GetProperty("total").GetInt64());
        Assert.True(events.RootElement.GetProperty("totalIsExact").GetBoolean());
        using var detail = JsonDocument.Parse(await client.GetStringAsync($"/api/events/{id}", cancel));
        var claims = detail.RootElement.GetProperty("claimList");
        Assert.True(claims.GetArrayLength() >= 5);
        Assert.All(claims.EnumerateArray(), c => Assert.Equal(id, c.GetProperty("event").GetString()));
        using var claimPage = JsonDocument.Parse(await client.GetStringAsync("/api/claims?type=summons&place=UA-23", cancel));
        Assert.Contains(claimPage.RootElement.GetProperty("items").EnumerateArray(), c => c.GetProperty("event").GetString() == id);
        var page = await client.GetStringAsync($"/events/{id}", cancel);
        Assert.Contains("Conflicts", page);
        Assert.Contains("Independent sources", page);
        Assert.Contains(id, await client.GetStringAsync("/events?min_sources=2", cancel));
        using var changes = JsonDocument.Parse(await client.GetStringAsync("/api/changes", cancel));
        Assert.Contains(changes.RootElement.EnumerateArray(), c => c.GetProperty("kind").GetString() == "event-created" && c.GetProperty("subject").GetString() == id);
        var missing = await client.GetAsync("/api/events/E-0000000000", cancel);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
