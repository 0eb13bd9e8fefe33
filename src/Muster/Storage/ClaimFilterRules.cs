using System.Text.RegularExpressions;
using Muster.Claims;
using Muster.Dates;
using Muster.Places;

namespace Muster.Storage;

/// <summary>
/// What a valid claim filter is, in one place for every host (the CLI's options, the API's query string): a known
/// type, a known stance, an ISO 3166 code, dates with a year.
/// </summary>
public static class ClaimFilterRules
{
    private static readonly Regex Code = new("^[A-Z]{2}(-[A-Z0-9]{1,3})?$", RegexOptions.Compiled);

    /// <summary>The stances a filter takes, as the store names them: asserted, hedged, denied.</summary>
    public static IReadOnlyList<string> Stances { get; } = Enum.GetValues<Stance>().Select(DomainNames.StanceName).ToList();

    /// <summary>
    /// The filter as the store compares it: a place code in capitals, so <c>ru-tyu</c> is <c>RU-TYU</c> (ISO 3166
    /// codes are capitals; people type them either way).
    /// </summary>
    public static ClaimFilter Normalize(ClaimFilter filter) =>
        filter.Place is { } place ? filter with { Place = place.Trim().ToUpperInvariant() } : filter;

    /// <summary>The problems of <paramref name="filter"/>, keyed by its field (type, stance, place, since, until); empty when valid.</summary>
    /// <remarks>Place codes are compared as given: <see cref="Normalize"/> the filter first to accept lower case.</remarks>
    public static IReadOnlyDictionary<string, string> Problems(ClaimFilter filter, ClaimTaxonomy? taxonomy = null, Gazetteer? gazetteer = null)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var types = (taxonomy ?? ClaimTaxonomy.Default).Types;
        if (filter.Type is { } type && types.All(t => t.Code != type))
            problems["type"] = $"'{type}' is not a claim type; known: {string.Join(", ", types.Select(t => t.Code))}";
        if (filter.Stance is { } stance && !Stances.Contains(stance, StringComparer.Ordinal))
            problems["stance"] = $"'{stance}' is not asserted, hedged or denied";
        if (filter.Place is { } place && !Code.IsMatch(place))
            problems["place"] = $"'{place}' is not an ISO 3166-2 code such as RU-TYU, or a country code such as UA";
        else if (filter.Place is { } code && !Known(code, gazetteer ?? Gazetteer.Default))
            // A well-formed code no claim can carry would filter everything out: an empty answer to a typo.
            problems["place"] = code.Length == 2
                ? $"'{code}' is not a country of the gazetteer; known: {string.Join(", ", Countries(gazetteer ?? Gazetteer.Default))}"
                : $"'{code}' is not a first-level region of the gazetteer (ISO 3166-2, such as RU-TYU or UA-30)";
        if (filter.Since is { } since && PartialDate.Parse(since) is not { Year: not null })
            problems["since"] = $"'{since}' is not an ISO date: YYYY, YYYY-MM or YYYY-MM-DD";
        if (filter.Until is { } until && PartialDate.Parse(until) is not { Year: not null })
            problems["until"] = $"'{until}' is not an ISO date: YYYY, YYYY-MM or YYYY-MM-DD";
        return problems;
    }

    private static bool Known(string code, Gazetteer gazetteer) =>
        code.Length == 2 ? Countries(gazetteer).Contains(code, StringComparer.Ordinal) : gazetteer.Region(code) is not null;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Gazetteer, IReadOnlyList<string>> CountryLists = [];

    private static IReadOnlyList<string> Countries(Gazetteer gazetteer) =>
        CountryLists.GetValue(gazetteer, g => g.Entries.Select(e => e.Country).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
}
