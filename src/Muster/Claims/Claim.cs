using Muster.Dates;

namespace Muster.Claims;

/// <summary>Whether the party asserts, qualifies or rejects what a claim says.</summary>
public enum Stance
{
    /// <summary>The source states it.</summary>
    Asserted,
    /// <summary>The source qualifies it ("most likely", "allegedly").</summary>
    Hedged,
    /// <summary>The party rejects it ("has denied").</summary>
    Denied,
}

/// <summary>A place a claim is about, resolved against the gazetteer.</summary>
/// <param name="Name">The name as written.</param>
/// <param name="Code">ISO 3166-2 code of the first-level region, or null.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code of the country, or null.</param>
/// <param name="Lat">Latitude, or null.</param>
/// <param name="Lon">Longitude, or null.</param>
/// <param name="Kind"><c>locality</c>, <c>region</c> or <c>country</c>.</param>
public sealed record ClaimPlace(string Name, string? Code, string? Country, double? Lat, double? Lon, string Kind);

/// <summary>A count the claim states: bounds, whether approximate, and its unit.</summary>
/// <param name="Min">The lower bound, or null when open.</param>
/// <param name="Max">The upper bound, or null when open.</param>
/// <param name="Approx">True for "about", "approximately", "some".</param>
/// <param name="Unit"><c>people</c> for any count of persons, <c>percent</c>, else the noun counted.</param>
public sealed record Quantity(double? Min, double? Max, bool Approx, string Unit);

/// <summary>One claim: a typed statement in a story, attributed, with its evidence in the page text.</summary>
public sealed record Claim
{
    /// <summary>The taxonomy code (for example <c>summons</c>).</summary>
    public required string Type { get; init; }
    /// <summary>The stance of the source.</summary>
    public required Stance Stance { get; init; }
    /// <summary>The exact text that carries the claim.</summary>
    public required string Evidence { get; init; }
    /// <summary>The evidence's span in the page text.</summary>
    public required TextSpan Span { get; init; }
    /// <summary>The places the claim is about.</summary>
    public IReadOnlyList<ClaimPlace> Places { get; init; } = [];
    /// <summary>The count the claim states, if any.</summary>
    public Quantity? Quantity { get; init; }
    /// <summary>The party nearest the claim that makes it.</summary>
    public string? Source { get; init; }
    /// <summary>The chain that relayed it, outward from <see cref="Source"/>.</summary>
    public IReadOnlyList<string> Via { get; init; } = [];
    /// <summary>When the claimed thing happened or was said, if the sentence says so.</summary>
    public PartialDate? Date { get; init; }
    /// <summary>How sure the rules are, from 0 to 1.</summary>
    public double Confidence { get; init; }
}
