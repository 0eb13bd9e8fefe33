using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Muster.Alerts;
using Muster.Storage;
using static Muster.Web.Pages.Html;

namespace Muster.Web.Pages;

/// <summary>
/// The saved queries of <c>muster alerts</c>: a page listing them with their latest matches, and each as an Atom
/// feed at <c>/alerts/NAME.atom</c>, so that any feed reader can follow it.
/// </summary>
public static class AlertPages
{
    /// <summary>The most matches a query's feed lists, newest first.</summary>
    public const int FeedEntries = 50;

    /// <summary>Maps <c>/alerts</c> and <c>/alerts/{name}.atom</c>.</summary>
    public static IEndpointRouteBuilder MapAlertPages(this IEndpointRouteBuilder routes)
    {
        var pages = routes.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/alerts", List);
        pages.MapGet("/alerts/{name}.atom", Feed);
        return routes;
    }

    private static SqliteAlertStore Open(MusterWebOptions options) => new(options.DatabasePath, options.LockWait);

    private static IResult List(MusterWebOptions options)
    {
        using var alerts = Open(options);
        var body = new StringBuilder("<h1>Saved queries</h1><p class=\"lead\">Queries saved with <code>muster alerts add</code>. ")
            .Append("<code>muster watch</code> raises an alert for each claim or event that newly matches one; each is also an Atom feed to follow in a feed reader.</p>");
        var queries = alerts.List();
        if (queries.Count == 0)
            body.Append("<p>No saved queries. Save one with <code>muster alerts add NAME --type summons --place RU</code>.</p>");
        foreach (var query in queries)
        {
            body.Append("<section class=\"saved-query\"><h2>").Append(E(query.Name)).Append("</h2><p class=\"meta\">").Append(E(query.Describe()))
                .Append(" · ").Append(alerts.MatchCount(query.Name)).Append(" matches · <a href=\"/alerts/").Append(U(query.Name)).Append(".atom\">Atom feed</a></p>");
            var latest = alerts.Latest(query.Name, 5);
            if (latest.Count == 0)
                body.Append("<p>No matches yet.</p>");
            body.Append("<ul>");
            foreach (var match in latest)
            {
                var (title, path, _) = Describe(match);
                body.Append("<li><a href=\"").Append(E(path)).Append("\">").Append(E(title)).Append("</a> <span class=\"meta\">")
                    .Append(E(Stamp(match.MatchedAt))).Append(match.Baseline ? " (matched when saved)" : "").Append("</span></li>");
            }
            body.Append("</ul></section>");
        }
        return Layout.Page("Saved queries", "/alerts", body.ToString());
    }

    private static (string Title, string Path, string Summary) Describe(RecordedMatch match)
    {
        using var payload = JsonDocument.Parse(match.Payload);
        var root = payload.RootElement;
        string Field(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        var summary = match.Kind == MatchKind.Claim
            ? $"{Field("evidence")}{(Field("outlet") is { Length: > 0 } outlet ? $" ({outlet})" : "")} {Field("page")}".Trim()
            : Field("title");
        return (Field("title"), Field("path"), summary);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Text from pages may hold characters XML cannot carry (control characters): they are left out of the feed.
    private static string XmlText(string text) => text.All(XmlConvert.IsXmlChar) ? text : new string(text.Where(XmlConvert.IsXmlChar).ToArray());

    private static IResult Feed(string name, HttpRequest request, MusterWebOptions options)
    {
        using var alerts = Open(options);
        if (alerts.Find(name) is not { } query)
            return TypedResults.Problem($"no saved query '{name}'; saved: {string.Join(", ", alerts.List().Select(q => q.Name).DefaultIfEmpty("none"))}",
                statusCode: 404, title: "Not found");
        var matches = alerts.Latest(query.Name, FeedEntries);
        var root = $"{request.Scheme}://{request.Host}";
        var self = $"{root}/alerts/{Uri.EscapeDataString(query.Name)}.atom";
        var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            const string atom = "http://www.w3.org/2005/Atom";
            xml.WriteStartElement("feed", atom);
            xml.WriteElementString("id", atom, self);
            xml.WriteElementString("title", atom, $"Muster: {query.Name}");
            xml.WriteElementString("subtitle", atom, query.Describe());
            xml.WriteElementString("updated", atom, Stamp(matches.Count > 0 ? matches[0].MatchedAt : query.CreatedAt));
            xml.WriteStartElement("link", atom);
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("href", self);
            xml.WriteEndElement();
            xml.WriteStartElement("author", atom);
            xml.WriteElementString("name", atom, "Muster");
            xml.WriteEndElement();
            foreach (var match in matches)
            {
                var (title, path, summary) = Describe(match);
                xml.WriteStartElement("entry", atom);
                xml.WriteElementString("id", atom, $"{self}#{(match.Kind == MatchKind.Claim ? "claim" : "event")}-{match.Subject}");
                xml.WriteElementString("title", atom, XmlText(title));
                xml.WriteElementString("updated", atom, Stamp(match.MatchedAt));
                xml.WriteStartElement("link", atom);
                xml.WriteAttributeString("rel", "alternate");
                xml.WriteAttributeString("type", "text/html");
                xml.WriteAttributeString("href", root + path);
                xml.WriteEndElement();
                xml.WriteStartElement("summary", atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(XmlText(summary));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }
}
