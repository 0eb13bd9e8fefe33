using Muster.Claims;
using Muster.Dates;
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
        var type = Text("type");
        if (type is not null && ClaimTaxonomy.Default.Types.All(t => t.Code != type))
            errors["type"] = [$"'{type}' is not a claim type; known: {string.Join(", ", ClaimTaxonomy.Default.Types.Select(t => t.Code))}"];
        var stance = Text("stance");
        if (stance is not null && stance is not ("asserted" or "hedged" or "denied"))
            errors["stance"] = ["one of asserted, hedged, denied"];
        var place = Text("place") ?? Text("country");
        if (place is not null && !System.Text.RegularExpressions.Regex.IsMatch(place, "^[A-Z]{2}(-[A-Z0-9]{1,3})?$"))
            errors[query.ContainsKey("place") ? "place" : "country"] = ["an ISO 3166-2 code such as RU-TYU, or a country code such as UA"];
        var from = Text("from");
        if (from is not null && PartialDate.Parse(from) is not { Year: not null })
            errors["from"] = ["an ISO date: YYYY, YYYY-MM or YYYY-MM-DD"];
        var to = Text("to");
        if (to is not null && PartialDate.Parse(to) is not { Year: not null })
            errors["to"] = ["an ISO date: YYYY, YYYY-MM or YYYY-MM-DD"];
        var offset = Number(query, "offset", 0, 0, int.MaxValue, errors);
        var limit = Number(query, "limit", defaultLimit, 1, MaxLimit, errors);
        if (errors.Count > 0)
            return (null, errors);
        var filter = new ClaimFilter(type, place, from, stance, Text("source"), to, Text("q"));
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
