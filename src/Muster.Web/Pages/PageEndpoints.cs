using System.Globalization;
using System.Reflection;
using System.Text;
using Muster.Events;
using Muster.Storage;
using Muster.Web.Apis;
using static Muster.Web.Pages.Html;

namespace Muster.Web.Pages;

/// <summary>The server-rendered pages: feed, claims, story, place, map, timeline, search.</summary>
public static class PageEndpoints
{
    /// <summary>Maps the pages.</summary>
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder routes)
    {
        var pages = routes.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", Feed);
        pages.MapGet("/claims", ClaimList);
        pages.MapGet("/stories/{id}", StoryView);
        pages.MapGet("/places/{code}", PlaceView);
        pages.MapGet("/map", MapPage);
        pages.MapGet("/timeline", TimelineView);
        pages.MapGet("/search", SearchView);
        // The page clamps min_sources to its range; only a value that is no whole number is refused.
        pages.MapGet("/events", EventList).Reads([ApiParameters.MinSources]);
        pages.MapGet("/events/{id}", EventView);
        return routes;
    }

    /// <summary>Serves the stylesheet compiled into the assembly (works wherever the server runs from).</summary>
    public static IEndpointRouteBuilder MapAssets(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/assets/{name}", (string name) =>
        {
            var type = Path.GetExtension(name) switch { ".css" => "text/css; charset=utf-8", ".js" => "text/javascript; charset=utf-8", ".svg" => "image/svg+xml", _ => null };
            var stream = type is null ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream("Muster.Web.Assets." + name);
            return stream is null ? Results.NotFound() : Results.Stream(stream, type);
        }).ExcludeFromDescription();
        return routes;
    }

    private static IResult Feed(HttpRequest request, IRecordStore store)
    {
        var (query, errors) = QueryParameters.Read(request.Query, 25);
        var regions = ClaimsApi.PlaceCounts(store, query ?? new QueryParameters(new ClaimFilter(), 0, 25)).ToList();
        var body = new StringBuilder("<h1>Mobilization news, claim by claim</h1>")
            .Append("<p class=\"lead\">Stories about coerced military mobilization, newest first. Each claim keeps its exact evidence, who made it and who relayed it. ")
            .Append("Filter by type and region, or open the <a href=\"/map\">map</a>.</p>");
        body.Append(Fragments.Filters("/", query ?? new QueryParameters(new ClaimFilter(), 0, 25), regions, open: query is null));
        if (query is null)
            return Layout.Page("Feed", "/", body.Append(Fragments.Problems(errors!)).ToString(), 400);
        var page = store.QueryStories(relevantOnly: true, query.Filtered ? query.Filter : null, query.Offset, query.Limit);
        var placed = ClaimsApi.PlaceCounts(store, query).Take(12).ToList();
        body.Append("<div class=\"columns\"><section aria-labelledby=\"feed-h\"><h2 id=\"feed-h\">Stories (").Append(page.Total).Append(")</h2>");
        if (page.Items.Count == 0)
            body.Append("<p>No stories match. Ingest pages with <code>muster ingest</code>, or clear the filters.</p>");
        body.Append("<ol class=\"feed\">");
        foreach (var s in page.Items)
        {
            var title = s.Story.Title ?? FirstWords(s.Story.Text);
            body.Append("<li><article><h3><a href=\"/stories/").Append(U(s.Story.Id)).Append("\">").Append(E(title)).Append("</a></h3><p class=\"meta\">")
                .Append(E(s.Outlet ?? "outlet unknown")).Append(" · ").Append(E(s.Story.Published?.ToString() ?? "date not stated")).Append(" · ")
                .Append(s.Story.Claims.Count).Append(s.Story.Claims.Count == 1 ? " claim" : " claims").Append("</p><p class=\"badges\">");
            foreach (var type in s.Story.Claims.Select(c => c.Type).Distinct())
                body.Append(Fragments.Badge(type)).Append(' ');
            body.Append("</p></article></li>");
        }
        body.Append("</ol>").Append(Fragments.Pager("/", request, page.Total, page.Offset, page.Limit)).Append("</section>");
        body.Append("<aside aria-labelledby=\"where-h\"><h2 id=\"where-h\">Where</h2>");
        if (placed.Count == 0)
            body.Append("<p>No placed claims.</p>");
        body.Append("<ul class=\"regions\">");
        foreach (var region in placed)
            body.Append("<li>").Append(RegionLink(region, query.Filter.Type)).Append(" <span class=\"code\">").Append(E(region.Code))
                .Append("</span> <span class=\"count\">").Append(region.Claims).Append("</span></li>");
        body.Append("</ul></aside></div>");
        return Layout.Page("Feed", "/", body.ToString());
    }

    /// <summary>A link to a region's page, keeping the claim type being looked at.</summary>
    private static string RegionLink(PlaceCountDto region, string? type) =>
        $"<a href=\"/places/{U(region.Code)}{(type is null ? "" : "?type=" + U(type))}\">{E(region.Name)}</a>";

    private static string FirstWords(string text) => text.Length <= 90 ? text : text[..text.LastIndexOf(' ', 89)] + "…";

    private static IResult ClaimList(HttpRequest request, IRecordStore store)
    {
        var (query, errors) = QueryParameters.Read(request.Query);
        var regions = ClaimsApi.PlaceCounts(store, new QueryParameters(new ClaimFilter(), 0, 50)).ToList();
        var body = new StringBuilder("<h1>Claims</h1>").Append(Fragments.Filters("/claims", query ?? new QueryParameters(new ClaimFilter(), 0, 50), regions, open: query is null));
        if (query is null)
            return Layout.Page("Claims", "/claims", body.Append(Fragments.Problems(errors!)).ToString(), 400);
        var page = store.QueryClaims(query.Filter, query.Offset, query.Limit);
        body.Append("<p>").Append(page.Total).Append(" claims. <a href=\"/api/export/claims.csv").Append(request.QueryString.Value is { Length: > 0 } qs ? E(qs) : "").Append("\">Download CSV</a></p>")
            .Append(Fragments.ClaimTable(page.Items)).Append(Fragments.Pager("/claims", request, page.Total, page.Offset, page.Limit));
        return Layout.Page("Claims", "/claims", body.ToString());
    }

    private static IResult StoryView(string id, IRecordStore store)
    {
        var stored = store.FindStory(id);
        if (stored is null)
            return Layout.Page("Not found", "", $"<h1>No such story</h1><p>There is no story “{E(id)}”.</p>", 404);
        var story = stored.Story;
        var storedClaims = store.QueryClaims(new ClaimFilter(StoryId: story.Id), 0, 1000).Items;
        var ids = storedClaims.Select(c => c.Id).ToList();
        var body = new StringBuilder();
        body.Append("<article class=\"story\"><h1>").Append(E(story.Title ?? FirstWords(story.Text))).Append("</h1>")
            .Append("<dl class=\"meta\"><dt>Outlet</dt><dd>").Append(E(stored.Outlet ?? "unknown")).Append("</dd>")
            .Append("<dt>Published</dt><dd>").Append(E(story.Published?.ToString() ?? "not stated on the page")).Append("</dd>")
            .Append("<dt>Role</dt><dd>").Append(E(DomainNames.RoleName(story.Role))).Append(story.Relevant ? ", about mobilization" : "").Append("</dd>")
            .Append("<dt>Page</dt><dd>").Append(E(stored.Source)).Append(" (version ").Append(stored.Version).Append(", characters ").Append(story.Start).Append('–').Append(story.End).Append(")</dd>");
        // The original: the address the page states (canonical URL, feed link, archived target), else its source when
        // that is an address; only http and https become links.
        if ((ExternalLink(store.DocumentUrl(stored.DocumentId)) ?? ExternalLink(stored.Source)) is { } original)
            body.Append("<dt>Original</dt><dd class=\"original\">").Append(original).Append("</dd>");
        body.Append("</dl>");
        body.Append("<section class=\"text\" aria-label=\"Story text\">").Append(HighlightedText(stored, ids)).Append("</section>");
        body.Append("<section aria-labelledby=\"claims-h\"><h2 id=\"claims-h\">Claims (").Append(story.Claims.Count).Append(")</h2>");
        if (story.Claims.Count == 0)
            body.Append("<p>No claim found in this story.</p>");
        body.Append("<ol class=\"claim-list\">");
        for (var i = 0; i < story.Claims.Count; i++)
        {
            var claim = story.Claims[i];
            body.Append("<li id=\"claim-").Append(i < ids.Count ? ids[i] : i + 1).Append("\"><p>").Append(Fragments.Badge(claim.Type)).Append(' ').Append(Fragments.Stance(claim.Stance))
                .Append("</p><blockquote>").Append(E(claim.Evidence)).Append("</blockquote><dl>")
                .Append("<dt>Source</dt><dd>").Append(Fragments.Chain(claim)).Append("</dd>");
            if (claim.Places.Count > 0)
                body.Append("<dt>Places</dt><dd>").Append(Fragments.PlacesLinks(claim.Places)).Append("</dd>");
            if (claim.Quantity is not null)
                body.Append("<dt>Quantity</dt><dd>").Append(Fragments.Quantity(claim.Quantity)).Append("</dd>");
            if (claim.Date is { } date)
                body.Append("<dt>Date</dt><dd>").Append(E(date.ToString())).Append("</dd>");
            if (i < storedClaims.Count && storedClaims[i].EventId is { } eventId)
                body.Append("<dt>Event</dt><dd><a href=\"/events/").Append(U(eventId)).Append("\">").Append(E(eventId)).Append("</a></dd>");
            body.Append("<dt>Confidence</dt><dd>").Append(claim.Confidence.ToString("0.00", CultureInfo.InvariantCulture)).Append("</dd></dl></li>");
        }
        body.Append("</ol></section></article>");
        return Layout.Page(story.Title ?? "Story", "", body.ToString());
    }

    /// <summary>The story's paragraphs with each claim's evidence in a <c>mark</c>; all text escaped.</summary>
    private static string HighlightedText(StoredStory stored, List<long> ids)
    {
        var claims = stored.Story.Claims;
        var html = new StringBuilder();
        foreach (var pieces in Muster.Export.EvidenceMarks.Paragraphs(stored.DocumentText, stored.Story))
        {
            html.Append("<p>");
            foreach (var piece in pieces)
            {
                if (piece.Claim is not { } index)
                {
                    html.Append(E(piece.Text));
                    continue;
                }
                var claim = claims[index];
                html.Append("<mark class=\"").Append(TypeClass(claim.Type)).Append("\" title=\"")
                    .Append(E(TypeLabel(claim.Type) + ", " + DomainNames.StanceName(claim.Stance))).Append("\"><a href=\"#claim-")
                    .Append(index < ids.Count ? ids[index] : index + 1).Append("\">").Append(E(piece.Text)).Append("</a></mark>");
            }
            html.Append("</p>");
        }
        return html.ToString();
    }

    private static IResult PlaceView(string code, HttpRequest request, IRecordStore store)
    {
        code = code.ToUpperInvariant(); // /places/ru-tyu is RU-TYU, as the filters take it
        var (query, errors) = QueryParameters.Read(request.Query);
        if (query is null || !System.Text.RegularExpressions.Regex.IsMatch(code, "^[A-Z]{2}(-[A-Z0-9]{1,3})?$"))
            return Layout.Page("Place", "", "<h1>Place</h1>" + Fragments.Problems(errors ?? new() { ["code"] = ["an ISO 3166-2 code such as RU-TYU"] }), 400);
        if (ClaimFilterRules.Problems(new ClaimFilter(Place: code)).TryGetValue("place", out var unknown))
            return Layout.Page("Not found", "", $"<h1>No such place</h1><p>{E(unknown)}.</p>", 404);
        var filter = query.Filter with { Place = code };
        var name = Muster.Places.Gazetteer.Default.Region(code)?.Name ?? code;
        var page = store.QueryClaims(filter, query.Offset, query.Limit);
        var byType = store.Timeline(filter).GroupBy(t => t.Type).Select(g => (Type: g.Key, Claims: g.Sum(x => x.Claims))).OrderByDescending(t => t.Claims);
        var body = new StringBuilder("<h1>").Append(E(name)).Append(" <span class=\"code\">").Append(E(code)).Append("</span></h1>");
        body.Append("<p>").Append(page.Total).Append(" claims").Append(query.Filter.Type is { } t ? " of type " + E(TypeLabel(t)) : "").Append(" name this place.")
            .Append(query.Filter.Type is null ? "" : $" <a href=\"/places/{U(code)}\">All types</a>").Append("</p><ul class=\"badges\">");
        foreach (var (type, claims) in byType)
            body.Append("<li><a href=\"/places/").Append(U(code)).Append("?type=").Append(U(type)).Append("\">").Append(Fragments.Badge(type)).Append("</a> ").Append(claims).Append("</li>");
        body.Append("</ul>").Append(Fragments.ClaimTable(page.Items)).Append(Fragments.Pager("/places/" + U(code), request, page.Total, page.Offset, page.Limit));
        return Layout.Page(name, "", body.ToString());
    }

    private static IResult MapPage(HttpRequest request, IRecordStore store)
    {
        var (query, errors) = QueryParameters.Read(request.Query);
        var view = MapView.Find(request.Query["view"].ToString());
        if (view is null)
            (errors ??= [])["view"] = [MapView.Choices];
        var body = new StringBuilder("<h1>Map of claims</h1><p class=\"lead\">Each region is shaded by the number of claims naming it. ")
            .Append("Choose a type to see, for instance, where summonses were reported, or a part of the map to zoom in.</p>")
            .Append(Fragments.Filters("/map", query ?? new QueryParameters(new ClaimFilter(), 0, 50), ClaimsApi.PlaceCounts(store, new QueryParameters(new ClaimFilter(), 0, 50)).ToList(),
                withText: false, open: query is null || view is null, hidden: view is null || view == MapView.Default ? null : ("view", view.Code)));
        if (query is null || view is null)
            return Layout.Page("Map", "/map", body.Append(Fragments.Problems(errors!)).ToString(), 400);
        var regions = ClaimsApi.PlaceCounts(store, query).ToList();
        // The view links keep the filters; the map shows every region, so paging does not apply.
        var kept = string.Join("&amp;", request.Query.Where(q => q.Key is not ("view" or "offset" or "limit") && q.Value.ToString().Length > 0)
            .OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => U(q.Key) + "=" + U(q.Value.ToString())));
        body.Append(MapRenderer.Render(regions, query.Filter.Type, view, kept));
        body.Append("<h2>Regions</h2><div class=\"table-wrap\"><table class=\"map-regions\"><thead><tr><th scope=\"col\">Region</th><th scope=\"col\">Code</th><th scope=\"col\">Claims</th></tr></thead><tbody>");
        foreach (var region in regions)
            body.Append("<tr><td>").Append(RegionLink(region, query.Filter.Type)).Append("</td><td>").Append(E(region.Code))
                .Append("</td><td>").Append(region.Claims).Append("</td></tr>");
        body.Append("</tbody></table></div>");
        return Layout.Page("Map", "/map", body.ToString());
    }

    private static IResult TimelineView(HttpRequest request, IRecordStore store, string? interval)
    {
        var (query, errors) = QueryParameters.Read(request.Query);
        var body = new StringBuilder("<h1>Timeline</h1><p class=\"lead\">Claims per ").Append(interval == "week" ? "week" : "day")
            .Append(" by type, on a time axis: a claim stands on its own date when the text gives a full one, else on its story's stated date. ")
            .Append("Claims with neither are counted beside the chart, never placed on the day Muster read their page. ")
            .Append(interval == "week" ? "<a href=\"/timeline\">Show days</a>" : "<a href=\"/timeline?interval=week\">Show weeks</a>").Append("</p>");
        if (query is null || interval is not (null or "day" or "week"))
            return Layout.Page("Timeline", "/timeline", body.Append(Fragments.Problems(errors ?? new() { ["interval"] = ["day or week"] })).ToString(), 400);
        body.Append(TimelineRenderer.Render(ClaimsApi.Dated(store, query, interval ?? "day")));
        return Layout.Page("Timeline", "/timeline", body.ToString());
    }

    private static IResult EventList(HttpRequest request, IRecordStore store, int? min_sources)
    {
        var (query, errors) = QueryParameters.Read(request.Query);
        var minimum = Math.Clamp(min_sources ?? 1, 1, 1000);
        var body = new StringBuilder("<h1>Events</h1><p class=\"lead\">Claims from different pages that report the same happening, grouped. ")
            .Append("Sources count independent parties: a reprint, or one party's report relayed by several outlets, counts once.</p>")
            .Append("<form class=\"filters\" method=\"get\" action=\"/events\"><div><label for=\"e-min\">At least this many sources</label><input id=\"e-min\" name=\"min_sources\" inputmode=\"numeric\" value=\"")
            .Append(minimum).Append("\"></div><div><label for=\"e-type\">Type</label><select id=\"e-type\" name=\"type\"><option value=\"\">All types</option>");
        foreach (var type in Muster.Claims.ClaimTaxonomy.Default.Types)
            body.Append("<option value=\"").Append(E(type.Code)).Append('"').Append(type.Code == query?.Filter.Type ? " selected" : "").Append('>').Append(E(TypeLabel(type.Code))).Append("</option>");
        body.Append("</select></div><div class=\"actions\"><button type=\"submit\">Apply filters</button></div></form>");
        if (query is null)
            return Layout.Page("Events", "/events", body.Append(Fragments.Problems(errors!)).ToString(), 400);
        var events = store.ListEvents(new EventFilter(minimum, query.Filter.Type, query.Filter.Place), query.Offset, query.Limit);
        body.Append("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Event</th><th scope=\"col\">Type</th><th scope=\"col\">Sources</th><th scope=\"col\">Outlets</th>")
            .Append("<th scope=\"col\">Places</th><th scope=\"col\">Reported</th><th scope=\"col\">Conflicts</th></tr></thead><tbody>");
        foreach (var e in events)
            body.Append("<tr><td><a href=\"/events/").Append(U(e.Id)).Append("\">").Append(E(EventTitle.For(e.Type, store.EventClaims(e.Id)) ?? e.Id))
                .Append("</a> <span class=\"code\">").Append(E(e.Id)).Append("</span></td><td>").Append(Fragments.Badge(e.Type)).Append("</td><td>")
                .Append(e.Sources.Count).Append(": ").Append(E(string.Join("; ", e.Sources))).Append("</td><td>").Append(E(string.Join("; ", e.Outlets))).Append("</td><td>")
                .Append(E(string.Join(", ", e.Places))).Append("</td><td>").Append(E(Reported(e)))
                .Append("</td><td>").Append(E(string.Join("; ", e.Conflicts))).Append("</td></tr>");
        body.Append("</tbody></table></div>");
        return Layout.Page("Events", "/events", body.ToString());
    }

    // The days the stories state, and the claims of stories that state none, apart: never the day Muster read a page.
    private static string Reported(EventSummary e)
    {
        var span = e.FirstReported is null ? "undated" : e.FirstReported == e.LastReported ? e.FirstReported : $"{e.FirstReported} – {e.LastReported}";
        return e.Undated > 0 && e.FirstReported is not null ? $"{span} (+{e.Undated} undated)" : span;
    }

    private static IResult EventView(string id, IRecordStore store)
    {
        if (store.FindEvent(id) is not { } e)
            return Layout.Page("Not found", "", $"<h1>No such event</h1><p>There is no event “{E(id)}”.</p>", 404);
        var claims = store.EventClaims(id);
        var title = EventTitle.For(e.Type, claims);
        var body = new StringBuilder("<h1>").Append(E(title ?? "Event")).Append(" <span class=\"code\">").Append(E(e.Id)).Append("</span> ").Append(Fragments.Badge(e.Type)).Append("</h1>")
            .Append("<dl class=\"meta\"><dt>Independent sources</dt><dd>").Append(e.Sources.Count).Append(": ").Append(E(string.Join("; ", e.Sources))).Append("</dd>")
            .Append("<dt>Outlets</dt><dd>").Append(E(string.Join("; ", e.Outlets))).Append("</dd>")
            .Append("<dt>Reported</dt><dd>").Append(E(Reported(e))).Append("</dd>")
            .Append("<dt>Places</dt><dd>").Append(string.Join(", ", e.Places.Select(p => $"<a href=\"/places/{U(p)}\">{E(p)}</a>"))).Append("</dd></dl>");
        if (e.Conflicts.Count > 0)
            body.Append("<div class=\"problem\"><p><strong>Conflicts</strong></p><ul>").Append(string.Concat(e.Conflicts.Select(c => $"<li>{E(c)}</li>"))).Append("</ul></div>");
        body.Append("<h2>Claims (").Append(e.Claims).Append(")</h2>").Append(Fragments.ClaimTable(claims));
        return Layout.Page(title ?? "Event " + e.Id, "/events", body.ToString());
    }

    private static IResult SearchView(string? q, IRecordStore store)
    {
        var body = new StringBuilder("<h1>Search</h1><form class=\"filters\" method=\"get\" action=\"/search\" role=\"search\"><div><label for=\"q\">Words in titles and stories</label>")
            .Append("<input id=\"q\" name=\"q\" value=\"").Append(E(q)).Append("\" maxlength=\"200\"></div><div class=\"actions\"><button type=\"submit\">Search</button></div></form>")
            .Append("<p class=\"hint\">Words, \"exact phrases\", AND, OR, NOT and prefix* work.</p>");
        if (string.IsNullOrWhiteSpace(q))
            return Layout.Page("Search", "/search", body.ToString());
        // Over-long queries are cut to the limit below; a control character is refused, as the API refuses it.
        if (QueryParameters.TextProblem(q.Length > QueryParameters.MaxTextLength ? q[..QueryParameters.MaxTextLength] : q) is { } problem)
            return Layout.Page("Search", "/search", body.Append(Fragments.Problems(new() { ["q"] = [problem] })).ToString(), 400);
        IReadOnlyList<SearchHit> hits;
        var parsed = SearchQuery.Parse(q.Length > QueryParameters.MaxTextLength ? q[..QueryParameters.MaxTextLength] : q);
        try
        {
            hits = store.Search(parsed.Query ?? throw new SearchSyntaxException(parsed.Error!), 50);
        }
        catch (SearchSyntaxException e)
        {
            return Layout.Page("Search", "/search", body.Append("<div class=\"problem\" role=\"alert\"><p>This query cannot be read: ").Append(E(e.Message)).Append("</p></div>").ToString(), 400);
        }
        body.Append("<p>").Append(hits.Count).Append(hits.Count == 1 ? " story" : " stories").Append(" found.</p><ol class=\"feed\">");
        foreach (var hit in hits)
        {
            // Every piece is escaped; the matches are marked.
            var snippet = hit.Snippet.Render(E, m => "<mark>" + E(m) + "</mark>");
            body.Append("<li><h3><a href=\"/stories/").Append(U(hit.StoryId)).Append("\">").Append(E(hit.Title ?? hit.StoryId)).Append("</a></h3><p>").Append(snippet).Append("</p></li>");
        }
        return Layout.Page("Search", "/search", body.Append("</ol>").ToString());
    }
}
