using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Places;
using Muster.Storage;

namespace Muster.Web.Apis;

/// <summary><c>/api/claims</c>, <c>/api/places</c> and <c>/api/timeline</c>: the claims, where and when.</summary>
public static class ClaimsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Claims");
        api.MapGet("/claims", List)
            .WithSummary("Claims, filtered by type, stance, place (region code) or country, date range (from, to), source and text (q).");
        api.MapGet("/places", Places).WithSummary("Claims per region, with the region's name and coordinates.");
        api.MapGet("/timeline", Timeline).WithSummary("Claims per day or week (interval=day|week) by type.");
        return routes;
    }

    private static Results<Ok<PageDto<ClaimDto>>, ValidationProblem> List(HttpRequest request, IRecordStore store)
    {
        var (query, errors) = QueryParameters.Read(request.Query);
        if (query is null)
            return ApiProblems.Invalid(errors!);
        var page = store.QueryClaims(query.Filter, query.Offset, query.Limit);
        return TypedResults.Ok(new PageDto<ClaimDto>(page.Items.Select(ClaimDto.From).ToList(), page.Total, page.Offset, page.Limit, page.TotalIsExact));
    }

    private static Results<Ok<List<PlaceCountDto>>, ValidationProblem> Places(HttpRequest request, IRecordStore store)
    {
        var (query, errors) = QueryParameters.Read(request.Query);
        if (query is null)
            return ApiProblems.Invalid(errors!);
        return TypedResults.Ok(PlaceCounts(store, query).ToList());
    }

    internal static IReadOnlyList<PlaceCountDto> PlaceCounts(IRecordStore store, QueryParameters query) =>
        Cache.Get(store, "places:" + query.Filter, () => store.CountPlaces(query.Filter).Select(p =>
        {
            var region = Gazetteer.Default.Region(p.Code);
            return new PlaceCountDto(p.Code, p.Country ?? region?.Country, region?.Name ?? p.Name, p.Claims, region?.Lat ?? p.Lat, region?.Lon ?? p.Lon);
        }).ToList());

    /// <summary>Aggregates kept until the record changes.</summary>
    internal static readonly AggregateCache Cache = new();


    private static Results<Ok<List<TimelineDto>>, ValidationProblem> Timeline(HttpRequest request, IRecordStore store, string? interval)
    {
        var (query, errors) = QueryParameters.Read(request.Query);
        if (query is null)
            return ApiProblems.Invalid(errors!);
        if (interval is not (null or "day" or "week"))
            return ApiProblems.Invalid("interval", "day or week");
        return TypedResults.Ok(Buckets(store, query, interval ?? "day"));
    }

    internal static List<TimelineDto> Buckets(IRecordStore store, QueryParameters query, string interval)
    {
        var days = Cache.Get(store, "timeline:" + query.Filter, () => store.Timeline(query.Filter));
        if (interval == "day")
            return days.Select(d => new TimelineDto(d.Day, d.Type, d.Claims)).ToList();
        return days
            .Select(d => (Week: WeekStart(d.Day), d.Type, d.Claims))
            .GroupBy(d => (d.Week, d.Type))
            .Select(g => new TimelineDto(g.Key.Week, g.Key.Type, g.Sum(x => x.Claims)))
            .OrderBy(t => t.Period, StringComparer.Ordinal).ThenBy(t => t.Type, StringComparer.Ordinal).ToList();
    }

    private static string WeekStart(string day)
    {
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return day;
        var offset = ((int)date.DayOfWeek + 6) % 7; // Monday starts the week (ISO 8601)
        return date.AddDays(-offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
