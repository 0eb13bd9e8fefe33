using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Storage;

namespace Muster.Web.Apis;

/// <summary><c>/api/search</c>: full-text search over titles and bodies (words, phrases, AND/OR/NOT, prefix*: <see cref="SearchQuery"/>).</summary>
public static class SearchApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api").WithTags("Search").MapGet("/search", Search)
            .WithSummary("Stories whose title or body match q (words, \"phrases\", AND/OR/NOT, prefix*, parentheses, title:/body:); a malformed query is a 400.")
            .Reads([ApiParameters.SearchQuery, ApiParameters.SearchOffset, ApiParameters.Limit]);
        return routes;
    }

    private static Results<Ok<PageDto<SearchHitDto>>, ValidationProblem, ProblemHttpResult> Search(string? q, int? offset, int? limit, IRecordStore store)
    {
        if (string.IsNullOrWhiteSpace(q))
            return ApiProblems.Invalid("q", "a search query is required");
        if (QueryParameters.TextProblem(q) is { } problem)
            return ApiProblems.Invalid("q", problem);
        if (limit is { } count && !ApiParameters.Limit.InRange(count))
            return ApiProblems.Invalid(ApiParameters.Limit.Name, ApiParameters.Limit.Range);
        if (offset is { } skip && !ApiParameters.SearchOffset.InRange(skip))
            return ApiProblems.Invalid(ApiParameters.SearchOffset.Name, ApiParameters.SearchOffset.Range);
        var parsed = SearchQuery.Parse(q);
        if (parsed.Query is not { } query)
            return TypedResults.Problem(title: "Malformed search query", detail: parsed.Error, statusCode: StatusCodes.Status400BadRequest);
        try
        {
            var (from, size) = (offset ?? 0, limit ?? 50);
            var hits = store.Search(query, from + size + 1).Skip(from).Select(h => new SearchHitDto(h.StoryId, h.Title, h.Snippet.Mark("«", "»"))).ToList();
            return TypedResults.Ok(PageDto<SearchHitDto>.FromOnePast(hits, from, size));
        }
        catch (SearchSyntaxException e)
        {
            return TypedResults.Problem(title: "Malformed search query", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
