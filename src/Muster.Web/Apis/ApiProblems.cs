using Microsoft.AspNetCore.Http.HttpResults;

namespace Muster.Web.Apis;

/// <summary>The 400 every endpoint answers for a bad parameter: the errors by field, and the same in one line.</summary>
internal static class ApiProblems
{
    /// <summary>A validation problem whose <c>detail</c> reads "name: reason; name: reason".</summary>
    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: OneLine(errors));

    /// <summary>A validation problem for one parameter.</summary>
    public static ValidationProblem Invalid(string parameter, string reason) =>
        Invalid(new Dictionary<string, string[]> { [parameter] = [reason] });

    /// <summary>The errors as one line, the parameter first.</summary>
    public static string OneLine(Dictionary<string, string[]> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}"));
}
