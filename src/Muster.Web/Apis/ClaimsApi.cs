using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Places;
using Muster.Storage;

namespace Muster.Web.Apis;

/// <summary><c>/api/claims</c>, <c>/api/places</c> and <c>/api/timeline</c>: the claims, where and when.</summary>
/// <remarks>The timeline counts stated days only (see <see cref="Dated"/>): the store's own timeline falls back to the
/// ingest day, which is no report date.</remarks>
public static class ClaimsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Claims");
        api.MapGet("/claims", List)
            .WithSummary("Claims, filtered by type, stance, place (region code) or country, date range (from, to), source and text (q).")
            .Reads(ApiParameters.ClaimFilters, ApiParameters.Paging);
        api.MapGet("/places", Places).WithSummary("Claims per region, with the region's name and coordinates; all regions unless offset or limit is given.")
            .Reads(ApiParameters.ClaimFilters, ApiParameters.Paging);
        api.MapGet("/timeline", Timeline).WithSummary("Claims per stated day or week (interval=day|week) by type: the claim's own full date, else its story's; claims without a stated day are left out.")
            .Reads(ApiParameters.ClaimFilters, [ApiParameters.Interval]);
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
        // Every region unless a page is asked for: the list was whole before it took offset and limit.
        var (query, errors) = QueryParameters.Read(request.Query, defaultLimit: int.MaxValue);
        if (query is null)
            return ApiProblems.Invalid(errors!);
        return TypedResults.Ok(PlaceCounts(store, query).Skip(query.Offset).Take(query.Limit).ToList());
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
        if (interval is not null && !ApiParameters.Interval.Values!.Contains(interval))
            return ApiProblems.Invalid("interval", string.Join(" or ", ApiParameters.Interval.Values!));
        return TypedResults.Ok(Buckets(store, query, interval ?? "day"));
    }

    internal static List<TimelineDto> Buckets(IRecordStore store, QueryParameters query, string interval) =>
        Dated(store, query, interval).Buckets.ToList();

    /// <summary>
    /// Claims per stated day (or week) and type, and the claims left off the axis: the day is the claim's own full
    /// date, else its story's stated one; a claim with neither is undated, one dated only to a month or a year (or a
    /// day without its year) is imprecise. Never the day Muster read the page.
    /// </summary>
    internal static TimelineData Dated(IRecordStore store, QueryParameters query, string interval)
    {
        var days = Cache.Get(store, "stated-days:" + query.Filter, () =>
        {
            var counts = new Dictionary<(string Day, string Type), long>();
            long undated = 0, imprecise = 0;
            foreach (var c in store.ListClaims(query.Filter))
            {
                var day = FullDay(c.Claim.Date?.ToString()) ?? FullDay(c.StoryPublished);
                if (day is not null)
                    counts[(day, c.Claim.Type)] = counts.GetValueOrDefault((day, c.Claim.Type)) + 1;
                else if (c.Claim.Date is null && c.StoryPublished is null)
                    undated++;
                else
                    imprecise++;
            }
            var buckets = counts.Select(kv => new TimelineDto(kv.Key.Day, kv.Key.Type, kv.Value))
                .OrderBy(t => t.Period, StringComparer.Ordinal).ThenBy(t => t.Type, StringComparer.Ordinal).ToList();
            return new TimelineData(buckets, undated, imprecise, "day");
        });
        if (interval == "day")
            return days;
        var weeks = days.Buckets
            .Select(d => (Week: WeekStart(d.Period), d.Type, d.Claims))
            .GroupBy(d => (d.Week, d.Type))
            .Select(g => new TimelineDto(g.Key.Week, g.Key.Type, g.Sum(x => x.Claims)))
            .OrderBy(t => t.Period, StringComparer.Ordinal).ThenBy(t => t.Type, StringComparer.Ordinal).ToList();
        return days with { Buckets = weeks, Interval = "week" };
    }

    private static string? FullDay(string? date) =>
        date is { Length: 10 } && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? date : null;

    private static string WeekStart(string day)
    {
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return day;
        var offset = ((int)date.DayOfWeek + 6) % 7; // Monday starts the week (ISO 8601)
        return date.AddDays(-offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
