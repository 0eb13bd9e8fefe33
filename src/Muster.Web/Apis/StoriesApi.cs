using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Storage;

namespace Muster.Web.Apis;

/// <summary><c>/api/stories</c>: the stored stories, newest first, and one story with its claims.</summary>
public static class StoriesApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapStoriesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/stories").WithTags("Stories");
        api.MapGet("/", List).WithSummary("Stories newest first; claim filters keep the stories that have a matching claim.")
            .Reads([ApiParameters.Relevant], ApiParameters.ClaimFilters, ApiParameters.Paging);
        api.MapGet("/{id}", Get).WithSummary("One story with its text and claims.");
        return api;
    }

    private static Results<Ok<PageDto<StoryDto>>, ValidationProblem> List(HttpRequest request, IRecordStore store, bool? relevant)
    {
        var (query, errors) = QueryParameters.Read(request.Query);
        if (query is null)
            return ApiProblems.Invalid(errors!);
        var page = store.QueryStories(relevant ?? false, query.Filtered ? query.Filter : null, query.Offset, query.Limit);
        return TypedResults.Ok(new PageDto<StoryDto>(page.Items.Select(StoryDto.From).ToList(), page.Total, page.Offset, page.Limit, page.TotalIsExact));
    }

    private static Results<Ok<StoryDto>, ProblemHttpResult> Get(string id, IRecordStore store) =>
        store.FindStory(id) is { } story
            ? TypedResults.Ok(StoryDto.From(story))
            : TypedResults.Problem(title: "No such story", detail: $"There is no story '{id}'.", statusCode: StatusCodes.Status404NotFound);
}
