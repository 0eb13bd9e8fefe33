using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Muster.Web.Apis;

namespace Muster.Tests.Web;

/// <summary>The document lists what an endpoint declares, and refuses to hide what a handler binds without declaring.</summary>
public sealed class ApiParameterTransformerTests
{
    private static async Task<WebApplication> App(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddMusterOpenApi();
        var app = builder.Build();
        app.MapOpenApi("/openapi.json");
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    [Fact]
    public async Task ADeclaredParameterIsListedWithItsTypeAndRange()
    {
        await using var app = await App(a => a.MapGet("/pages", (int? page) => page ?? 0)
            .Reads([new ApiParameter("page", ApiValue.Integer, "A page.", Minimum: 1, Maximum: 10)]));
        using var document = JsonDocument.Parse(await app.GetTestClient().GetStringAsync("/openapi.json", TestContext.Current.CancellationToken));
        var page = Assert.Single(document.RootElement.GetProperty("paths").GetProperty("/pages").GetProperty("get").GetProperty("parameters").EnumerateArray());
        Assert.Equal("page", page.GetProperty("name").GetString());
        Assert.Equal("integer", page.GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal(10, page.GetProperty("schema").GetProperty("maximum").GetInt32());
    }

    [Fact]
    public async Task AParameterBoundButNotDeclaredFailsTheDocument()
    {
        await using var app = await App(a => a.MapGet("/pages", (int? page) => page ?? 0));
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => app.GetTestClient().GetAsync("/openapi.json", TestContext.Current.CancellationToken));
        Assert.Contains("'page' is bound but not declared", error.Message);
    }
}
