using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Export;
using Muster.Storage;

namespace Muster.Web.Apis;

/// <summary>
/// <c>/api/export/claims.csv</c>, <c>.jsonl</c> and <c>.geojson</c>: the claims matching the usual filters, for
/// spreadsheets, notebooks and GIS tools. At most <see cref="MaxRows"/> claims per request.
/// </summary>
public static class ExportApi
{
    /// <summary>The most claims one export returns.</summary>
    public const int MaxRows = 100_000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/export").WithTags("Export");
        api.MapGet("/claims.csv", Csv).WithSummary("Claims as CSV.").Reads(ApiParameters.ClaimFilters);
        api.MapGet("/claims.jsonl", JsonLines).WithSummary("Claims as JSON Lines, one claim per line in the extract JSON shape.").Reads(ApiParameters.ClaimFilters);
        api.MapGet("/claims.geojson", GeoJson).WithSummary("Claims with coordinates as a GeoJSON FeatureCollection, one point per claim and place.").Reads(ApiParameters.ClaimFilters);
        return routes;
    }

    private static (IReadOnlyList<StoredClaim>? Claims, ValidationProblem? Problem) Read(HttpRequest request, IRecordStore store)
    {
        var (query, errors) = QueryParameters.Read(request.Query, defaultLimit: QueryParameters.MaxLimit);
        return query is null ? (null, ApiProblems.Invalid(errors!)) : (store.QueryClaims(query.Filter, 0, MaxRows).Items, null);
    }

    private static Results<FileContentHttpResult, ValidationProblem> Csv(HttpRequest request, IRecordStore store)
    {
        var (claims, problem) = Read(request, store);
        if (problem is not null)
            return problem;
        return TypedResults.File(Encoding.UTF8.GetBytes(ClaimCsv.Write(claims!)), "text/csv; charset=utf-8", "claims.csv");
    }

    private static Results<FileContentHttpResult, ValidationProblem> JsonLines(HttpRequest request, IRecordStore store)
    {
        var (claims, problem) = Read(request, store);
        if (problem is not null)
            return problem;
        using var buffer = new MemoryStream();
        foreach (var c in claims!)
        {
            using (var writer = new Utf8JsonWriter(buffer, DocumentJson.LineOptions))
                DocumentJson.WriteClaim(writer, c.Claim, w =>
                {
                    w.WriteString("story", c.StoryId);
                    w.WriteString("page", c.Source);
                    w.WriteString("outlet", c.Outlet);
                    w.WriteString("story_published", c.StoryPublished);
                });
            buffer.WriteByte((byte)'\n');
        }
        return TypedResults.File(buffer.ToArray(), "application/jsonl; charset=utf-8", "claims.jsonl");
    }

    private static Results<FileContentHttpResult, ValidationProblem> GeoJson(HttpRequest request, IRecordStore store)
    {
        var (claims, problem) = Read(request, store);
        if (problem is not null)
            return problem;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, DocumentJson.LineOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            writer.WriteStartArray("features");
            foreach (var c in claims!)
            {
                foreach (var place in c.Claim.Places.Where(p => p.Lat is not null && p.Lon is not null))
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", "Feature");
                    writer.WriteStartObject("geometry");
                    writer.WriteString("type", "Point");
                    writer.WriteStartArray("coordinates");
                    writer.WriteNumberValue(place.Lon!.Value);
                    writer.WriteNumberValue(place.Lat!.Value);
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    writer.WriteStartObject("properties");
                    writer.WriteString("story", c.StoryId);
                    writer.WriteString("type", c.Claim.Type);
                    writer.WriteString("stance", DomainNames.StanceName(c.Claim.Stance));
                    writer.WriteString("evidence", c.Claim.Evidence);
                    writer.WriteString("source", c.Claim.Source);
                    writer.WriteString("date", c.Claim.Date?.ToString());
                    writer.WriteString("place", place.Name);
                    writer.WriteString("code", place.Code);
                    writer.WriteString("kind", place.Kind);
                    writer.WriteString("outlet", c.Outlet);
                    writer.WriteString("story_published", c.StoryPublished);
                    if (c.Claim.Quantity is { } q)
                    {
                        // Flat, as GIS tools read feature properties (no nested objects).
                        if (q.Min is { } min) writer.WriteNumber("quantity_min", min); else writer.WriteNull("quantity_min");
                        if (q.Max is { } max) writer.WriteNumber("quantity_max", max); else writer.WriteNull("quantity_max");
                        writer.WriteBoolean("quantity_approx", q.Approx);
                        writer.WriteString("quantity_unit", q.Unit);
                    }
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return TypedResults.File(buffer.ToArray(), "application/geo+json; charset=utf-8", "claims.geojson");
    }
}
