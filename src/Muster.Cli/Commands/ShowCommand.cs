using Muster.Export;
using System.CommandLine;
using Muster.Storage;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary><c>muster show STORY_ID</c>: one story with its claims, the evidence highlighted in the text.</summary>
internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("story-id") { Description = "The story's id, as `muster stories` lists it." };
        var db = CommonOptions.Database();
        var command = new Command("show", "Show one story, its claims and their evidence.") { id, db };
        command.SetAction(result =>
        {
            using var store = CommonOptions.OpenExisting(context, result.GetValue(db));
            if (store is null)
                return ExitCodes.InputFailed;
            var storyId = result.GetValue(id)!;
            var stored = store.FindStory(storyId);
            if (stored is null)
            {
                context.ReportError(storyId, "no such story");
                return ExitCodes.InputFailed;
            }
            Render(context, stored);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(CliContext context, StoredStory stored)
    {
        var story = stored.Story;
        var lines = new List<string>
        {
            $"story {story.Id} ({DomainNames.RoleName(story.Role)}{(story.Relevant ? ", relevant" : "")})",
            $"source: {stored.Source} (version {stored.Version})",
            $"outlet: {stored.Outlet ?? "unknown"}",
            $"published: {story.Published?.ToString() ?? "not stated"}",
            $"offsets: {story.Start}-{story.End}",
        };
        if (story.Title is not null)
            lines.Add($"title: {story.Title}");
        foreach (var line in lines)
            context.Out.WriteLine(line);
        context.Out.WriteLine();
        context.Out.WriteLine(context.Interactive ? "" : Highlight(stored, plain: true));
        if (context.Interactive)
            AnsiConsole.MarkupLine(Highlight(stored, plain: false));
        if (story.Claims.Count == 0)
            return;
        context.Out.WriteLine();
        context.Out.WriteLine($"claims ({story.Claims.Count}):");
        var n = 0;
        foreach (var claim in story.Claims)
        {
            n++;
            var places = string.Join(", ", claim.Places.Select(p => p.Code is null ? p.Name : $"{p.Name} ({p.Code})"));
            var quantity = claim.Quantity is { } q ? $"{q.Min?.ToString() ?? "?"}..{q.Max?.ToString() ?? "?"} {q.Unit}{(q.Approx ? " (approx.)" : "")}" : "";
            context.Out.WriteLine($"  [{n}] {claim.Type}, {DomainNames.StanceName(claim.Stance)}; source: {claim.Source ?? "-"}" +
                (claim.Via.Count > 0 ? $" via {string.Join(" → ", claim.Via)}" : "") +
                (places.Length > 0 ? $"; places: {places}" : "") + (quantity.Length > 0 ? $"; quantity: {quantity}" : "") +
                (claim.Date is { } d ? $"; date: {d}" : ""));
            context.Out.WriteLine($"      “{claim.Evidence}”");
        }
    }

    /// <summary>
    /// The story's body with each claim's evidence marked: bold yellow on a terminal, [[n: …]] in plain text.
    /// </summary>
    internal static string Highlight(StoredStory stored, bool plain) =>
        string.Join("\n\n", EvidenceMarks.Paragraphs(stored.DocumentText, stored.Story).Select(pieces => string.Concat(pieces.Select(piece =>
            piece.Claim is not { } index ? Escape(piece.Text, plain)
            : plain ? $"[[{index + 1}: {piece.Text}]]"
            : $"[bold yellow]{Escape(piece.Text, plain)}[/][dim]({index + 1})[/]"))));

    private static string Escape(string text, bool plain) => plain ? text : Markup.Escape(text);
}
