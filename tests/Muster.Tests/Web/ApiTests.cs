using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace Muster.Tests.Web;

/// <summary>The REST API through WebApplicationFactory against a real record: a subclass per backend.</summary>
public abstract class ApiSuite(RecordWebFixture fixture)
{
    private HttpClient? _clientMade;

    private HttpClient Client => _clientMade ??= fixture.Factory.CreateClient();

    private async Task<JsonDocument> Json(string url)
    {
        var response = await Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheHomePageAnswersWithAContentSecurityPolicyWithoutInlineScript()
    {
        var response = await Client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ClaimsArePagedAndFiltered()
    {
        using var all = await Json("/api/claims?limit=5");
        Assert.Equal(5, all.RootElement.GetProperty("items").GetArrayLength());
        Assert.True(all.RootElement.GetProperty("total").GetInt64() > 5);
        using var summons = await Json("/api/claims?type=summons&limit=200");
        Assert.All(summons.RootElement.GetProperty("items").EnumerateArray(), c => Assert.Equal("summons", c.GetProperty("type").GetString()));
        using var russia = await Json("/api/claims?country=RU&type=summons&limit=200");
        Assert.All(russia.RootElement.GetProperty("items").EnumerateArray(),
            c => Assert.Contains(c.GetProperty("places").EnumerateArray(), p => p.GetProperty("country").GetString() == "RU"));
        using var next = await Json("/api/claims?limit=5&offset=5");
        Assert.NotEqual(all.RootElement.GetProperty("items")[0].GetProperty("evidence").GetString(), next.RootElement.GetProperty("items")[0].GetProperty("evidence").GetString());
    }

    [Theory]
    [InlineData("/api/claims?limit=5000", "limit")]
    [InlineData("/api/claims?type=rumours", "type")]
    [InlineData("/api/claims?from=yesterday", "from")]
    [InlineData("/api/claims?place=Moscow", "place")]
    [InlineData("/api/timeline?interval=year", "interval")]
    public async Task BadParametersAreProblemDetailsNot500(string url, string field)
    {
        var response = await Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task AMalformedSearchIsA400WithTheReason()
    {
        var response = await Client.GetAsync("/api/search?q=%22unterminated", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        using var hits = await Json("/api/search?q=summons");
        var items = hits.RootElement.GetProperty("items");
        Assert.True(items.GetArrayLength() > 0);
        Assert.Contains("«", items[0].GetProperty("snippet").GetString());
    }

    [Fact]
    public async Task EveryListIsPagedInOneEnvelope()
    {
        // Search and events read one item past the page: their total is exact on the last page, a lower bound before.
        using var all = await Json("/api/search?q=summons&limit=200");
        var count = all.RootElement.GetProperty("items").GetArrayLength();
        Assert.True(count >= 2, $"{count} hits");
        Assert.Equal(count, all.RootElement.GetProperty("total").GetInt64());
        Assert.True(all.RootElement.GetProperty("totalIsExact").GetBoolean());

        using var first = await Json("/api/search?q=summons&limit=1");
        Assert.Single(first.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(2, first.RootElement.GetProperty("total").GetInt64());
        Assert.False(first.RootElement.GetProperty("totalIsExact").GetBoolean());
        using var second = await Json("/api/search?q=summons&limit=1&offset=1");
        Assert.Equal(1, second.RootElement.GetProperty("offset").GetInt32());
        Assert.Equal(all.RootElement.GetProperty("items")[1].GetProperty("story").GetString(),
            second.RootElement.GetProperty("items")[0].GetProperty("story").GetString());

        foreach (var list in new[] { "/api/claims", "/api/stories", "/api/events", "/api/search?q=summons" })
        {
            using var page = await Json(list);
            foreach (var field in new[] { "items", "total", "offset", "limit", "totalIsExact" })
                Assert.True(page.RootElement.TryGetProperty(field, out _), $"{list} has no {field}");
        }
    }

    [Fact]
    public async Task AStoryHasItsClaimsAndAnUnknownStoryIsA404Problem()
    {
        using var story = await Json($"/api/stories/{fixture.HostileStoryId}");
        Assert.True(story.RootElement.GetProperty("claims").GetArrayLength() > 0);
        var missing = await Client.GetAsync("/api/stories/nope-1", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PlacesAndTimelineCount()
    {
        using var places = await Json("/api/places?type=summons");
        Assert.Contains(places.RootElement.EnumerateArray(), p => p.GetProperty("code").GetString() == "RU-TYU" && p.GetProperty("name").GetString() == "Tyumen Oblast");
        using var weeks = await Json("/api/timeline?interval=week");
        Assert.All(weeks.RootElement.EnumerateArray(), t => Assert.Equal(DayOfWeek.Monday, DateOnly.Parse(t.GetProperty("period").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek));
    }

    [Fact]
    public async Task PlacesHonourLimitAndOffsetAndAreWholeWithout()
    {
        using var all = await Json("/api/places");
        Assert.True(all.RootElement.GetArrayLength() > 2, "the samples name more than two regions");
        using var first = await Json("/api/places?limit=1");
        Assert.Equal(1, first.RootElement.GetArrayLength());
        Assert.Equal(all.RootElement[0].GetProperty("code").GetString(), first.RootElement[0].GetProperty("code").GetString());
        using var second = await Json("/api/places?limit=1&offset=1");
        Assert.Equal(all.RootElement[1].GetProperty("code").GetString(), Assert.Single(second.RootElement.EnumerateArray()).GetProperty("code").GetString());
        using var rest = await Json("/api/places?offset=2");
        Assert.Equal(all.RootElement.GetArrayLength() - 2, rest.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        using var openApi = await Json("/openapi.json");
        var paths = openApi.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/claims", "/api/stories", "/api/stories/{id}", "/api/places", "/api/timeline", "/api/search", "/api/export/claims.csv" })
            Assert.True(paths.TryGetProperty(path, out _), $"missing {path}");
    }

    [Fact]
    public async Task ExportsComeAsCsvJsonLinesAndGeoJson()
    {
        var csv = await Client.GetStringAsync("/api/export/claims.csv?type=summons", TestContext.Current.CancellationToken);
        Assert.StartsWith("story,page,outlet,type,stance,evidence", csv);
        var lines = (await Client.GetStringAsync("/api/export/claims.jsonl", TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        using var geo = JsonDocument.Parse(await Client.GetStringAsync("/api/export/claims.geojson", TestContext.Current.CancellationToken));
        Assert.Equal("FeatureCollection", geo.RootElement.GetProperty("type").GetString());
        var feature = geo.RootElement.GetProperty("features")[0];
        Assert.Equal(2, feature.GetProperty("geometry").GetProperty("coordinates").GetArrayLength());
    }

    [Fact]
    public async Task UploadsNeedTheBearerTokenAndAreLimitedInSize()
    {
        var page = new ByteArrayContent(Encoding.UTF8.GetBytes("Conscripts sent to the front\n\nConscripts were sent to the front line without training, relatives said on Monday."));
        var anonymous = await Client.PostAsync("/api/documents?source=upload.txt", page, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents?source=upload.txt") { Content = page };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WebFixture.Token);
        var created = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(body.RootElement.GetProperty("claims").GetInt32() >= 1);

        using var big = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = new ByteArrayContent(new byte[6 * 1024 * 1024]) };
        big.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WebFixture.Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Client.SendAsync(big, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task AnUploadedFeedStoresEachItemAndNamesItsDocuments()
    {
        using var backend = fixture.NewBackend();
        var database = backend.Location;
        // The server is gone before its record is removed.
        {
            using var factory = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Muster.Web.MusterWebOptions>()
                .WithWebHostBuilder(web => web.UseSetting("db", database).UseSetting("token", "feed-token"));
            var client = factory.CreateClient();
            var feed = await File.ReadAllBytesAsync(Path.Combine(SharedFolder.Samples, "feeds", "mobilization.rss"), TestContext.Current.CancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents?source=mobilization.rss") { Content = new ByteArrayContent(feed) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "feed-token");
            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            using var body = JsonDocument.Parse(text);
            var documents = body.RootElement.GetProperty("documents");
            Assert.Equal(3, documents.GetArrayLength());
            Assert.All(documents.EnumerateArray(), d => Assert.Equal("added", d.GetProperty("status").GetString()));
            Assert.Empty(body.RootElement.GetProperty("errors").EnumerateArray());

            using var unknown = new HttpRequestMessage(HttpMethod.Post, "/api/documents?format=pdf") { Content = new ByteArrayContent(feed) };
            unknown.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "feed-token");
            Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(unknown, TestContext.Current.CancellationToken)).StatusCode);
        }
    }

    [Fact]
    public async Task WithoutATokenTheServerIsReadOnly()
    {
        using var readOnly = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Muster.Web.MusterWebOptions>()
            .WithWebHostBuilder(web => web.UseSetting("db", fixture.DatabasePath));
        var client = readOnly.CreateClient();
        var response = await client.PostAsync("/api/documents", new StringContent("x"), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{response.StatusCode}");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/claims")]
    [InlineData("/search?q=summons")]
    [InlineData("/places/RU-TYU")]
    public async Task AHostilePagesMarkupIsEscapedInEveryView(string url)
    {
        var html = await Client.GetStringAsync(url, TestContext.Current.CancellationToken);
        AssertInert(html);
    }

    [Fact]
    public async Task TheStoryViewEscapesTheHostilePageAndMarksTheEvidence()
    {
        var html = await Client.GetStringAsync($"/stories/{fixture.HostileStoryId}", TestContext.Current.CancellationToken);
        AssertInert(html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("<mark", html);
    }

    private static void AssertInert(string html)
    {
        // The page's markup may appear only as text (&lt;script&gt;): no tag of it, no handler inside a real tag.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<[^>]*\son[a-z]+\s*=", html);
        Assert.DoesNotMatch(@"<[^>]*href\s*=\s*""?\s*javascript:", html);
        Assert.DoesNotMatch(@"<[^>]*\sstyle\s*=", html);
    }
}

/// <summary>The REST API over a SQLite file.</summary>
public sealed class ApiTests(WebFixture fixture) : ApiSuite(fixture), IClassFixture<WebFixture>;

/// <summary>The REST API over PostgreSQL: the same answers and the same JSON.</summary>
public sealed class PostgresApiTests(PostgresWebFixture fixture) : ApiSuite(fixture), IClassFixture<PostgresWebFixture>
{
    [Fact]
    public async Task SavedQueriesSayTheyAreKeptBesideASqliteRecordOnlyAndNoFileIsMade()
    {
        var client = fixture.Factory.CreateClient();
        var page = await client.GetStringAsync("/alerts", TestContext.Current.CancellationToken);
        Assert.Contains("SQLite record only", page);
        var feed = await client.GetAsync("/alerts/anything.atom", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, feed.StatusCode);
        Assert.False(File.Exists(fixture.DatabasePath), "a SQLite file named after the server's URI");
    }
}
