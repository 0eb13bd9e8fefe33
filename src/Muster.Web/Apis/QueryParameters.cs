using Muster.Storage;

namespace Muster.Web.Apis;

/// <summary>
/// The filters and paging every list endpoint and page accepts, validated once: a bad value is a 400 with the
/// reason, never a 500. Limits keep a query's cost bounded.
/// </summary>
public sealed record QueryParameters(ClaimFilter Filter, int Offset, int Limit)
{
    /// <summary>The largest page a request can ask for (<see cref="ApiParameters.Limit"/>'s maximum).</summary>
    public const int MaxLimit = 200;

    /// <summary>The longest text filter or search query accepted.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Reads the query string; returns the parameters or the errors by field.</summary>
    public static (QueryParameters? Value, Dictionary<string, string[]>? Errors) Read(IQueryCollection query, int defaultLimit = 50)
    {
        var errors = new Dictionary<string, string[]>();
        string? Text(string name)
        {
            var value = query[name].ToString();
            if (value.Length == 0)
                return null;
            if (TextProblem(value) is { } problem)
            {
                // Kept out of the filter, so no later rule quotes the value back with its control characters.
                errors[name] = [problem];
                return null;
            }
            return value;
        }
        // The names are the ones the OpenAPI document lists (ApiParameters).
        var placeField = query.ContainsKey(ApiParameters.Place.Name) ? ApiParameters.Place.Name : ApiParameters.Country.Name;
        var filter = ClaimFilterRules.Normalize(new ClaimFilter(Text(ApiParameters.Type.Name), Text(ApiParameters.Place.Name) ?? Text(ApiParameters.Country.Name),
            Text(ApiParameters.From.Name), Text(ApiParameters.Stance.Name), Text(ApiParameters.Source.Name), Text(ApiParameters.To.Name), Text(ApiParameters.Text.Name)));
        // The query string names the filter's fields its own way: since is "from", until is "to".
        foreach (var (field, problem) in ClaimFilterRules.Problems(filter))
            errors[field switch
            {
                "since" => ApiParameters.From.Name, "until" => ApiParameters.To.Name, "place" => placeField, "type" => ApiParameters.Type.Name,
                "stance" => ApiParameters.Stance.Name, _ => field,
            }] = [problem];
        var offset = Number(query, ApiParameters.Offset, 0, errors);
        var limit = Number(query, ApiParameters.Limit, defaultLimit, errors);
        if (errors.Count > 0)
            return (null, errors);
        return (new QueryParameters(filter, offset, limit), null);
    }

    /// <summary>
    /// Why a text parameter (a filter, a search query) is refused, or null: too long, or holding a control character
    /// (NUL, a line break), which no word or name contains and which would reach SQLite and the one-line reasons.
    /// </summary>
    public static string? TextProblem(string value)
    {
        if (value.Length > MaxTextLength)
            return $"at most {MaxTextLength} characters";
        var control = value.AsSpan().IndexOfAnyInRange('\u0000', '\u001f');
        if (control < 0)
            control = value.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        return control < 0 ? null : $"holds a control character (U+{(int)value[control]:X4}) at position {control + 1}";
    }

    private static int Number(IQueryCollection query, ApiParameter parameter, int fallback, Dictionary<string, string[]> errors)
    {
        var value = query[parameter.Name].ToString();
        if (value.Length == 0)
            return fallback;
        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || !parameter.InRange(number))
        {
            errors[parameter.Name] = [parameter.Range];
            return fallback;
        }
        return number;
    }

    /// <summary>True when any claim filter is set.</summary>
    public bool Filtered => Filter != new ClaimFilter();
}
