using System.Globalization;
using System.Text;
using Muster.Claims;
using Muster.Storage;
using Muster.Web.Apis;
using static Muster.Web.Pages.Html;

namespace Muster.Web.Pages;

/// <summary>Pieces several pages share: the filter form, claim tables, pagers.</summary>
internal static class Fragments
{
    /// <summary>
    /// The filter form. At phone width it folds behind one "Filters" button (a checkbox and its label: no script
    /// runs on these pages), so the first screen shows stories, not a form; it stays open when
    /// <paramref name="open"/> (the filters given were refused and need fixing). <paramref name="hidden"/> is a
    /// parameter the form keeps as it is (the map's view), or null.
    /// </summary>
    public static string Filters(string action, QueryParameters query, IReadOnlyList<PlaceCountDto> regions, bool withText = true, bool open = false,
        (string Name, string Value)? hidden = null)
    {
        var f = query.Filter;
        var set = new[] { f.Type, f.Place, f.Stance, f.Since, f.Until, withText ? f.SourceText : null }.Count(v => !string.IsNullOrEmpty(v));
        var html = new StringBuilder();
        html.Append("<input type=\"checkbox\" id=\"filters-toggle\" class=\"filters-toggle\" aria-controls=\"filters\"").Append(open ? " checked" : "").Append('>')
            .Append("<label for=\"filters-toggle\" class=\"filters-button\">Filters").Append(set > 0 ? $" ({set} set)" : "").Append("</label>");
        html.Append("<form id=\"filters\" class=\"filters\" method=\"get\" action=\"").Append(action).Append("\" role=\"search\" aria-label=\"Filter claims\">");
        html.Append("<div><label for=\"f-type\">Type</label><select id=\"f-type\" name=\"type\"><option value=\"\">All types</option>");
        foreach (var type in ClaimTaxonomy.Default.Types)
            html.Append("<option value=\"").Append(E(type.Code)).Append('"').Append(type.Code == f.Type ? " selected" : "").Append('>').Append(E(TypeLabel(type.Code))).Append("</option>");
        html.Append("</select></div>");
        html.Append("<div><label for=\"f-place\">Region</label><select id=\"f-place\" name=\"place\"><option value=\"\">All regions</option>");
        foreach (var country in new[] { ("RU", "Russia (all regions)"), ("UA", "Ukraine (all regions)") })
            html.Append("<option value=\"").Append(country.Item1).Append('"').Append(country.Item1 == f.Place ? " selected" : "").Append('>').Append(country.Item2).Append("</option>");
        foreach (var region in regions.OrderBy(r => r.Name, StringComparer.Ordinal))
            html.Append("<option value=\"").Append(E(region.Code)).Append('"').Append(region.Code == f.Place ? " selected" : "").Append('>')
                .Append(E(region.Name)).Append(" (").Append(E(region.Code)).Append(')').Append("</option>");
        if (f.Place is not null && f.Place.Length > 2 && regions.All(r => r.Code != f.Place))
            html.Append("<option value=\"").Append(E(f.Place)).Append("\" selected>").Append(E(f.Place)).Append("</option>");
        html.Append("</select></div>");
        html.Append("<div><label for=\"f-stance\">Stance</label><select id=\"f-stance\" name=\"stance\"><option value=\"\">Any stance</option>");
        foreach (var stance in new[] { "asserted", "hedged", "denied" })
            html.Append("<option value=\"").Append(stance).Append('"').Append(stance == f.Stance ? " selected" : "").Append('>').Append(stance).Append("</option>");
        html.Append("</select></div>");
        html.Append("<div><label for=\"f-from\">From</label><input id=\"f-from\" name=\"from\" placeholder=\"YYYY-MM-DD\" inputmode=\"numeric\" value=\"").Append(E(f.Since)).Append("\"></div>");
        html.Append("<div><label for=\"f-to\">To</label><input id=\"f-to\" name=\"to\" placeholder=\"YYYY-MM-DD\" inputmode=\"numeric\" value=\"").Append(E(f.Until)).Append("\"></div>");
        if (withText)
            html.Append("<div><label for=\"f-source\">Source</label><input id=\"f-source\" name=\"source\" value=\"").Append(E(f.SourceText)).Append("\"></div>");
        if (hidden is { } keep)
            html.Append("<input type=\"hidden\" name=\"").Append(E(keep.Name)).Append("\" value=\"").Append(E(keep.Value)).Append("\">");
        html.Append("<div class=\"actions\"><button type=\"submit\">Apply filters</button> <a href=\"").Append(action).Append("\">Clear</a></div></form>");
        return html.ToString();
    }

    public static string Badge(string type) => $"<span class=\"badge {TypeClass(type)}\">{E(TypeLabel(type))}</span>";

    public static string Stance(Stance stance)
    {
        var name = DomainNames.StanceName(stance);
        return $"<span class=\"stance s-{name}\">{name}</span>";
    }

    public static string PlacesLinks(IEnumerable<ClaimPlace> places) => string.Join(", ", places.Select(p => p.Code is null
        ? E(p.Name)
        : $"<a href=\"/places/{U(p.Code)}\">{E(p.Name)} <span class=\"code\">{E(p.Code)}</span></a>"));

    public static string Chain(Claim claim) =>
        claim.Source is null ? "<span class=\"muted\">unattributed</span>"
            : E(claim.Source) + string.Concat(claim.Via.Select(v => " <span aria-hidden=\"true\">→</span><span class=\"visually-hidden\">, relayed by</span> " + E(v)));

    public static string Quantity(Quantity? q) => E(Muster.Export.QuantityText.Format(q));

    /// <summary>The date a date filter compares for the claim: its own, else its story's stated one, marked as the story's.</summary>
    public static string ClaimDate(StoredClaim c) =>
        c.Claim.Date is { } own ? Day(own.ToString())
            : c.StoryPublished is { } published ? Day(published) + " <span class=\"muted\">(story)</span>"
            : "<span class=\"muted\">not stated</span>";

    // A date never breaks at its hyphens.
    private static string Day(string date) => $"<span class=\"day\">{E(date)}</span>";

    public static string ClaimTable(IEnumerable<StoredClaim> claims)
    {
        var html = new StringBuilder("<div class=\"table-wrap\"><table class=\"claims\"><thead><tr><th scope=\"col\">Type</th><th scope=\"col\">Stance</th>" +
            "<th scope=\"col\">Evidence</th><th scope=\"col\">Quantity</th><th scope=\"col\">Source</th><th scope=\"col\">Outlet</th><th scope=\"col\">Places</th>" +
            "<th scope=\"col\">Date</th></tr></thead><tbody>");
        foreach (var c in claims)
        {
            html.Append("<tr><td>").Append(Badge(c.Claim.Type)).Append("</td><td>").Append(Stance(c.Claim.Stance)).Append("</td><td>")
                .Append("<a href=\"/stories/").Append(U(c.StoryId)).Append("#claim-").Append(c.Id).Append("\">“").Append(E(c.Claim.Evidence)).Append("”</a>")
                .Append("</td><td class=\"quantity\">").Append(Quantity(c.Claim.Quantity)).Append("</td><td>").Append(Chain(c.Claim))
                .Append("</td><td>").Append(E(c.Outlet ?? "")).Append("</td><td>").Append(PlacesLinks(c.Claim.Places)).Append("</td><td class=\"date\">")
                .Append(ClaimDate(c)).Append("</td></tr>");
        }
        return html.Append("</tbody></table></div>").ToString();
    }

    public static string Pager(string path, HttpRequest request, long total, int offset, int limit)
    {
        if (total <= limit)
            return "";
        string Link(int newOffset)
        {
            var query = request.Query.Where(q => q.Key != "offset").Select(q => $"{U(q.Key)}={U(q.Value.ToString())}").Append($"offset={newOffset}");
            return path + "?" + string.Join("&amp;", query);
        }
        var html = new StringBuilder("<nav class=\"pager\" aria-label=\"Pages\">");
        if (offset > 0)
            html.Append("<a rel=\"prev\" href=\"").Append(Link(Math.Max(0, offset - limit))).Append("\">Previous</a> ");
        html.Append("<span>").Append(offset + 1).Append('–').Append(Math.Min(total, offset + limit)).Append(" of ").Append(total).Append("</span>");
        if (offset + limit < total)
            html.Append(" <a rel=\"next\" href=\"").Append(Link(offset + limit)).Append("\">Next</a>");
        return html.Append("</nav>").ToString();
    }

    public static string Problems(Dictionary<string, string[]> errors) =>
        "<div class=\"problem\" role=\"alert\"><p>Some filters are not valid:</p><ul>" +
        string.Concat(errors.Select(e => $"<li><strong>{E(e.Key)}</strong>: {E(string.Join("; ", e.Value))}</li>")) + "</ul></div>";
}
