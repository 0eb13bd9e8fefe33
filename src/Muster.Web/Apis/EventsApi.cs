using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Storage;

namespace Muster.Web.Apis;

/// <summary><c>/api/events</c>: happenings reported by one or more pages, with their independent sources and conflicts.</summary>
public static class EventsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/events").WithTags("Events");
        api.MapGet("/", List).WithSummary("Events, most independently sourced first; min_sources, type, place filter them.")
            .Reads([ApiParameters.MinSources, ApiParameters.Type, ApiParameters.Place, ApiParameters.Country], ApiParameters.Paging);
        api.MapGet("/{id}", Get).WithSummary("One event with its claims.");
        routes.MapGroup("/api").WithTags("Events").MapGet("/changes", Changes)
            .WithSummary("Cluster merges and event creations after change number 'after', to reconcile an earlier export with today's record.")
            .Reads([ApiParameters.After]);
        return api;
    }

    private static Results<Ok<PageDto<EventDto>>, ValidationProblem> List(HttpRequest request, IRecordStore store, int? min_sources)
    {
        var (query, errors) = QueryParameters.Read(request.Query);
        if (query is null)
            return ApiProblems.Invalid(errors!);
        // Claim filters that events do not apply are refused, not ignored: an answer that looks filtered and is not
        // misleads.
        if (NotEventFilters.FirstOrDefault(request.Query.ContainsKey) is { } unused)
            return ApiProblems.Invalid(unused, "not a filter of events; filter their claims with /api/claims");
        if (min_sources is { } minimum && !ApiParameters.MinSources.InRange(minimum))
            return ApiProblems.Invalid(ApiParameters.MinSources.Name, ApiParameters.MinSources.Range);
        var events = store.ListEvents(new EventFilter(min_sources ?? 1, query.Filter.Type, query.Filter.Place), query.Offset, query.Limit + 1);
        return TypedResults.Ok(PageDto<EventSummary>.FromOnePast(events, query.Offset, query.Limit)
            .Map(e => EventDto.From(e, store.EventClaims(e.Id), withClaims: false)));
    }

    private static readonly string[] NotEventFilters = ["stance", "from", "to", "source", "q"];

    private static Results<Ok<List<RecordChange>>, ValidationProblem> Changes(long? after, IRecordStore store) =>
        after is { } number && !ApiParameters.After.InRange(number)
            ? ApiProblems.Invalid(ApiParameters.After.Name, "a change number, 0 or more")
            : TypedResults.Ok(store.Changes(after ?? 0).Take(10_000).ToList());

    private static Results<Ok<EventDto>, ProblemHttpResult> Get(string id, IRecordStore store) =>
        store.FindEvent(id) is { } summary
            ? TypedResults.Ok(EventDto.From(summary, store.EventClaims(id), withClaims: true))
            : TypedResults.Problem(title: "No such event", detail: $"There is no event '{id}'.", statusCode: StatusCodes.Status404NotFound);
}
