using System.CommandLine;
using System.Text.Json;
using Muster.Events;
using Muster.Export;
using Muster.Storage;

namespace Muster.Cli.Commands;

/// <summary><c>muster events [--min-sources N] [--type T] [--place CODE] [--json]</c>: happenings and their independent sources.</summary>
internal static class EventsCommand
{
    public static Command Create(CliContext context)
    {
        var minSources = new Option<int>("--min-sources") { Description = "Only events with at least this many independent sources.", DefaultValueFactory = _ => 1 };
        var type = new Option<string?>("--type") { Description = "A claim type." };
        var place = new Option<string?>("--place") { Description = "A region code (RU-TYU) or a country code (UA)." };
        var json = CommonOptions.Json();
        json.Description = "Print a JSON array, each event with its claims.";
        var db = CommonOptions.Database();
        var limit = CommonOptions.Limit("events", 100);
        var command = new Command("events", "List events: claims from many pages grouped by happening, with sources and conflicts.") { minSources, type, place, json, db, limit };
        command.SetAction(result =>
        {
            if (result.GetValue(minSources) < 1)
                throw new UsageException("--min-sources must be 1 or more");
            var filter = ClaimFilterRules.Normalize(new ClaimFilter(result.GetValue(type), result.GetValue(place)));
            if (ClaimFilterRules.Problems(filter).FirstOrDefault() is { Key: not null } problem)
                throw new UsageException($"--{problem.Key}: {problem.Value}");
            using var store = CommonOptions.OpenExisting(context, result.GetValue(db));
            if (store is null)
                return ExitCodes.InputFailed;
            var events = store.ListEvents(new EventFilter(result.GetValue(minSources), filter.Type, filter.Place), 0, result.GetValue(limit));
            if (result.GetValue(json))
            {
                context.Out.WriteLine(DocumentJson.Array(events, (writer, e) =>
                {
                    var claims = store.EventClaims(e.Id);
                    writer.WriteStartObject();
                    writer.WriteString("id", e.Id);
                    writer.WriteString("title", EventTitle.For(e.Type, claims));
                    writer.WriteString("type", e.Type);
                    writer.WriteNumber("source_count", e.Sources.Count);
                    writer.WritePropertyName("sources");
                    JsonSerializer.Serialize(writer, e.Sources);
                    writer.WritePropertyName("outlets");
                    JsonSerializer.Serialize(writer, e.Outlets);
                    writer.WriteString("first_reported", e.FirstReported);
                    writer.WriteString("last_reported", e.LastReported);
                    writer.WriteNumber("undated_claims", e.Undated);
                    writer.WritePropertyName("conflicts");
                    JsonSerializer.Serialize(writer, e.Conflicts);
                    writer.WritePropertyName("places");
                    JsonSerializer.Serialize(writer, e.Places);
                    writer.WriteStartArray("claims");
                    foreach (var c in claims)
                        DocumentJson.WriteClaim(writer, c.Claim, w => w.WriteString("story", c.StoryId));
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }));
                return ExitCodes.Ok;
            }
            // The title goes last: scripts read the columns before it by position.
            foreach (var e in events)
                context.Out.WriteLine(string.Join('\t', e.Id, e.Type, $"{e.Sources.Count} sources: {string.Join("; ", e.Sources)}",
                    $"{e.Claims} claims in {e.Outlets.Count} outlets", string.Join(",", e.Places), Reported(e),
                    e.Conflicts.Count == 0 ? "-" : "CONFLICT: " + string.Join("; ", e.Conflicts), OneLine.Escape(EventTitle.For(e.Type, store.EventClaims(e.Id)) ?? "-")));
            return ExitCodes.Ok;
        });
        return command;
    }

    // The days the reports state, and how many claims come from stories that state none: never the ingest day.
    private static string Reported(EventSummary e)
    {
        var span = e.FirstReported is null ? "undated" : e.FirstReported == e.LastReported ? e.FirstReported : $"{e.FirstReported}..{e.LastReported}";
        return e.Undated > 0 && e.FirstReported is not null ? $"{span} (+{e.Undated} undated)" : span;
    }
}
