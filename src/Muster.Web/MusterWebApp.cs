using Microsoft.AspNetCore.Http.Features;
using Muster.Pipeline;
using Muster.Storage;
using Muster.Web.Apis;
using Muster.Web.Pages;

namespace Muster.Web;

/// <summary>
/// Builds Muster's web application: the JSON API under <c>/api</c> with its OpenAPI document, and the
/// server-rendered pages. Read-only unless a token is configured.
/// </summary>
public static class MusterWebApp
{
    /// <summary>The address the server listens on when none is given: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Builds the application; <c>db</c> and <c>token</c> settings (command line, configuration) override <paramref name="options"/>.</summary>
    public static WebApplication Build(MusterWebOptions options, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return options with
            {
                DatabasePath = configuration["db"] is { Length: > 0 } db ? db : options.DatabasePath,
                Token = configuration["token"] is { Length: > 0 } token ? token : options.Token,
                LockWait = double.TryParse(configuration["lock-wait"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var wait) && wait > 0
                    ? TimeSpan.FromSeconds(wait) : options.LockWait,
            };
        });
        builder.Services.AddScoped<IRecordStore>(sp =>
        {
            var resolved = sp.GetRequiredService<MusterWebOptions>();
            return new SqliteRecordStore(resolved.DatabasePath, resolved.LockWait);
        });
        builder.Services.AddSingleton(_ => new MusterPipelineBuilder().UseClaims().Build());
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<RecordBusyHandler>();
        builder.Services.AddMusterOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json => 
        {
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never;
            // The API reads no JSON bodies; strict numbers make the document type them "integer", not "integer|string".
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes);

        var app = builder.Build();
        var resolved = app.Services.GetRequiredService<MusterWebOptions>();
        using (new SqliteRecordStore(resolved.DatabasePath, resolved.LockWait))
        {
            // Opening once brings the schema up to date before the first request.
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(SecurityHeaders);
        app.Use(HeadAsGet);
        // Routing after HeadAsGet, so a HEAD request finds the GET endpoint.
        app.UseRouting();
        app.Use(QueryValueCheck.Invoke);
        app.MapOpenApi("/openapi.json");
        app.MapStoriesApi();
        app.MapClaimsApi();
        app.MapSearchApi();
        app.MapEventsApi();
        app.MapExportApi();
        if (resolved.Token is { Length: > 0 })
            app.MapDocumentsApi(resolved);
        app.MapPages();
        app.MapAlertPages();
        app.MapAssets();
        return app;
    }

    /// <summary>
    /// HEAD is GET without the body (RFC 9110, 9.3.2): monitors and link checkers ask it. The request is routed as
    /// GET, with the same status and headers, and what the endpoint writes is discarded.
    /// </summary>
    private static async Task HeadAsGet(HttpContext context, Func<Task> next)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next();
            return;
        }
        var body = context.Response.Body;
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = Stream.Null;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    }

    /// <summary>
    /// Every response: a Content-Security-Policy without inline scripts or styles, no MIME sniffing, no framing,
    /// no referrer. Text from pages is untrusted; the pages escape it, and these headers keep a slip inert.
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; " +
                                        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        return next();
    }
}
