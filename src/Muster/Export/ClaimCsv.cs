using System.Globalization;
using System.Text;
using Muster.Storage;

namespace Muster.Export;

/// <summary>Claims as CSV (RFC 4180, a header row, CRLF line ends), for spreadsheets and notebooks.</summary>
public static class ClaimCsv
{
    private static readonly string[] CsvHeader =
        ["story", "page", "outlet", "type", "stance", "evidence", "start", "end", "places", "codes", "quantity_min", "quantity_max", "quantity_approx", "quantity_unit", "source", "via", "date", "confidence"];

    /// <summary>Writes the claims with a header row.</summary>
    public static string Write(IReadOnlyList<StoredClaim> claims)
    {
        var output = new StringBuilder();
        output.Append(string.Join(',', CsvHeader)).Append("\r\n");
        foreach (var c in claims)
        {
            var q = c.Claim.Quantity;
            string?[] cells =
            [
                c.StoryId, c.Source, c.Outlet, c.Claim.Type, SqliteRecordStore.StanceName(c.Claim.Stance), c.Claim.Evidence,
                c.Claim.Span.Start.ToString(CultureInfo.InvariantCulture), c.Claim.Span.End.ToString(CultureInfo.InvariantCulture),
                string.Join("; ", c.Claim.Places.Select(p => p.Name)), string.Join("; ", c.Claim.Places.Select(p => p.Code).OfType<string>()),
                q?.Min?.ToString(CultureInfo.InvariantCulture), q?.Max?.ToString(CultureInfo.InvariantCulture), q is null ? null : q.Approx ? "true" : "false", q?.Unit,
                c.Claim.Source, string.Join(" > ", c.Claim.Via), c.Claim.Date?.ToString(), c.Claim.Confidence.ToString(CultureInfo.InvariantCulture),
            ];
            output.Append(string.Join(',', cells.Select(Escape))).Append("\r\n");
        }
        return output.ToString();
    }

    /// <summary>RFC 4180: quote a cell holding a comma, quote or line break, doubling its quotes.</summary>
    private static string Escape(string? cell)
    {
        if (cell is null)
            return "";
        // A cell starting with = + - @ would run as a formula in a spreadsheet; a leading apostrophe keeps it text.
        if (cell.Length > 0 && cell[0] is '=' or '+' or '@')
            cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
    }
}
