using System.Net;
using System.Text.Json;

namespace Muster.Tests.Web;

/// <summary>The API's and pages' edges: values a client can send that must be a 400 with the reason, never a 500.</summary>
public sealed class ApiEdgeTests(WebFixture fixture) : IClassFixture<WebFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    [Theory]
    [InlineData("/api/claims?from=2147483648", "from")]
    [InlineData("/api/claims?to=99999999999999999999", "to")]
    [InlineData("/api/claims?from=2024-2147483648", "from")]
    [InlineData("/api/claims?source=a%00b", "source")]
    [InlineData("/api/claims?q=summons%00", "q")]
    [InlineData("/api/places?source=a%00b", "source")]
    [InlineData("/api/places?from=2147483648", "from")]
    [InlineData("/api/stories?q=%00", "q")]
    [InlineData("/api/stories?to=2147483648", "to")]
    [InlineData("/api/timeline?source=%00", "source")]
    [InlineData("/api/events?type=sum%00mons", "type")]
    [InlineData("/api/export/claims.csv?from=2147483648", "from")]
    [InlineData("/api/export/claims.jsonl?source=%00", "source")]
    [InlineData("/api/export/claims.geojson?q=%00", "q")]
    [InlineData("/api/search?q=summons%00", "q")]
    public async Task AnOutOfRangeNumberOrAControlCharacterIsA400NamingTheParameter(string url, string parameter)
    {
        var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.StartsWith(parameter + ":", detail);
        Assert.DoesNotContain('\n', detail);
        Assert.DoesNotContain('\0', detail);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Theory]
    [InlineData("/?from=2147483648", "from")]
    [InlineData("/claims?from=2147483648", "from")]
    [InlineData("/claims?source=a%00b", "source")]
    [InlineData("/map?q=%00", "q")]
    [InlineData("/map?view=moon", "view")]
    [InlineData("/timeline?to=2147483648", "to")]
    [InlineData("/events?source=%00", "source")]
    [InlineData("/places/RU-TYU?from=2147483648", "from")]
    [InlineData("/search?q=summons%00", "q")]
    public async Task PagesAnswerTheSameValuesWithA400NamingTheParameter(string url, string parameter)
    {
        var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {html}");
        Assert.Contains($"<strong>{parameter}</strong>", html);
        Assert.DoesNotContain('\0', html);
    }

    [Theory]
    [InlineData("/api/claims?place=XX-YYY")]
    [InlineData("/api/claims?country=XX")]
    [InlineData("/api/places?place=RU-ZZZ")]
    [InlineData("/api/events?place=XX-YYY")]
    [InlineData("/api/export/claims.csv?place=XX-YYY")]
    public async Task AnUnknownPlaceCodeIsA400NotAnEmptyList(string url)
    {
        var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("of the gazetteer", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RegionCodesAreCaseInsensitiveInTheApiAndThePages()
    {
        var upper = await _client.GetStringAsync("/api/claims?place=RU-TYU", TestContext.Current.CancellationToken);
        var lower = await _client.GetStringAsync("/api/claims?place=ru-tyu", TestContext.Current.CancellationToken);
        Assert.Contains("RU-TYU", upper);
        Assert.Equal(upper, lower);
        var page = await _client.GetAsync("/places/ru-tyu", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Tyumen Oblast", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/places/XX-YYY", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task HeadOfTheHomePageIs200WithoutABody()
    {
        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.True(head.Headers.Contains("Content-Security-Policy"));
    }

    [Theory]
    [InlineData(null, "Bearer realm=\"muster\"")]
    [InlineData("Bearer wrong-token", "Bearer realm=\"muster\", error=\"invalid_token\"")]
    [InlineData("Basic dXNlcjpwYXNz", "Bearer realm=\"muster\", error=\"invalid_token\"")]
    public async Task A401SaysWhichSchemeItWants(string? authorization, string challenge)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents?source=x.txt") { Content = new StringContent("text") };
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(challenge, Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
    }

    [Theory]
    [InlineData("/api/stories?relevant=maybe", "relevant", "true or false")]
    [InlineData("/api/changes?after=x", "after", "a whole number")]
    [InlineData("/api/changes?after=99999999999999999999", "after", "a whole number")]
    [InlineData("/api/events?min_sources=many", "min_sources", "a whole number")]
    [InlineData("/api/search?q=summons&limit=ten", "limit", "a whole number")]
    [InlineData("/api/search?q=summons&offset=5000", "offset", "a whole number from 0 to 2000")]
    [InlineData("/events?min_sources=2147483648", "min_sources", "a whole number")]
    [InlineData("/api/events?stance=denied", "stance", "not a filter of events; filter their claims with /api/claims")]
    [InlineData("/api/events?from=2024", "from", "not a filter of events; filter their claims with /api/claims")]
    [InlineData("/api/events?q=summons", "q", "not a filter of events; filter their claims with /api/claims")]
    public async Task AValueOfTheWrongTypeIsA400StatingTheReason(string url, string parameter, string takes)
    {
        var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal($"{parameter}: {takes}", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(takes, problem.RootElement.GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    [Theory]
    [InlineData("/api/stories?relevant=true")]
    [InlineData("/api/stories?relevant=False")]
    [InlineData("/api/changes?after=0")]
    [InlineData("/api/events?min_sources=2")]
    public async Task AValueOfTheRightTypeIsTaken(string url) =>
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
}
