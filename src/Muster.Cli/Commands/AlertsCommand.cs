using System.CommandLine;
using Muster.Alerts;
using Muster.Export;
using Muster.Storage;

namespace Muster.Cli.Commands;

/// <summary>
/// <c>muster alerts add|list|remove</c>: saved queries, with the filters of <c>claims</c> and <c>events</c>; the
/// watcher raises an alert for each claim or event that newly matches one.
/// </summary>
internal static class AlertsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("alerts", "Saved queries: muster watch raises an alert for each claim or event that newly matches one.");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Remove(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The query's name (lower-case letters, digits, - and _): its feed is /alerts/NAME.atom." };
        var type = new Option<string?>("--type") { Description = "A claim type (see the taxonomy), e.g. summons." };
        var place = new Option<string?>("--place") { Description = "An ISO 3166-2 region code (RU-TYU) or a country code (UA)." };
        var since = new Option<string?>("--since") { Description = "Only claims dated on or after this ISO date." };
        var until = new Option<string?>("--until") { Description = "Only claims dated on or before this ISO date." };
        var stance = new Option<string?>("--stance") { Description = "asserted, hedged or denied." };
        var source = new Option<string?>("--source") { Description = "Text the claim's source or its relays contain." };
        var text = new Option<string?>("--q") { Description = "Words the evidence contains (full-text: whole words, the last one as a prefix)." };
        var minSources = new Option<int?>("--min-sources") { Description = "Match events with at least this many independent sources, instead of claims." };
        var webhook = new Option<string?>("--webhook") { Description = "POST each alert as JSON to this http or https address (retried with back-off)." };
        var jsonl = new Option<string?>("--jsonl") { Description = "Append each alert as one JSON line to this file." };
        var db = CommonOptions.Database();
        var command = new Command("add", "Save a query; what it matches already is recorded, and only new matches raise alerts.")
            { name, type, place, since, until, stance, source, text, minSources, webhook, jsonl, db };
        command.SetAction(result =>
        {
            var filter = ClaimFilterRules.Normalize(new ClaimFilter(result.GetValue(type), result.GetValue(place), result.GetValue(since), result.GetValue(stance),
                Blank(result.GetValue(source)), result.GetValue(until), Blank(result.GetValue(text))));
            var file = result.GetValue(jsonl) is { } given ? Path.GetFullPath(given) : null;
            var query = new SavedQuery(result.GetValue(name)!, filter, result.GetValue(minSources), result.GetValue(webhook), file, context.Time.GetUtcNow());
            if (query.Problems().FirstOrDefault() is { Key: not null } problem)
                throw new UsageException(problem.Key == "name" ? problem.Value : $"--{(problem.Key == "source_text" ? "source" : problem.Key)}: {problem.Value}");
            if (file is not null && !Directory.Exists(Path.GetDirectoryName(file)))
                throw new UsageException($"--jsonl {file}: no such folder");
            var databasePath = CliContext.ResolveDatabase(result.GetValue(db));
            using var record = new SqliteRecordStore(databasePath);
            using var alerts = new SqliteAlertStore(databasePath);
            List<AlertMatch> existing;
            try
            {
                existing = AlertMatcher.Matches(record, query).ToList();
            }
            catch (SearchSyntaxException e)
            {
                throw new UsageException($"--q: {e.Message}");
            }
            if (!alerts.Add(query, existing))
            {
                context.ReportError(query.Name, "a saved query of that name exists (muster alerts remove it first)");
                return ExitCodes.InputFailed;
            }
            context.Out.WriteLine($"saved query {query.Name}: {query.Describe()}; alerts to {string.Join(", ", query.Channels())}; " +
                                  $"{existing.Count} {(query.MatchesEvents ? "events" : "claims")} match already (recorded, not alerted)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static Command List(CliContext context)
    {
        var json = CommonOptions.Json();
        json.Description = "Print a JSON array.";
        var db = CommonOptions.Database();
        var command = new Command("list", "List the saved queries: filters, channels and matches.") { json, db };
        command.SetAction(result =>
        {
            if (!CommonOptions.TryExistingDatabase(context, result.GetValue(db), out var databasePath))
                return ExitCodes.InputFailed;
            using var alerts = new SqliteAlertStore(databasePath);
            var queries = alerts.List();
            if (result.GetValue(json))
            {
                context.Out.WriteLine(DocumentJson.Array(queries, (writer, q) =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", q.Name);
                    writer.WriteString("type", q.Filter.Type);
                    writer.WriteString("place", q.Filter.Place);
                    writer.WriteString("since", q.Filter.Since);
                    writer.WriteString("until", q.Filter.Until);
                    writer.WriteString("stance", q.Filter.Stance);
                    writer.WriteString("source", q.Filter.SourceText);
                    writer.WriteString("q", q.Filter.Text);
                    if (q.MinSources is { } min)
                        writer.WriteNumber("min_sources", min);
                    else
                        writer.WriteNull("min_sources");
                    writer.WriteString("webhook", q.Webhook);
                    writer.WriteString("jsonl", q.JsonLines);
                    writer.WriteNumber("matches", alerts.MatchCount(q.Name));
                    writer.WriteString("feed", $"/alerts/{q.Name}.atom");
                    writer.WriteEndObject();
                }));
                return ExitCodes.Ok;
            }
            if (queries.Count == 0)
                context.Report("no saved queries (muster alerts add NAME --type ... saves one)");
            foreach (var q in queries)
                context.Out.WriteLine(string.Join('\t', q.Name, q.Describe(), string.Join(", ", q.Channels()), $"{alerts.MatchCount(q.Name)} matches", $"/alerts/{q.Name}.atom"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The saved query to remove, with its matches and pending alerts." };
        var db = CommonOptions.Database();
        var command = new Command("remove", "Remove a saved query.") { name, db };
        command.SetAction(result =>
        {
            if (!CommonOptions.TryExistingDatabase(context, result.GetValue(db), out var databasePath))
                return ExitCodes.InputFailed;
            using var alerts = new SqliteAlertStore(databasePath);
            var given = result.GetValue(name)!;
            if (!alerts.Remove(given))
            {
                var known = alerts.List().Select(q => q.Name).ToList();
                context.ReportError(given, $"no saved query of that name; saved: {(known.Count == 0 ? "none" : string.Join(", ", known))}");
                return ExitCodes.InputFailed;
            }
            context.Out.WriteLine($"removed saved query {given}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
