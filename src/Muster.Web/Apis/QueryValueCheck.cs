namespace Muster.Web.Apis;

/// <summary>
/// Checks the whole numbers and booleans of the query parameters the endpoint a request was routed to declared
/// (<see cref="ApiParameterEndpoints.Reads"/>), before the endpoint runs. Minimal APIs answer a typed value that does
/// not parse with a bare 400; this answers it with the parameter and what it takes, as every other bad value is
/// answered, from the same declarations the OpenAPI document lists.
/// </summary>
internal static class QueryValueCheck
{
    /// <summary>The middleware: runs after routing, before the endpoint.</summary>
    public static async Task Invoke(HttpContext context, Func<Task> next)
    {
        if (context.GetEndpoint()?.Metadata.DeclaredParameters() is { Count: > 0 } declared && Problems(declared, context.Request.Query) is { Count: > 0 } errors)
        {
            await ApiProblems.Invalid(errors).ExecuteAsync(context);
            return;
        }
        await next();
    }

    private static Dictionary<string, string[]> Problems(IReadOnlyList<ApiParameter> declared, IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var parameter in declared)
        {
            if (!query.TryGetValue(parameter.Name, out var values))
                continue;
            foreach (var value in values)
            {
                // An empty value means "not given", as QueryParameters reads it.
                if (!string.IsNullOrEmpty(value) && parameter.TypeProblem(value) is { } problem)
                    errors[parameter.Name] = [problem];
            }
        }
        return errors;
    }
}
