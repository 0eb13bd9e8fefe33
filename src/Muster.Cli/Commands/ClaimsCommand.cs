using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Muster.Dates;
using Muster.Export;
using Muster.Storage;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>
/// <c>muster claims [--type T] [--place CODE] [--since DATE] [--stance S] [--source TEXT] [--json|--csv]</c>:
/// lists stored claims.
/// </summary>
internal static class ClaimsCommand
{
    public static Command Create(CliContext context)
    {
        var type = new Option<string?>("--type") { Description = "A claim type (see the taxonomy), e.g. summons." };
        var place = new Option<string?>("--place") { Description = "An ISO 3166-2 region code (RU-TYU) or a country code (UA)." };
        var since = new Option<string?>("--since") { Description = "Only claims dated on or after this ISO date (YYYY, YYYY-MM or YYYY-MM-DD): the claim's own date, else its story's stated publication date; undated claims are left out." };
        var stance = new Option<string?>("--stance") { Description = "asserted, hedged or denied." };
        var source = new Option<string?>("--source") { Description = "Text the source or its relays contain." };
        var json = CommonOptions.Json();
        json.Description = "Print a JSON array.";
        var csv = new Option<bool>("--csv") { Description = "Print CSV with a header row." };
        var db = CommonOptions.Database();
        var limit = CommonOptions.Limit("claims", int.MaxValue);
        var command = new Command("claims", "List stored claims, filtered.") { type, place, since, stance, source, json, csv, db, limit };
        command.SetAction(result =>
        {
            if (result.GetValue(json) && result.GetValue(csv))
                throw new UsageException("--json and --csv exclude each other");
            var filter = ClaimFilterRules.Normalize(
                new ClaimFilter(result.GetValue(type), result.GetValue(place), result.GetValue(since), result.GetValue(stance), result.GetValue(source)));
            if (ClaimFilterRules.Problems(filter).FirstOrDefault() is { Key: not null } problem)
                throw new UsageException($"--{problem.Key}: {problem.Value}");
            using var store = CommonOptions.OpenExisting(context, result.GetValue(db));
            if (store is null)
                return ExitCodes.InputFailed;
            var claims = store.ListClaims(filter, result.GetValue(limit));
            if (result.GetValue(json))
                context.Out.WriteLine(Json(claims));
            else if (result.GetValue(csv))
                context.Out.Write(ClaimCsv.Write(claims));
            else if (context.Interactive)
            {
                var table = new Table().AddColumns("story", "type", "stance", "quantity", "places", "source", "outlet", "date", "evidence");
                foreach (var c in claims)
                    table.AddRow(Markup.Escape(c.StoryId), c.Claim.Type, DomainNames.StanceName(c.Claim.Stance), Markup.Escape(QuantityText.Format(c.Claim.Quantity)),
                        Markup.Escape(Places(c)), Markup.Escape(c.Claim.Source ?? ""), Markup.Escape(c.Outlet ?? ""), Markup.Escape(DateShown(c) ?? ""), Markup.Escape(c.Claim.Evidence));
                AnsiConsole.Write(table);
            }
            else
            {
                // Scripts read these columns by position: new ones go after the evidence, never between the old ones.
                foreach (var c in claims)
                    context.Out.WriteLine(string.Join('\t', c.StoryId, c.Claim.Type, DomainNames.StanceName(c.Claim.Stance), Places(c),
                        c.Claim.Source ?? "-", DateShown(c) ?? "-", OneLine.Escape(c.Claim.Evidence), c.Claim.Quantity is null ? "-" : QuantityText.Format(c.Claim.Quantity), c.Outlet ?? "-"));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Places(StoredClaim c) => string.Join(",", c.Claim.Places.Select(p => p.Code ?? p.Name));

    // The date a date filter compares: the claim's own, else its story's stated publication, marked as such.
    private static string? DateShown(StoredClaim c) =>
        c.Claim.Date?.ToString() ?? (c.StoryPublished is { } published ? $"{published} (story)" : null);

    private static string Json(IReadOnlyList<StoredClaim> claims) =>
        DocumentJson.Array(claims, (writer, c) => DocumentJson.WriteClaim(writer, c.Claim, w =>
        {
            w.WriteString("story", c.StoryId);
            w.WriteString("page", c.Source);
            w.WriteString("outlet", c.Outlet);
            w.WriteString("event", c.EventId);
            w.WriteString("story_published", c.StoryPublished);
        }));
}
