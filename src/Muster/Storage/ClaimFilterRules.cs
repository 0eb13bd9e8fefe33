using System.Text.RegularExpressions;
using Muster.Claims;
using Muster.Dates;

namespace Muster.Storage;

/// <summary>
/// What a valid claim filter is, in one place for every host (the CLI's options, the API's query string): a known
/// type, a known stance, an ISO 3166 code, dates with a year.
/// </summary>
public static class ClaimFilterRules
{
    private static readonly Regex Code = new("^[A-Z]{2}(-[A-Z0-9]{1,3})?$", RegexOptions.Compiled);

    /// <summary>The problems of <paramref name="filter"/>, keyed by its field (type, stance, place, since, until); empty when valid.</summary>
    public static IReadOnlyDictionary<string, string> Problems(ClaimFilter filter, ClaimTaxonomy? taxonomy = null)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var types = (taxonomy ?? ClaimTaxonomy.Default).Types;
        if (filter.Type is { } type && types.All(t => t.Code != type))
            problems["type"] = $"'{type}' is not a claim type; known: {string.Join(", ", types.Select(t => t.Code))}";
        if (filter.Stance is { } stance && stance is not ("asserted" or "hedged" or "denied"))
            problems["stance"] = $"'{stance}' is not asserted, hedged or denied";
        if (filter.Place is { } place && !Code.IsMatch(place))
            problems["place"] = $"'{place}' is not an ISO 3166-2 code such as RU-TYU, or a country code such as UA";
        if (filter.Since is { } since && PartialDate.Parse(since) is not { Year: not null })
            problems["since"] = $"'{since}' is not an ISO date: YYYY, YYYY-MM or YYYY-MM-DD";
        if (filter.Until is { } until && PartialDate.Parse(until) is not { Year: not null })
            problems["until"] = $"'{until}' is not an ISO date: YYYY, YYYY-MM or YYYY-MM-DD";
        return problems;
    }
}
