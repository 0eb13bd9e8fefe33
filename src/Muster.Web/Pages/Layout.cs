using System.Text;
using static Muster.Web.Pages.Html;

namespace Muster.Web.Pages;

/// <summary>The frame of every page: head, navigation, main content, footer. No inline script or style.</summary>
internal static class Layout
{
    private static readonly (string Href, string Label)[] Navigation =
    [
        ("/", "Feed"), ("/claims", "Claims"), ("/events", "Events"), ("/map", "Map"), ("/timeline", "Timeline"), ("/search", "Search"), ("/alerts", "Alerts"),
    ];

    public static IResult Page(string title, string current, string body, int status = 200)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" · Muster</title>")
            .Append("<link rel=\"stylesheet\" href=\"/assets/muster.css\"></head><body>")
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
            .Append("<header class=\"site\"><a class=\"brand\" href=\"/\">Muster</a><nav aria-label=\"Main\"><ul>");
        foreach (var (href, label) in Navigation)
        {
            var here = href == current ? " aria-current=\"page\"" : "";
            html.Append("<li><a href=\"").Append(href).Append('"').Append(here).Append('>').Append(label).Append("</a></li>");
        }
        html.Append("</ul></nav></header><main id=\"main\">").Append(body).Append("</main>")
            .Append("<footer class=\"site\"><p>Claims about coerced military mobilization, each with its evidence and source. ")
            .Append("Data: <a href=\"/api/claims\">API</a> · <a href=\"/openapi.json\">OpenAPI</a> · ")
            .Append("<a href=\"/api/export/claims.csv\">CSV</a> · <a href=\"/api/export/claims.geojson\">GeoJSON</a>. ")
            .Append("Place names: GeoNames (CC BY 4.0). Outlines: Natural Earth.</p></footer></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
