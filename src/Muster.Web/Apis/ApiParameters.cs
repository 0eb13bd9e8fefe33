using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Muster.Claims;
using Muster.Reading.Formats;
using Muster.Storage;

namespace Muster.Web.Apis;

/// <summary>What a query parameter's value is, as the OpenAPI document types it.</summary>
public enum ApiValue
{
    /// <summary>Free text (a filter's words, a search query, a name).</summary>
    Text,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>One of a fixed list of names.</summary>
    Name,
    /// <summary>An ISO date at the precision known: YYYY, YYYY-MM or YYYY-MM-DD.</summary>
    Date,
    /// <summary>An ISO 3166 code: a country (UA) or a first-level region (RU-TYU), in either case.</summary>
    PlaceCode,
}

/// <summary>
/// One query parameter an endpoint reads: its name, what its value is, and what it means. The endpoints declare the
/// ones they read (<see cref="ApiParameterEndpoints.Reads"/>); the OpenAPI document lists them from that declaration
/// (<see cref="ApiParameterTransformer"/>) and the whole numbers and booleans are checked from it before the endpoint
/// runs (<see cref="QueryValueCheck"/>), so the document, the check and the handlers name the same parameters.
/// </summary>
/// <param name="Name">The name in the query string.</param>
/// <param name="Value">What the value is.</param>
/// <param name="Description">What it means, for the document.</param>
/// <param name="Values">For <see cref="ApiValue.Name"/>: the names it takes.</param>
/// <param name="Minimum">For <see cref="ApiValue.Integer"/>: the smallest value.</param>
/// <param name="Maximum">For <see cref="ApiValue.Integer"/>: the largest value, or none.</param>
/// <param name="Required">True when the endpoint refuses a request without it.</param>
public sealed record ApiParameter(string Name, ApiValue Value, string Description, IReadOnlyList<string>? Values = null,
    long? Minimum = null, long? Maximum = null, bool Required = false)
{
    /// <summary>A sample value the endpoint accepts (for the document's example).</summary>
    public string? Example { get; init; }

    /// <summary>True when this parameter's value fits in an <see cref="int"/> (its maximum does).</summary>
    private bool IsInt32 => Maximum is { } max && max <= int.MaxValue;

    /// <summary>
    /// Why <paramref name="value"/> is not a value of this parameter's type (a whole number, a boolean), or null, by the
    /// parses minimal APIs bind with. Its range, names, dates, codes and text are checked by the endpoint with their
    /// own reasons (see <see cref="InRange"/>).
    /// </summary>
    public string? TypeProblem(string value) => Value switch
    {
        ApiValue.Boolean => bool.TryParse(value, out _) ? null : "true or false",
        ApiValue.Integer => (IsInt32 ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            ? null : "a whole number",
        _ => null,
    };

    /// <summary>True when <paramref name="value"/> is within the declared minimum and maximum.</summary>
    public bool InRange(long value) => value >= (Minimum ?? 0) && value <= (Maximum ?? long.MaxValue);

    /// <summary>What a whole number of this parameter takes: "a whole number from 1 to 200".</summary>
    public string Range => Maximum is { } max ? $"a whole number from {Minimum ?? 0} to {max}" : $"a whole number, {Minimum ?? 0} or more";

    /// <summary>The parameter as the OpenAPI document declares it.</summary>
    public OpenApiParameter ToOpenApi()
    {
        var schema = new OpenApiSchema();
        switch (Value)
        {
            case ApiValue.Integer:
                schema.Type = JsonSchemaType.Integer;
                schema.Format = IsInt32 ? "int32" : "int64";
                schema.Minimum = (Minimum ?? 0).ToString(CultureInfo.InvariantCulture);
                if (Maximum is { } max)
                    schema.Maximum = max.ToString(CultureInfo.InvariantCulture);
                break;
            case ApiValue.Boolean:
                schema.Type = JsonSchemaType.Boolean;
                break;
            case ApiValue.Name:
                schema.Type = JsonSchemaType.String;
                schema.Enum = Values!.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
                break;
            case ApiValue.Date:
                schema.Type = JsonSchemaType.String;
                schema.Pattern = @"^\d{4}(-\d{2}(-\d{2})?)?$";
                break;
            case ApiValue.PlaceCode:
                schema.Type = JsonSchemaType.String;
                schema.Pattern = "^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$";
                break;
            default:
                schema.Type = JsonSchemaType.String;
                schema.MaxLength = QueryParameters.MaxTextLength;
                break;
        }
        return new OpenApiParameter
        {
            Name = Name, In = ParameterLocation.Query, Description = Description, Required = Required, Schema = schema,
            Example = Example is { } example ? JsonValue.Create(example) : null,
        };
    }
}

/// <summary>The query parameters of the API, each declared once and shared by the endpoints that read it.</summary>
public static class ApiParameters
{
    /// <summary><c>type</c>: a claim type of the taxonomy.</summary>
    public static readonly ApiParameter Type = new("type", ApiValue.Name, "Only claims of this type (a taxonomy code).",
        ClaimTaxonomy.Default.Types.Select(t => t.Code).ToList());

    /// <summary><c>stance</c>: asserted, hedged or denied.</summary>
    public static readonly ApiParameter Stance = new("stance", ApiValue.Name, "Only claims with this stance.", ClaimFilterRules.Stances);

    /// <summary><c>place</c>: a region or country code.</summary>
    public static readonly ApiParameter Place = new("place", ApiValue.PlaceCode,
        "Only claims at this place: an ISO 3166-2 first-level region (RU-TYU) or an ISO 3166-1 country (UA), in either case; a code the gazetteer does not know is a 400.")
        { Example = "RU-TYU" };

    /// <summary><c>country</c>: the older name of <c>place</c>, read when <c>place</c> is absent.</summary>
    public static readonly ApiParameter Country = new("country", ApiValue.PlaceCode, "Same as place (read when place is not given).") { Example = "RU" };

    /// <summary><c>from</c>: the filter's earliest date.</summary>
    public static readonly ApiParameter From = new("from", ApiValue.Date,
        "Only claims dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD), compared at the precision the claim's date has: the claim's own date, " +
        "else its story's stated publication date. A claim with neither is left out; the day Muster read the page is never compared.")
        { Example = "2024-01-01" };

    /// <summary><c>to</c>: the filter's latest date.</summary>
    public static readonly ApiParameter To = new("to", ApiValue.Date,
        "Only claims dated on or before this (YYYY, YYYY-MM or YYYY-MM-DD), compared as from is; undated claims are left out.")
        { Example = "2026-12-31" };

    /// <summary><c>source</c>: words of the claim's source.</summary>
    public static readonly ApiParameter Source = new("source", ApiValue.Text,
        "Only claims whose source or relays contain these words (whole words, the last one as a prefix).") { Example = "ministry" };

    /// <summary><c>q</c> as a claim filter: words of the evidence.</summary>
    public static readonly ApiParameter Text = new("q", ApiValue.Text,
        "Only claims whose evidence contains these words (whole words, the last one as a prefix).") { Example = "summons" };

    /// <summary><c>offset</c>: items skipped.</summary>
    public static readonly ApiParameter Offset = new("offset", ApiValue.Integer, "Items to skip (default 0).", Minimum: 0, Maximum: int.MaxValue);

    /// <summary><c>offset</c> of search: matches skipped, within the first 2,000 (ranked matches are read from the top).</summary>
    public static readonly ApiParameter SearchOffset = new("offset", ApiValue.Integer, "Matches to skip (default 0, at most 2000).", Minimum: 0, Maximum: 2_000);

    /// <summary><c>limit</c>: items returned.</summary>
    public static readonly ApiParameter Limit = new("limit", ApiValue.Integer, $"Items to return (default 50, at most {QueryParameters.MaxLimit}).",
        Minimum: 1, Maximum: QueryParameters.MaxLimit);

    /// <summary><c>relevant</c>: only stories about mobilization.</summary>
    public static readonly ApiParameter Relevant = new("relevant", ApiValue.Boolean, "true: only the stories about coerced mobilization (default false: all).");

    /// <summary><c>interval</c>: the timeline's period.</summary>
    public static readonly ApiParameter Interval = new("interval", ApiValue.Name, "The period counted: a day, or a week starting on Monday (default day).",
        ["day", "week"]);

    /// <summary><c>min_sources</c>: the fewest independent sources an event has.</summary>
    public static readonly ApiParameter MinSources = new("min_sources", ApiValue.Integer, "Only events reported by at least this many independent sources (default 1).",
        Minimum: 1, Maximum: 1000);

    /// <summary><c>after</c>: a change number.</summary>
    public static readonly ApiParameter After = new("after", ApiValue.Integer, "Only the changes after this change number (default 0: all).", Minimum: 0);

    /// <summary><c>q</c> of the search: an FTS5 query, required.</summary>
    public static readonly ApiParameter SearchQuery = new("q", ApiValue.Text,
        "The search (SQLite FTS5: words, \"phrases\", AND/OR/NOT, prefix*); a malformed query is a 400.", Required: true) { Example = "summons" };

    /// <summary><c>source</c> of an upload: the name it is stored under.</summary>
    public static readonly ApiParameter UploadSource = new("source", ApiValue.Text, "The name the page is stored under (default upload); its extension helps sniff the format.");

    /// <summary><c>format</c> of an upload.</summary>
    public static readonly ApiParameter Format = new("format", ApiValue.Name,
        "The format, instead of sniffing it (case-insensitive; rss and atom also mean feed, txt text).", PageFormatNames.All);

    /// <summary>The claim filters every claim list reads.</summary>
    public static readonly IReadOnlyList<ApiParameter> ClaimFilters = [Type, Stance, Place, Country, From, To, Source, Text];

    /// <summary>Paging.</summary>
    public static readonly IReadOnlyList<ApiParameter> Paging = [Offset, Limit];
}

/// <summary>The query parameters an endpoint reads, as endpoint metadata.</summary>
public sealed record ApiParameterList(IReadOnlyList<ApiParameter> Parameters);

/// <summary>Marks an endpoint that requires the bearer token.</summary>
public sealed record RequiresBearerToken;

/// <summary>Declaring what an endpoint reads.</summary>
public static class ApiParameterEndpoints
{
    /// <summary>Declares the query parameters the endpoint reads (for the document and the type check).</summary>
    public static RouteHandlerBuilder Reads(this RouteHandlerBuilder endpoint, params IEnumerable<ApiParameter>[] parameters) =>
        endpoint.WithMetadata(new ApiParameterList(parameters.SelectMany(p => p).ToList()));

    /// <summary>The query parameters an endpoint declared, or none.</summary>
    public static IReadOnlyList<ApiParameter> DeclaredParameters(this IEnumerable<object> metadata) =>
        metadata.OfType<ApiParameterList>().LastOrDefault()?.Parameters ?? [];
}
