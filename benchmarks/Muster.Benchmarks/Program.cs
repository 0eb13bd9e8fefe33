using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Running;
using Muster.Benchmarks;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Storage;

// `pipeline [--quick]`: whole-pipeline runs on generated corpora, one JSON line at the end.
// `stages`: BenchmarkDotNet micro-benchmarks of each stage.
if (args.Length > 0 && args[0] == "stages")
{
    BenchmarkRunner.Run<StageBenchmarks>(args: args[1..]);
    return;
}
var quick = args.Contains("--quick");
var sizes = quick ? new[] { 1_000 } : new[] { 1_000, 10_000, 100_000 };
var results = new Dictionary<string, object?>();
var pipeline = new MusterPipelineBuilder().UseClaims().Build();

// Text through the whole pipeline to claims, in memory, one thread.
{
    var pages = Corpus.Generate(BenchmarkPaths.Samples, quick ? 500 : 2_000).ToList();
    foreach (var (name, bytes) in pages.Take(50))
        pipeline.Process(new PageInput(name, bytes, null));
    var watch = Stopwatch.StartNew();
    long stories = 0, bytesTotal = 0;
    foreach (var (name, bytes) in pages)
    {
        stories += pipeline.Process(new PageInput(name, bytes, null)).Document!.Stories.Count;
        bytesTotal += bytes.Length;
    }
    var seconds = watch.Elapsed.TotalSeconds;
    results["text_stories_per_s_per_core"] = Math.Round(stories / seconds);
    results["text_mb_per_s"] = Math.Round(bytesTotal / 1e6 / seconds, 2);
}

// Ingest into SQLite, streaming the generated pages.
foreach (var size in sizes)
{
    var folder = Directory.CreateTempSubdirectory("muster-bench-").FullName;
    var db = Path.Combine(folder, "bench.db");
    var watch = Stopwatch.StartNew();
    using (var store = new SqliteRecordStore(db))
        foreach (var (name, bytes) in Corpus.Generate(BenchmarkPaths.Samples, size))
            store.Save(pipeline.Process(new PageInput(name, bytes, null)).Document!, DateTimeOffset.UnixEpoch);
    results[$"ingest_{size / 1000}k_s"] = Math.Round(watch.Elapsed.TotalSeconds, 1);
    results[$"db_{size / 1000}k_mb"] = Math.Round(new FileInfo(db).Length / 1e6, 1);
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}
results["peak_working_set_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1e6);
// Filled by later issues: HTML extraction and its peers (issue 4), query latency through the API.
foreach (var key in new[] { "html_pages_per_s_per_core", "readabilityjs_pages_per_s", "smartreader_pages_per_s", "html_f1", "claims_p95_ms" })
    results[key] = null;
if (!results.ContainsKey("ingest_100k_s"))
    results["ingest_100k_s"] = null;
Console.WriteLine(JsonSerializer.Serialize(results));

