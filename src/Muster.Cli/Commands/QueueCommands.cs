using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Muster.Pipeline;
using Muster.Queue;
using Muster.Reading.Formats;
using Muster.Storage;

namespace Muster.Cli.Commands;

/// <summary>
/// Many workers on one record on PostgreSQL: <c>muster enqueue</c> puts inputs on the record's job queue, record by
/// record; <c>muster worker</c> (any number, on any machines) analyses and stores them in enqueue order;
/// <c>muster queue</c> shows where the jobs are.
/// </summary>
internal static class QueueCommands
{
    /// <summary>The record a queue command works on: a PostgreSQL server, else a usage error saying why.</summary>
    private static PostgresLocation QueueLocation(string? option, string command) => CommonOptions.Location(option) switch
    {
        PostgresLocation postgres => postgres,
        var file => throw new UsageException(
            $"--db: muster {command} needs a record on PostgreSQL (a postgresql:// URI or a Host=… connection string); {file.Display} is a SQLite file"),
    };

    private static string Line(QueueCounts counts) =>
        $"pending {counts.Pending}, running {counts.Running}, done {counts.Done}, failed {counts.Failed}";

    public static Command Enqueue(CliContext context)
    {
        var paths = CommonOptions.Paths();
        var db = CommonOptions.Database();
        var outlet = CommonOptions.Outlet();
        var maxBytes = CommonOptions.MaxBytes();
        var formatOption = CommonOptions.Format();
        var index = CommonOptions.Index();
        var command = new Command("enqueue", "Put inputs on the record's job queue (PostgreSQL), one job per page, feed item, message, archived response or line, for muster worker to store.")
        {
            paths, db, outlet, maxBytes, formatOption, index,
        };
        command.SetAction(result =>
        {
            var location = QueueLocation(result.GetValue(db), "enqueue");
            var format = CommonOptions.ParseFormat(result.GetValue(formatOption));
            var reader = CommonOptions.Reader(context, result.GetValue(maxBytes), format);
            var addressed = CommonOptions.Addresses(result.GetValue(index));
            var givenOutlet = result.GetValue(outlet);
            using var queue = JobQueue.Open(location);
            var readers = new FormatReaders();
            int added = 0, known = 0, failed = 0;
            var batch = new List<SourceRecord>();
            long batchBytes = 0;
            void Flush()
            {
                if (batch.Count == 0)
                    return;
                foreach (var isNew in queue.Enqueue(batch))
                {
                    if (isNew)
                        added++;
                    else
                        known++;
                }
                batch.Clear();
                batchBytes = 0;
            }
            // Streamed: a container is read record by record and queued in small transactions, never held whole.
            foreach (var input in reader.Read(result.GetValue(paths)!).Select(addressed))
            {
                foreach (var record in readers.ReadAll(input, format))
                {
                    if (record.Content is null)
                    {
                        failed++;
                        context.ReportError(record.Source, record.Error ?? "cannot read");
                        continue;
                    }
                    batch.Add(record with { Source = SourceNames.Full(record.Source), Outlet = givenOutlet ?? record.Outlet });
                    batchBytes += record.Content.LongLength;
                    if (batch.Count >= 200 || batchBytes >= 32L << 20)
                        Flush();
                }
            }
            Flush();
            context.Out.WriteLine($"jobs: {added} queued, {known} already queued (the same bytes); errors: {failed}");
            context.Out.WriteLine($"queue {location.Display}: {Line(queue.Counts())}");
            return failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return command;
    }

    public static Command Worker(CliContext context)
    {
        var db = CommonOptions.Database();
        var untilEmpty = new Option<bool>("--until-empty") { Description = "Exit once no job is pending or running (else wait for new jobs until Ctrl+C or SIGTERM)." };
        var lease = new Option<double>("--lease")
        {
            Description = "Seconds a job stays held without renewal (renewed every third of it while the worker works): a worker that dies leaves its job to another after this long.",
            DefaultValueFactory = _ => 30,
        };
        var pageBudget = CommonOptions.PageBudget();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the summary, not a line per stored job." };
        var command = new Command("worker", "Analyse and store the jobs of the record's queue (PostgreSQL), in enqueue order, beside any number of other workers.")
        {
            db, untilEmpty, lease, pageBudget, quiet,
        };
        command.SetAction(result =>
        {
            var location = QueueLocation(result.GetValue(db), "worker");
            var seconds = result.GetValue(lease);
            if (!(seconds >= 1 && seconds <= 86400))
                throw new UsageException($"--lease must be between 1 and 86400 seconds; got {seconds.ToString(CultureInfo.InvariantCulture)}");
            var pipeline = CommonOptions.Pipeline(context, result.GetValue(pageBudget));
            var report = new WorkerLines(context, !result.GetValue(quiet));
            var worker = new QueueWorker(location, pipeline, report)
            {
                Lease = TimeSpan.FromSeconds(seconds),
                UntilEmpty = result.GetValue(untilEmpty),
                Time = context.Time,
            };
            using var stop = new CancellationTokenSource();
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            void Stop(PosixSignalContext signal)
            {
                signal.Cancel = true;
                stop.Cancel();
            }
            var summary = worker.Run(stop.Token);
            context.Out.WriteLine($"worker {worker.Id}: {summary.Stored} stored, {summary.Unchanged} unchanged, {summary.Retried} attempts failed and retried, {summary.Failed} failed");
            return summary.Failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A worker's lines: a stored job on standard output, as <c>ingest</c> prints a page; failures and notes on standard error.</summary>
    private sealed class WorkerLines(CliContext context, bool eachJob) : IWorkerReport
    {
        public void Stored(ClaimedJob job, PageDocument document, SaveResult saved)
        {
            if (!eachJob)
                return;
            context.Out.WriteLine(saved.Status == SaveStatus.Unchanged
                ? $"{OneLine.Escape(job.Source)}: unchanged (job {job.Seq})"
                : $"{OneLine.Escape(job.Source)}: {document.Stories.Count} stories ({document.Stories.Count(s => s.Relevant)} relevant), " +
                  $"{document.Stories.Sum(s => s.Claims.Count)} claims; outlet {document.Outlet ?? "unknown"} (job {job.Seq})");
        }

        public void Failed(ClaimedJob job, string reason, bool final) =>
            context.ReportError(job.Source, final
                ? $"job {job.Seq} failed: {reason}"
                : $"job {job.Seq}, attempt {job.Attempts} of {JobQueue.MaxAttempts}, failed and will be tried again: {reason}");

        public void Note(string message) => context.Report("note: " + message);
    }

    public static Command Queue(CliContext context)
    {
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var command = new Command("queue", "Show the record's job queue (PostgreSQL): pending, running, done and failed jobs, and why each failed one failed.") { db, json };
        command.SetAction(result =>
        {
            var location = QueueLocation(result.GetValue(db), "queue");
            using var queue = JobQueue.Open(location);
            var counts = queue.Counts();
            var failures = queue.Failures();
            if (result.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    pending = counts.Pending, running = counts.Running, done = counts.Done, failed = counts.Failed,
                    failures = failures.Select(f => new { job = f.Seq, source = f.Source, attempts = f.Attempts, reason = f.Reason }),
                }));
                return ExitCodes.Ok;
            }
            context.Out.WriteLine(Line(counts));
            foreach (var failure in failures)
                context.Out.WriteLine($"failed: job {failure.Seq}: {OneLine.Escape(failure.Source)}: {OneLine.Escape(failure.Reason)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
