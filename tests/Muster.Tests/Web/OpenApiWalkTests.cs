using System.Net;
using System.Text.Json;

namespace Muster.Tests.Web;

/// <summary>
/// The OpenAPI document against the API it describes: every GET operation is called with each parameter it declares,
/// once with a value its schema allows and once with a value it does not.
/// </summary>
public sealed class OpenApiWalkTests(WebFixture fixture) : IClassFixture<WebFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private async Task<JsonDocument> Document()
    {
        var response = await _client.GetAsync("/openapi.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static IEnumerable<(string Path, JsonElement Operation)> Gets(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("get", out _))
            .Select(p => (p.Name, p.Value.GetProperty("get")));

    private static List<JsonElement> QueryParameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var all) ? all.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").ToList() : [];

    /// <summary>A value the schema allows: the first name of an enum, 1 for a whole number, a date for a date.</summary>
    private static string Valid(JsonElement parameter)
    {
        var schema = parameter.GetProperty("schema");
        if (schema.TryGetProperty("enum", out var names))
            return names[0].GetString()!;
        if (parameter.TryGetProperty("example", out var example))
            return example.GetString()!;
        return schema.GetProperty("type").GetString() switch
        {
            "integer" => "1",
            "boolean" => "true",
            _ when schema.TryGetProperty("pattern", out var pattern) && pattern.GetString()!.Contains(@"\d{4}") => "2024-05-01",
            _ => "summons",
        };
    }

    /// <summary>A value of the wrong type: a word for a number or boolean, an unknown name, a malformed code or date, text with a NUL.</summary>
    private static string Invalid(JsonElement parameter)
    {
        var schema = parameter.GetProperty("schema");
        if (schema.TryGetProperty("enum", out _))
            return "no-such-value";
        return schema.GetProperty("type").GetString() switch
        {
            "integer" => "x",
            "boolean" => "maybe",
            _ when schema.TryGetProperty("pattern", out _) => "not-a-code-or-date",
            _ => "a%00b",
        };
    }

    private static string Url(string path, IEnumerable<JsonElement> required, JsonElement parameter, string value)
    {
        // Path parameters get an id no record has: a 404 is an answer, a 500 is not.
        var url = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", "no-such-id");
        var pairs = required.Where(r => r.GetProperty("name").GetString() != parameter.GetProperty("name").GetString())
            .Select(r => $"{r.GetProperty("name").GetString()}={Uri.EscapeDataString(Valid(r))}")
            .Append($"{parameter.GetProperty("name").GetString()}={(value.Contains('%') ? value : Uri.EscapeDataString(value))}");
        return url + "?" + string.Join("&", pairs);
    }

    [Fact]
    public async Task EveryGetAnswersEveryDeclaredParameterWithAValidValue()
    {
        using var document = await Document();
        var calls = 0;
        foreach (var (path, operation) in Gets(document))
        {
            var parameters = QueryParameters(operation);
            var required = parameters.Where(p => p.TryGetProperty("required", out var r) && r.GetBoolean()).ToList();
            foreach (var parameter in parameters)
            {
                var url = Url(path, required, parameter, Valid(parameter));
                var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                if (path.Contains('{'))
                    Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode} {body}");
                else
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
                calls++;
            }
        }
        // The claim lists alone declare dozens; an empty walk would pass for nothing.
        Assert.True(calls > 50, $"only {calls} calls");
    }

    [Fact]
    public async Task AWrongTypedValueOfEveryDeclaredParameterIsA400NamingIt()
    {
        using var document = await Document();
        foreach (var (path, operation) in Gets(document))
        {
            var parameters = QueryParameters(operation);
            var required = parameters.Where(p => p.TryGetProperty("required", out var r) && r.GetBoolean()).ToList();
            foreach (var parameter in parameters)
            {
                var name = parameter.GetProperty("name").GetString()!;
                var url = Url(path, required, parameter, Invalid(parameter));
                var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {body}");
                using var problem = JsonDocument.Parse(body);
                Assert.True(problem.RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(name, out _), $"{url}: {body}");
                Assert.StartsWith(name + ":", problem.RootElement.GetProperty("detail").GetString());
            }
        }
    }

    [Fact]
    public async Task TheDocumentTypesParametersNamesTheirValuesAndDeclaresTheBearerScheme()
    {
        using var document = await Document();
        var operations = Gets(document).ToDictionary(o => o.Path, o => o.Operation);
        JsonElement Parameter(string path, string name) => QueryParameters(operations[path]).Single(p => p.GetProperty("name").GetString() == name);

        foreach (var path in new[] { "/api/claims", "/api/places", "/api/export/claims.csv", "/api/export/claims.jsonl", "/api/export/claims.geojson" })
            foreach (var name in new[] { "type", "stance", "place", "country", "from", "to", "source", "q" })
                Assert.Equal("string", Parameter(path, name).GetProperty("schema").GetProperty("type").GetString());
        // A whole number is typed "integer", not ["integer", "string"].
        Assert.Equal("integer", Parameter("/api/claims", "limit").GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("integer", Parameter("/api/events", "min_sources").GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("integer", Parameter("/api/changes", "after").GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("integer", Parameter("/api/search", "limit").GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("200", Parameter("/api/places", "limit").GetProperty("schema").GetProperty("maximum").ToString());

        string[] Names(string path, string name) => Parameter(path, name).GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToArray();
        Assert.Equal(["asserted", "hedged", "denied"], Names("/api/claims", "stance"));
        Assert.Equal(["day", "week"], Names("/api/timeline", "interval"));
        Assert.Equal(Muster.Claims.ClaimTaxonomy.Default.Types.Select(t => t.Code), Names("/api/stories", "type"));
        Assert.Equal("boolean", Parameter("/api/stories", "relevant").GetProperty("schema").GetProperty("type").GetString());

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var upload = document.RootElement.GetProperty("paths").GetProperty("/api/documents").GetProperty("post");
        Assert.True(upload.GetProperty("security")[0].TryGetProperty("bearer", out _));
        Assert.Contains(upload.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "format" && p.GetProperty("schema").TryGetProperty("enum", out _));
        // Only the upload needs the token.
        Assert.All(Gets(document), o => Assert.False(o.Operation.TryGetProperty("security", out _), o.Path));
    }
}
