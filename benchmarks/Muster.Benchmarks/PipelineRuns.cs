using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Storage;

namespace Muster.Benchmarks;

/// <summary>The whole pipeline on generated text pages: in memory (throughput) and into SQLite (ingest).</summary>
public static class PipelineRuns
{
    /// <summary>
    /// Text pages through the whole pipeline to claims, in memory, one thread (the orchestrator pins the process to
    /// one core): <paramref name="pages"/> generated pages, a warm-up pass, then timed passes for at least
    /// <paramref name="minSeconds"/>.
    /// </summary>
    public static Dictionary<string, object?> Text(int pages, double minSeconds)
    {
        var pipeline = new MusterPipelineBuilder().UseClaims().Build();
        // Held in memory on purpose here: this run measures the pipeline, not the generator or the disk.
        var corpus = Corpus.Generate(BenchmarkPaths.Samples, pages).Select(p => new PageInput(p.Name, p.Bytes, null)).ToList();
        long stories = 0, claims = 0, bytes = 0;
        var started = Stopwatch.StartNew();
        foreach (var input in corpus)
        {
            var document = pipeline.Process(input).Document!;
            stories += document.Stories.Count;
            claims += document.Stories.Sum(s => s.Claims.Count);
            bytes += input.Bytes!.Length;
        }
        // More warm-up until tiered compilation has settled: at least the warm-up seconds in all.
        while (started.Elapsed.TotalSeconds < ExtractionRun.WarmupSeconds)
            foreach (var input in corpus)
                pipeline.Process(input);
        var (passes, seconds, fastest) = TimedPasses.Run(() =>
        {
            foreach (var input in corpus)
                pipeline.Process(input);
        }, minSeconds);
        return new Dictionary<string, object?>
        {
            ["text_stories_per_s_per_core"] = Math.Round(stories * passes / seconds),
            ["text_best_pass_stories_per_s_per_core"] = Math.Round(stories / fastest),
            ["text_pages_per_s_per_core"] = Math.Round(pages * passes / seconds),
            ["text_mb_per_s"] = Math.Round(bytes * passes / 1e6 / seconds, 2),
            ["text_corpus_pages"] = pages,
            ["text_stories_per_page"] = Math.Round((double)stories / pages, 2),
            ["text_claims_per_page"] = Math.Round((double)claims / pages, 2),
        };
    }

    /// <summary>
    /// Streams <paramref name="pages"/> generated pages through the pipeline into a new SQLite record at
    /// <paramref name="db"/>, as <c>muster ingest</c> does (a transaction per page), on one thread. At each of
    /// <paramref name="checkpoints"/> (page counts) records the time so far, the split between the pipeline and
    /// the store, the database's size and the process's peak working set: the 1k and 10k corpora are prefixes of
    /// the larger ones, so one run gives every size.
    /// </summary>
    public static Dictionary<string, object?> Ingest(int pages, string db, IReadOnlyCollection<int> checkpoints)
    {
        var results = new Dictionary<string, object?>();
        var pipeline = new MusterPipelineBuilder().UseClaims().Build();
        long processTicks = 0, saveTicks = 0, bytes = 0, stories = 0, claims = 0;
        var count = 0;
        var clock = Stopwatch.StartNew();
        var store = new SqliteRecordStore(db);
        try
        {
            // As `muster ingest` does: pages analysed on a second thread ahead of the store, in order, and saved
            // in short batches (each document whole). pipeline_s is the analysing thread's time, store_s the
            // storing thread's; with the two overlapping, the wall time is near the larger.
            var analysed = Corpus.Generate(BenchmarkPaths.Samples, pages).Select(item =>
            {
                var start = Stopwatch.GetTimestamp();
                var outcomes = pipeline.ProcessAll(new PageInput("/generated/" + item.Name, item.Bytes, null)).ToList();
                Interlocked.Add(ref processTicks, Stopwatch.GetTimestamp() - start);
                return (Page: item.Bytes, Outcomes: outcomes);
            }).Ahead(64);
            using var batch = store.BeginBatch();
            foreach (var (page, outcomes) in analysed)
            {
                var start = Stopwatch.GetTimestamp();
                foreach (var outcome in outcomes)
                {
                    var document = outcome.Document ?? throw new InvalidOperationException($"{outcome.Source}: {outcome.Error}");
                    store.Save(document, pipeline.Time.GetUtcNow());
                    stories += document.Stories.Count;
                    claims += document.Stories.Sum(s => s.Claims.Count);
                }
                saveTicks += Stopwatch.GetTimestamp() - start;
                bytes += page.Length;
                count++;
                if (count % Math.Max(1, pages / 20) == 0)
                    Console.Error.WriteLine($"ingest: {count} pages, {clock.Elapsed.TotalSeconds:F0} s");
                if (checkpoints.Contains(count) && count != pages)
                    Checkpoint(results, count, clock.Elapsed.TotalSeconds, Interlocked.Read(ref processTicks), saveTicks, bytes, stories, db);
            }
        }
        finally
        {
            store.Dispose(); // PRAGMA optimize, as at the end of `muster ingest`: part of the ingest's time.
        }
        Checkpoint(results, count, clock.Elapsed.TotalSeconds, processTicks, saveTicks, bytes, stories, db);
        results[$"ingest_{Label(count)}_stories"] = stories;
        results[$"ingest_{Label(count)}_claims"] = claims;
        SqliteConnection.ClearAllPools();
        return results;
    }

    private static void Checkpoint(Dictionary<string, object?> results, int count, double seconds, long processTicks, long saveTicks, long bytes, long stories, string db)
    {
        var label = Label(count);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        double Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
        results[$"ingest_{label}_s"] = Math.Round(seconds, 1);
        results[$"ingest_{label}_pages_per_s"] = Math.Round(count / seconds, 1);
        results[$"ingest_{label}_stories_per_s"] = Math.Round(stories / seconds, 1);
        results[$"ingest_{label}_mb_per_s"] = Math.Round(bytes / 1e6 / seconds, 3);
        results[$"ingest_{label}_pipeline_s"] = Math.Round(Stopwatch.GetElapsedTime(0, processTicks).TotalSeconds, 1);
        results[$"ingest_{label}_store_s"] = Math.Round(Stopwatch.GetElapsedTime(0, saveTicks).TotalSeconds, 1);
        results[$"db_{label}_mb"] = Math.Round((Size(db) + Size(db + "-wal")) / 1e6, 1);
        results[$"peak_working_set_mb_{label}"] = Math.Round(process.PeakWorkingSet64 / 1e6);
        results[$"gc_heap_mb_{label}"] = Math.Round(GC.GetTotalMemory(false) / 1e6);
    }

    /// <summary>"1k", "10k", "100k", or the number itself.</summary>
    public static string Label(int pages) => pages % 1000 == 0 ? $"{pages / 1000}k" : pages.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
