using Muster.Storage;

namespace Muster.Web.Apis;

/// <summary>
/// The filters and paging every list endpoint and page accepts, validated once: a bad value is a 400 with the
/// reason, never a 500. Limits keep a query's cost bounded.
/// </summary>
public sealed record QueryParameters(ClaimFilter Filter, int Offset, int Limit)
{
    /// <summary>The largest page a request can ask for.</summary>
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
            if (value.Length > MaxTextLength)
                errors[name] = [$"at most {MaxTextLength} characters"];
            return value;
        }
        var placeField = query.ContainsKey("place") ? "place" : "country";
        var filter = new ClaimFilter(Text("type"), Text("place") ?? Text("country"), Text("from"), Text("stance"), Text("source"), Text("to"), Text("q"));
        // The query string names the filter's fields its own way: since is "from", until is "to".
        foreach (var (field, problem) in ClaimFilterRules.Problems(filter))
            errors[field switch { "since" => "from", "until" => "to", "place" => placeField, _ => field }] = [problem];
        var offset = Number(query, "offset", 0, 0, int.MaxValue, errors);
        var limit = Number(query, "limit", defaultLimit, 1, MaxLimit, errors);
        if (errors.Count > 0)
            return (null, errors);
        return (new QueryParameters(filter, offset, limit), null);
    }

    private static int Number(IQueryCollection query, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        var value = query[name].ToString();
        if (value.Length == 0)
            return fallback;
        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            errors[name] = [$"a whole number from {min} to {max}"];
            return fallback;
        }
        return number;
    }

    /// <summary>True when any claim filter is set.</summary>
    public bool Filtered => Filter != new ClaimFilter();
}
