using System.CommandLine;
using System.Text.Json;
using Muster.Export;
using Muster.Storage;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary><c>muster stories [--relevant] [--json]</c>: lists the stored stories.</summary>
internal static class StoriesCommand
{
    public static Command Create(CliContext context)
    {
        var relevant = new Option<bool>("--relevant") { Description = "Only stories about mobilization." };
        var json = CommonOptions.Json();
        json.Description = "Print a JSON array.";
        var db = CommonOptions.Database();
        var limit = CommonOptions.Limit("stories", int.MaxValue);
        var command = new Command("stories", "List the stored stories.") { relevant, json, db, limit };
        command.SetAction(result =>
        {
            using var store = CommonOptions.OpenExisting(context, result.GetValue(db));
            if (store is null)
                return ExitCodes.InputFailed;
            var stories = store.ListStories(result.GetValue(relevant), result.GetValue(limit));
            if (result.GetValue(json))
            {
                context.Out.WriteLine(DocumentJson.Array(stories, (w, stored) => DocumentJson.WriteStory(w, stored.Story, extra =>
                {
                    extra.WriteString("source", stored.Source);
                    extra.WriteString("outlet", stored.Outlet);
                    extra.WriteNumber("version", stored.Version);
                })));
                return ExitCodes.Ok;
            }
            if (context.Interactive)
            {
                var table = new Table().AddColumns("id", "role", "relevant", "claims", "outlet", "date", "title or first words");
                foreach (var s in stories)
                    table.AddRow(Markup.Escape(s.Story.Id), DomainNames.RoleName(s.Story.Role), s.Story.Relevant ? "yes" : "",
                        s.Story.Claims.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(s.Outlet ?? ""),
                        Markup.Escape(s.Story.Published?.ToString() ?? "not stated"), Markup.Escape(Headline(s.Story)));
                AnsiConsole.Write(table);
            }
            else
            {
                // No header line, and the date after the headline: scripts read these columns by position. The date
                // is the one the page states ("-" when it states none), never the day the page was read.
                foreach (var s in stories)
                    context.Out.WriteLine(string.Join('\t', s.Story.Id, DomainNames.RoleName(s.Story.Role),
                        s.Story.Relevant ? "relevant" : "-", s.Story.Claims.Count, s.Outlet ?? "-", OneLine.Escape(Headline(s.Story)), s.Story.Published?.ToString() ?? "-"));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The title, or the body's first words.</summary>
    internal static string Headline(Story story)
    {
        var text = story.Title ?? story.Text;
        // Only the start is shown: a body of megabytes is not copied whole to show its first 90 characters.
        var whole = text.Length <= 180;
        var shown = (whole ? text : text[..180]).ReplaceLineEndings(" ");
        return whole && shown.Length <= 90 ? shown : shown[..Math.Min(89, shown.Length)] + "…";
    }
}
