using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Muster.Web.Apis;

/// <summary>
/// Checks the typed query parameters of the endpoint a request was routed to (<c>bool? relevant</c>,
/// <c>long? after</c>, <c>int? min_sources</c>) before the endpoint runs. Minimal APIs answer a value that does not
/// parse with a bare 400; this answers it with the parameter and what it takes, as every other bad value is
/// answered, while the handlers keep their types (and the OpenAPI document its parameter types).
/// </summary>
internal static class QueryValueCheck
{
    /// <summary>The middleware: runs after routing, before the endpoint.</summary>
    public static async Task Invoke(HttpContext context, Func<Task> next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>() is { } handler && Problems(handler, context.Request.Query) is { Count: > 0 } errors)
        {
            await ApiProblems.Invalid(errors).ExecuteAsync(context);
            return;
        }
        await next();
    }

    private static Dictionary<string, string[]> Problems(MethodInfo handler, IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var parameter in handler.GetParameters())
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            var name = parameter.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromQueryAttribute>()?.Name ?? parameter.Name;
            if (name is null || Takes(type) is not { } takes || !query.TryGetValue(name, out var values))
                continue;
            // The same parses minimal APIs bind with (IParsable with the invariant culture; bool.TryParse).
            foreach (var value in values)
            {
                var parsed = type == typeof(bool) ? bool.TryParse(value, out _)
                    : type == typeof(int) ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                    : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
                if (!parsed)
                    errors[name] = [takes];
            }
        }
        return errors;
    }

    private static string? Takes(Type type) =>
        type == typeof(bool) ? "true or false"
        : type == typeof(int) ? "a whole number"
        : type == typeof(long) ? "a whole number"
        : null;
}
