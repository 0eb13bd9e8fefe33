using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Muster.Tests.Watching;

/// <summary>
/// A news site on loopback (real Kestrel) for the watcher: an RSS feed with full items, an Atom feed of summaries
/// whose articles are pages, an HTML listing, article pages, a robots.txt that disallows /private/, and the
/// awkward answers (a 429 with Retry-After, a slow page, a page over the cap, a redirect loop). It records every
/// request: path, when (by a stopwatch), and the headers the watcher sent.
/// </summary>
internal sealed class NewsServer : IAsyncDisposable
{
    public sealed record Request(string Path, TimeSpan At, string? IfNoneMatch, string? IfModifiedSince, string? UserAgent, string Method, string Body, string? IdempotencyKey);

    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Article pages by path (/articles/ID): title and paragraphs.</summary>
    public ConcurrentDictionary<string, (string Title, string[] Paragraphs)> Articles { get; } = new();

    /// <summary>The RSS feed's items (their article paths), newest last; its ETag changes with them.</summary>
    public List<string> RssItems { get; } = [];

    /// <summary>The Atom feed's entries (article paths); served with a Last-Modified.</summary>
    public List<string> AtomEntries { get; } = [];

    /// <summary>The listing's teaser links (article paths, or others such as /private/...).</summary>
    public List<string> ListingLinks { get; } = [];

    /// <summary>Further feeds: path → item paths (the kill test's many sources).</summary>
    public ConcurrentDictionary<string, string[]> ExtraFeeds { get; } = new();

    /// <summary>How many webhook POSTs are answered 500 before they are accepted.</summary>
    public int HookFailuresLeft;

    public string Robots { get; set; } = "User-agent: *\nDisallow: /private/\n";

    public Uri Base { get; }

    private NewsServer(WebApplication app)
    {
        _app = app;
        Base = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    public static async Task<NewsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        NewsServer? server = null;
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            string body = "";
            if (HttpMethods.IsPost(request.Method))
                body = await new StreamReader(request.Body).ReadToEndAsync();
            server!.Requests.Enqueue(new Request(request.Path + request.QueryString, server._clock.Elapsed, request.Headers.IfNoneMatch.FirstOrDefault(),
                request.Headers.IfModifiedSince.FirstOrDefault(), request.Headers.UserAgent.FirstOrDefault(), request.Method, body,
                request.Headers["Idempotency-Key"].FirstOrDefault()));
            await next();
        });
        app.MapGet("/robots.txt", () => Results.Text(server!.Robots, "text/plain"));
        app.MapGet("/feed.xml", (HttpContext context) => server!.Rss(context, "/feed.xml", server.RssItems));
        app.MapGet("/feeds/{name}", (HttpContext context, string name) =>
            server!.ExtraFeeds.TryGetValue("/feeds/" + name, out var items) ? server.Rss(context, "/feeds/" + name, [.. items]) : Results.NotFound());
        app.MapGet("/atom.xml", (HttpContext context) => server!.Atom(context));
        app.MapGet("/news/", (HttpContext context) => server!.Listing(context));
        app.MapGet("/articles/{id}", (string id) => server!.Article("/articles/" + id));
        app.MapGet("/private/{id}", (string id) => server!.Article("/private/" + id));
        app.MapGet("/limited", (HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = "120";
            return Results.StatusCode(429);
        });
        app.MapGet("/slow", async (CancellationToken cancel) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), cancel);
            return Results.Text("<rss/>", "application/rss+xml");
        });
        app.MapGet("/big", async (HttpContext context) =>
        {
            // No Content-Length: the cap must hold while reading, not only on the header.
            context.Response.ContentType = "application/rss+xml";
            var chunk = Encoding.UTF8.GetBytes(new string(' ', 64 * 1024));
            for (var i = 0; i < 64; i++)
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        });
        app.MapGet("/loop/{n:int}", (int n) => Results.Redirect($"/loop/{n + 1}"));
        app.MapPost("/hook", () =>
        {
            if (Interlocked.Decrement(ref server!.HookFailuresLeft) >= 0)
                return Results.StatusCode(500);
            return Results.Ok();
        });
        await app.StartAsync();
        server = new NewsServer(app);
        return server;
    }

    public Uri At(string path) => new(Base, path.TrimStart('/'));

    public IEnumerable<Request> To(string path) => Requests.Where(r => r.Path == path);

    public void Clear() => Requests.Clear();

    public void AddArticle(string path, string title, params string[] paragraphs) => Articles[path] = (title, paragraphs);

    private IResult Article(string path)
    {
        if (!Articles.TryGetValue(path, out var article))
            return Results.NotFound();
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(article.Title))
            .Append("</title></head><body><article><h1>").Append(WebUtility.HtmlEncode(article.Title)).Append("</h1>");
        foreach (var paragraph in article.Paragraphs)
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>");
        return Results.Content(html.Append("</article></body></html>").ToString(), "text/html; charset=utf-8");
    }

    /// <summary>A conditional answer: 304 when the request's validator is the current one.</summary>
    private static bool Unchanged(HttpContext context, string etag)
    {
        context.Response.Headers.ETag = etag;
        return context.Request.Headers.IfNoneMatch.ToString() == etag;
    }

    private IResult Rss(HttpContext context, string path, List<string> items)
    {
        string[] current;
        lock (items)
            current = [.. items];
        var etag = $"\"{path.GetHashCode():x}-{string.Join(",", current).GetHashCode():x}\"";
        if (Unchanged(context, etag))
            return Results.StatusCode(304);
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Example Gazette</title><link>")
            .Append(Base).Append("</link>");
        foreach (var item in current)
        {
            var (title, paragraphs) = Articles[item];
            xml.Append("<item><title>").Append(WebUtility.HtmlEncode(title)).Append("</title><link>").Append(At(item)).Append("</link><content:encoded><![CDATA[")
                .Append(string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"))).Append("]]></content:encoded></item>");
        }
        return Results.Content(xml.Append("</channel></rss>").ToString(), "application/rss+xml; charset=utf-8");
    }

    private static readonly DateTimeOffset AtomModified = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private IResult Atom(HttpContext context)
    {
        var modified = AtomModified.AddMinutes(AtomEntries.Count).ToString("R");
        context.Response.Headers.LastModified = modified;
        if (context.Request.Headers.IfModifiedSince.ToString() == modified)
            return Results.StatusCode(304);
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Example Courier</title><id>urn:example:courier</id><updated>2026-11-30T08:00:00Z</updated>");
        foreach (var entry in AtomEntries)
        {
            var (title, _) = Articles[entry];
            xml.Append("<entry><title>").Append(WebUtility.HtmlEncode(title)).Append("</title><id>").Append(At(entry)).Append("</id><updated>2026-11-30T08:00:00Z</updated><link rel=\"alternate\" href=\"")
                .Append(At(entry)).Append("\"/><summary>A short summary; the whole story is on the site.</summary></entry>");
        }
        return Results.Content(xml.Append("</feed>").ToString(), "application/atom+xml; charset=utf-8");
    }

    private IResult Listing(HttpContext context)
    {
        var etag = $"\"listing-{string.Join(",", ListingLinks).GetHashCode():x}\"";
        if (Unchanged(context, etag))
            return Results.StatusCode(304);
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>News | Example Herald</title></head><body><main>");
        foreach (var link in ListingLinks)
        {
            var title = Articles.TryGetValue(link, out var a) ? a.Title : "A story the site keeps for its own readers only today";
            html.Append("<article class=\"teaser\"><h2><a href=\"").Append(link).Append("\">").Append(WebUtility.HtmlEncode(title))
                .Append("</a></h2><p>A few words about the story, shown on the listing under its headline.</p></article>");
        }
        return Results.Content(html.Append("</main></body></html>").ToString(), "text/html; charset=utf-8");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
