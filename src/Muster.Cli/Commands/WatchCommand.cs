using System.CommandLine;
using System.Runtime.InteropServices;
using Muster.Alerts;
using Muster.Storage;
using Muster.Watching;

namespace Muster.Cli.Commands;

/// <summary>
/// <c>muster watch SOURCES.yaml [--db X] [--once]</c>: fetches the sources that are due, stores their new items
/// through the pipeline and writer of <c>ingest</c>, prints a line per source, and raises the alerts of saved queries
/// that new claims or events match. With <c>--once</c> it exits when done (for cron: 1 if a source or an item
/// failed); without, it keeps going until Ctrl+C or SIGTERM, which finish the store batch under way and exit 0.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("sources") { Description = "The sources file (YAML): contact, politeness settings and the sources to follow." };
        var db = CommonOptions.Database();
        var once = new Option<bool>("--once") { Description = "Fetch what is due, store it, raise alerts and exit (for cron)." };
        var lockWait = new Option<double>("--lock-wait")
        {
            Description = "Seconds a write waits for another writer before its pages are reported as not stored.",
            DefaultValueFactory = _ => SqliteRecordStore.DefaultLockWait.TotalSeconds,
        };
        var webhookWait = new Option<double>("--webhook-wait")
        {
            Description = "With --once: seconds to wait at the end for webhook alerts still being retried (the rest are tried by the next run).",
            DefaultValueFactory = _ => 30,
        };
        var webhookBackOff = new Option<double>("--webhook-backoff")
        {
            Description = "Seconds before a failed webhook alert is tried again; each later pause doubles.",
            DefaultValueFactory = _ => 5,
        };
        var command = new Command("watch", "Follow feeds and listing pages: store their new items as they publish, and raise the alerts of saved queries.")
            { file, db, once, lockWait, webhookWait, webhookBackOff };
        command.SetAction((result, cancel) => RunAsync(context, result.GetValue(file)!, CliContext.ResolveDatabase(result.GetValue(db)), result.GetValue(once),
            Seconds(result.GetValue(lockWait), "--lock-wait"), Seconds(result.GetValue(webhookWait), "--webhook-wait", zero: true),
            Seconds(result.GetValue(webhookBackOff), "--webhook-backoff"), cancel));
        return command;
    }

    private static TimeSpan Seconds(double value, string option, bool zero = false)
    {
        if (!(value > 0 || (zero && value == 0)) || value > TimeSpan.MaxValue.TotalSeconds / 2)
            throw new UsageException($"{option} must be a {(zero ? "non-negative" : "positive")} number of seconds; got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return TimeSpan.FromSeconds(value);
    }

    private sealed class Listener(CliContext context, AlertDispatcher alerts) : IWatchListener
    {
        public bool Failed;

        public void Source(SourceReport report)
        {
            if (report.Outcome == SourceOutcome.Failed)
            {
                Failed = true;
                context.Report(report.Line());
            }
            else
                context.Out.WriteLine(OneLine.Escape(report.Line()));
        }

        public void ItemFailed(string item, string reason)
        {
            Failed = true;
            context.ReportError(item, reason);
        }

        public void ItemNote(string item, string note) => context.ReportNote(item, note);

        public void Stored(int added) => alerts.Check();
    }

    private static async Task<int> RunAsync(CliContext context, string path, string databasePath, bool once, TimeSpan lockWait, TimeSpan webhookWait,
        TimeSpan webhookBackOff, CancellationToken cancel)
    {
        WatchSources sources;
        try
        {
            sources = WatchSourcesReader.ReadFile(path);
        }
        catch (WatchSourcesException e)
        {
            context.Report(e.Message);
            return ExitCodes.InputFailed;
        }
        var pipeline = CommonOptions.Pipeline(context);
        SqliteRecordStore store;
        try
        {
            store = new SqliteRecordStore(databasePath, lockWait);
        }
        catch (RecordBusyException e)
        {
            context.Report(e.Message);
            return ExitCodes.InputFailed;
        }
        using var ownedStore = store;
        using var state = new SqliteWatchState(databasePath, lockWait);
        using var alertStore = new SqliteAlertStore(databasePath, lockWait);
        var policy = FetchPolicy.From(sources);
        using var fetcher = new PoliteFetcher(policy, state, context.Time);
        var output = new Lock();
        void Line(string text)
        {
            lock (output)
                context.Out.WriteLine(OneLine.Escape(text));
        }
        var dispatcher = new AlertDispatcher(store, alertStore, context.Time, Line, (what, why) => context.ReportError(what, why));
        var senderStore = new SqliteAlertStore(databasePath, lockWait);
        var sender = new WebhookSender(senderStore, context.Time, webhookBackOff, policy.UserAgent, (what, why) => context.ReportError(what, why));
        dispatcher.WebhooksQueued += sender.Wake;
        var listener = new Listener(context, dispatcher);
        // Alerts an earlier run recorded but was stopped before printing or writing.
        dispatcher.DeliverLocal();
        var watcher = new Watcher(sources, pipeline, store, state, fetcher, listener);

        // Ctrl+C and SIGTERM (a service manager stopping it) stop fetching; the store batch under way is finished.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }
        try
        {
            if (once)
                await watcher.RunDueAsync(stop.Token);
            else
                await watcher.RunAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            context.Report("stopped; the store batch under way was finished");
            return ExitCodes.Ok;
        }
        finally
        {
            if (once && !await sender.DrainAsync(webhookWait))
                context.Report($"{alertStore.PendingCount("webhook")} webhook alerts not yet delivered; the next run tries them again");
            await sender.DisposeAsync();
            senderStore.Dispose();
        }
        return listener.Failed ? ExitCodes.InputFailed : ExitCodes.Ok;
    }
}
