using System.Globalization;
using CsvHelper;
using Muster.Storage;

namespace Muster.Export;

/// <summary>
/// Claims as CSV (RFC 4180, a header row, CRLF line ends), for spreadsheets and notebooks, written by CsvHelper.
/// Columns are only ever added at the end: <c>date</c> is the claim's own, <c>story_published</c> the date its story states.
/// </summary>
public static class ClaimCsv
{
    private static readonly string[] CsvHeader =
        ["story", "page", "outlet", "type", "stance", "evidence", "start", "end", "places", "codes", "quantity_min", "quantity_max", "quantity_approx", "quantity_unit", "source", "via", "date", "confidence", "story_published"];

    // Text from pages goes into the cells: one starting with = + - @, a tab or a CR would run as a formula in a
    // spreadsheet (CSV injection). CsvHelper puts an apostrophe in front of it, as OWASP advises, and quotes it.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    /// <summary>Writes the claims with a header row.</summary>
    public static string Write(IReadOnlyList<StoredClaim> claims)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            csv.WriteHeader(CsvHeader);
            foreach (var c in claims)
            {
                var q = c.Claim.Quantity;
                csv.WriteRecord(
                [
                    c.StoryId, c.Source, c.Outlet, c.Claim.Type, DomainNames.StanceName(c.Claim.Stance), c.Claim.Evidence,
                    c.Claim.Span.Start.ToString(CultureInfo.InvariantCulture), c.Claim.Span.End.ToString(CultureInfo.InvariantCulture),
                    string.Join("; ", c.Claim.Places.Select(p => p.Name)), string.Join("; ", c.Claim.Places.Select(p => p.Code).OfType<string>()),
                    q?.Min?.ToString(CultureInfo.InvariantCulture), q?.Max?.ToString(CultureInfo.InvariantCulture), q is null ? null : q.Approx ? "true" : "false", q?.Unit,
                    c.Claim.Source, string.Join(" > ", c.Claim.Via), c.Claim.Date?.ToString(), c.Claim.Confidence.ToString(CultureInfo.InvariantCulture), c.StoryPublished,
                ]);
            }
        }
        return text.ToString();
    }
}
