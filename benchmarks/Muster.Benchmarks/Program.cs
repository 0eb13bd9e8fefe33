using System.Globalization;
using System.Text.Json;
using Muster.Benchmarks;

// Muster's benchmarks. `all` (what ./benchmarks/run.sh runs) measures everything, each part in its own process,
// and ends with one line of JSON; the other commands are its parts, each ending with its own line of JSON.
//   all [--quick]                      everything; --quick: small corpora, a run of a few minutes
//   stages [--quick] [BDN options]     BenchmarkDotNet micro-benchmarks of each stage (µs per page)
//   text [--pages N] [--seconds S] [--warmup S]   text pages through the whole pipeline, in memory, one thread
//   html --extractor muster|smartreader [--seconds S] [--warmup S]   extraction on the article-extraction benchmark
//   score-readability FILE             scores the texts a Readability.js run wrote (same metric as the others)
//   ingest --pages N --db PATH [--checkpoints 1000,10000]  generated pages into SQLite, streaming
//   latency --db PATH [--rounds N]     query latency through the HTTP API on loopback
//   shapes [--seconds S]               hostile page shapes at 10 KB, 100 KB and 1 MB: time per MB and its growth
//   bigpages-make --folder DIR [--pages N] [--mb M]   writes N distinct generated text pages of M MB (16 × 19)
//   bigpages --folder DIR --label L     ingests a folder of such pages into SQLite: its peak working set
//   workers [--pages N] [--warmup-pages N] [--paragraphs MIN,MAX] [--filler-kb K] [--rounds N]   long articles into SQLite (ingest)
//                                      and into PostgreSQL by 1 and 2 `muster worker` processes; the claims list's latency
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var command = args.Length > 0 ? args[0] : "all";
var rest = args.Skip(1).ToArray();
string? Option(string name) => Array.IndexOf(rest, name) is var i and >= 0 && i + 1 < rest.Length ? rest[i + 1] : null;
int IntOption(string name, int fallback) => Option(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
double DoubleOption(string name, double fallback) => Option(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
var quick = rest.Contains("--quick");
if (Option("--warmup") is { } warmupSeconds)
    ExtractionRun.WarmupSeconds = double.Parse(warmupSeconds, CultureInfo.InvariantCulture);

if (Environment.ProcessorCount == 1 && Environment.GetEnvironmentVariable("DOTNET_TC_DelaySingleProcMultiplier") is null)
    Console.Error.WriteLine("warning: one core seen and DOTNET_TC_DelaySingleProcMultiplier unset: .NET delays optimized code tenfold, short runs measure tier-0 code");

Dictionary<string, object?> result;
switch (command)
{
    case "all":
        return await Orchestrator.Run(quick, Option("--ingest-pages") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : null);
    case "stages":
        result = StageRuns.Run(quick, rest.Where(a => a != "--quick").ToArray());
        break;
    case "text":
        result = PipelineRuns.Text(IntOption("--pages", 2_000), DoubleOption("--seconds", 10));
        break;
    case "html":
        var extractor = Option("--extractor") ?? "muster";
        result = ExtractionRun.Run(BenchmarkPaths.ExtractionBenchmark, extractor, extractor == "muster" ? "html" : extractor, DoubleOption("--seconds", 10));
        break;
    case "score-readability":
        result = Orchestrator.ScoreReadability(rest[0]);
        break;
    case "ingest":
        var pages = IntOption("--pages", 1_000);
        var checkpoints = (Option("--checkpoints") ?? "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToHashSet();
        result = PipelineRuns.Ingest(pages, Option("--db") ?? throw new ArgumentException("--db PATH"), checkpoints);
        break;
    case "shapes":
        result = ShapeRuns.Run(DoubleOption("--seconds", 1));
        break;
    case "bigpages-make":
        BigPageRuns.Generate(Option("--folder") ?? throw new ArgumentException("--folder DIR"), IntOption("--pages", 16), IntOption("--mb", 19) * 1_000_000);
        result = new() { ["bigpages_made"] = IntOption("--pages", 16) };
        break;
    case "bigpages":
        result = BigPageRuns.Ingest(Option("--folder") ?? throw new ArgumentException("--folder DIR"), Option("--label") ?? "folder");
        break;
    case "latency":
        result = await LatencyRun.Run(Option("--db") ?? throw new ArgumentException("--db PATH"), IntOption("--rounds", 20));
        break;
    case "workers":
        var workerPages = IntOption("--pages", 2_000);
        var paragraphs = (Option("--paragraphs") ?? "24,32").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        try
        {
            result = await WorkersRun.Run(new WorkersRun.Settings(workerPages, IntOption("--warmup-pages", Math.Max(20, workerPages / 10)),
                paragraphs[0], paragraphs[^1], IntOption("--rounds", 20), IntOption("--filler-kb", 0)));
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or Npgsql.NpgsqlException)
        {
            // Caught, so that the cluster and the corpus are removed on the way out (an unhandled exception skips that).
            Console.Error.WriteLine($"workers: {e.Message}");
            return 1;
        }
        break;
    default:
        Console.Error.WriteLine($"unknown command '{command}'; see the comment at the top of Program.cs");
        return 2;
}
Console.WriteLine(JsonSerializer.Serialize(result, Orchestrator.Json));
return 0;
