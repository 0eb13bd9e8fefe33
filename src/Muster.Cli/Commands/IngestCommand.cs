using System.CommandLine;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Reading.Formats;
using Muster.Storage;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>
/// <c>muster ingest PATH...</c>: reads pages, runs the pipeline and stores each document whole, in short
/// transactions opened once the pages are analysed (see <see cref="IngestWriter"/>). A page that fails, or is not
/// stored because another writer held the lock past <c>--lock-wait</c>, is named with its reason and the batch goes
/// on; the exit code is 1 at the end if any failed.
/// </summary>
internal static class IngestCommand
{
    private sealed class Tally
    {
        public int Added, Unchanged, Failed;
        public long Stories, Relevant, Claims;
        public readonly List<(string Source, Story Story)> Found = [];
    }

    public static Command Create(CliContext context)
    {
        var paths = CommonOptions.Paths();
        var db = CommonOptions.Database();
        var outlet = CommonOptions.Outlet();
        var maxBytes = CommonOptions.MaxBytes();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the summary, not a line per stored page." };
        var similarity = new Option<double>("--duplicate-threshold")
        {
            Description = "Stories at least this similar (0 to 1, estimated Jaccard of word 4-shingles) are near-duplicates of one another.",
            DefaultValueFactory = _ => 0.6,
        };
        var formatOption = CommonOptions.Format();
        var lockWait = new Option<double>("--lock-wait")
        {
            Description = "Seconds a write waits for another writer (a second ingest, the server) before its pages are reported as not stored.",
            DefaultValueFactory = _ => RecordStores.DefaultLockWait.TotalSeconds,
        };
        var index = CommonOptions.Index();
        var pageBudget = CommonOptions.PageBudget();
        var command = new Command("ingest", "Read pages, split them into stories, find claims and store them.") { paths, db, outlet, maxBytes, quiet, similarity, formatOption, lockWait, index, pageBudget };
        command.SetAction(result =>
        {
            var format = CommonOptions.ParseFormat(result.GetValue(formatOption));
            var reader = CommonOptions.Reader(context, result.GetValue(maxBytes), format);
            var pipeline = CommonOptions.Pipeline(context, result.GetValue(pageBudget));
            var addressed = CommonOptions.Addresses(result.GetValue(index));
            var location = CommonOptions.Location(result.GetValue(db));
            var threshold = result.GetValue(similarity);
            if (threshold is <= 0 or > 1)
                throw new UsageException("--duplicate-threshold must be above 0 and at most 1");
            var wait = result.GetValue(lockWait);
            if (!(wait > 0 && wait <= TimeSpan.MaxValue.TotalSeconds / 2))
                throw new UsageException($"--lock-wait must be a positive number of seconds; got {wait.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            IRecordStore store;
            try
            {
                store = RecordStores.Open(location, TimeSpan.FromSeconds(wait), threshold);
            }
            catch (RecordStoreException e)
            {
                context.Report(e.Message);
                return ExitCodes.InputFailed;
            }
            using var owned = store;
            var tally = new Tally();
            var givenOutlet = result.GetValue(outlet);
            var report = !result.GetValue(quiet);
            // Pages are read and analysed on a second thread while the store writes the ones before them, in
            // order, in short transactions opened only once their pages are analysed.
            // The store's writer analyses each record itself, so that a stored page is not held while the next is
            // analysed (see IngestWriter).
            var records = reader.Read(result.GetValue(paths)!).Select(addressed)
                .SelectMany(input => pipeline.Records(input, format));
            PageOutcome Analyse(Muster.Reading.Formats.SourceRecord record) => FullSource(pipeline.Process(record, givenOutlet));
            var writer = new IngestWriter(store, pipeline.Time);
            if (context.Interactive)
            {
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
                    .Start(progress =>
                    {
                        var task = progress.AddTask("Ingesting", maxValue: double.MaxValue);
                        writer.Write(records, Analyse, (outcome, attempt) =>
                        {
                            Tell(context, outcome, attempt, tally, report: false);
                            task.Description = $"Ingesting: {tally.Added + tally.Unchanged} read, {tally.Failed} failed";
                        });
                        task.StopTask();
                    });
                if (tally.Found.Count > 0)
                {
                    var table = new Table().Title("Relevant articles found").AddColumns("story", "claims", "page", "title or first words");
                    foreach (var (source, story) in tally.Found)
                        table.AddRow(Markup.Escape(story.Id), story.Claims.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            Markup.Escape(Path.GetFileName(source)), Markup.Escape(StoriesCommand.Headline(story)));
                    AnsiConsole.Write(table);
                }
            }
            else
            {
                writer.Write(records, Analyse, (outcome, attempt) => Tell(context, outcome, attempt, tally, report));
            }
            var totals = store.Count();
            context.Out.WriteLine(
                $"documents: {tally.Added} added, {tally.Unchanged} unchanged; stories: {tally.Stories} ({tally.Relevant} relevant); " +
                $"claims: {tally.Claims}; errors: {tally.Failed}");
            context.Out.WriteLine(
                $"database {location.Display}: {totals.Documents} documents, {totals.Stories} stories ({totals.RelevantStories} relevant), {totals.Claims} claims");
            return tally.Failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return command;
    }

    private static PageOutcome FullSource(PageOutcome outcome) =>
        outcome.Document is { } document ? outcome with { Document = document with { Source = SourceNames.Full(document.Source) } } : outcome;

    /// <summary>Counts and reports one page once what became of it is final: stored lines follow the commit.</summary>
    private static void Tell(CliContext context, PageOutcome outcome, SaveAttempt? attempt, Tally tally, bool report)
    {
        if (!outcome.Success)
        {
            tally.Failed++;
            context.ReportError(outcome.Source, outcome.Error!);
            return;
        }
        if (outcome.Warning is not null)
            context.ReportWarning(outcome.Source, outcome.Warning);
        if (attempt?.Result is not { } saved)
        {
            tally.Failed++;
            context.ReportError(outcome.Source, $"not stored: {attempt?.Error}");
            return;
        }
        var document = outcome.Document!;
        if (saved.Status == SaveStatus.Unchanged)
        {
            tally.Unchanged++;
            return;
        }
        tally.Added++;
        tally.Stories += document.Stories.Count;
        tally.Relevant += document.Stories.Count(s => s.Relevant);
        tally.Claims += document.Stories.Sum(s => s.Claims.Count);
        if (tally.Found.Count < 25)
            tally.Found.AddRange(document.Stories.Where(s => s.Relevant && s.Role == StoryRole.Article).Select(s => (outcome.Source, s)));
        if (report)
        {
            var article = document.Stories.FirstOrDefault(s => s.Role == StoryRole.Article);
            context.Out.WriteLine(
                $"{OneLine.Escape(outcome.Source)}: {document.Stories.Count} stories ({document.Stories.Count(s => s.Relevant)} relevant), " +
                $"{document.Stories.Sum(s => s.Claims.Count)} claims; outlet {document.Outlet ?? "unknown"}" +
                (article is null ? "" : $"; article {article.Id}: {StoriesCommand.Headline(article)}"));
        }
    }
}
