using System.Diagnostics;
using System.Text;
using Muster.Export;
using Muster.Pipeline;
using Muster.Reading;

// A profiling harness for the text pipeline (issue 7), kept apart from benchmarks/.
//   speed [seconds] [seeds-folder]   stories/s with and without claims, several rounds
//   loop  [seconds|xN] [seeds]       the claims pipeline in a loop, for seconds or N passes (for dotnet-trace, perf)
//   dump  FILE [seeds-folder]        one JSON line per page, to compare results before and after a change
//   ingest [pages]                   generated pages into a fresh SQLite database, pipeline and store timed apart
// Pages: samples/**/*.txt, the seed pages (read in place), and 1,000 pages recombined from the samples.
var mode = args.Length > 0 ? args[0] : "speed";
var root = FindRoot();
var seeds = args.Length > 2 ? args[2] : "/work/shared/seeds";
var pages = LoadPages(root, seeds);
var stories = new MusterPipelineBuilder().UseClaims().Build();
var plain = new MusterPipelineBuilder().Build();
Console.Error.WriteLine($"{pages.Count} pages, {pages.Sum(p => p.Bytes.Length) / 1e6:F1} MB");

switch (mode)
{
    case "ingest":
    {
        // Pipeline and store timed apart, over N generated pages into a fresh database.
        var count = args.Length > 1 ? int.Parse(args[1]) : 10_000;
        var folder = Directory.CreateTempSubdirectory("muster-profile-").FullName;
        var db = Path.Combine(folder, "profile.db");
        var pipelineTime = new Stopwatch();
        var storeTime = new Stopwatch();
        var total = Stopwatch.StartNew();
        using (var store = new Muster.Storage.SqliteRecordStore(db))
        {
            var n = 0;
            foreach (var (name, bytes) in Generate(root, count))
            {
                pipelineTime.Start();
                var document = stories.Process(new PageInput(name, bytes, null)).Document!;
                pipelineTime.Stop();
                storeTime.Start();
                store.Save(document, DateTimeOffset.UnixEpoch);
                storeTime.Stop();
                if (++n % 5000 == 0)
                    Console.Error.WriteLine($"{n} pages: pipeline {pipelineTime.Elapsed.TotalSeconds:F1} s, store {storeTime.Elapsed.TotalSeconds:F1} s");
            }
        }
        Console.WriteLine($"ingest {count} pages: {total.Elapsed.TotalSeconds:F1} s (pipeline {pipelineTime.Elapsed.TotalSeconds:F1} s, store {storeTime.Elapsed.TotalSeconds:F1} s), database {new FileInfo(db).Length / 1e6:F1} MB");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("MUSTER_PROFILE_KEEP") is { Length: > 0 } keep)
            File.Copy(db, keep, overwrite: true); // to look at its query plans
        Directory.Delete(folder, recursive: true);
        break;
    }
    case "dump":
        using (var writer = new StreamWriter(args[1]))
            foreach (var (name, bytes) in pages)
            {
                var outcome = stories.Process(new PageInput(name, bytes, null));
                writer.WriteLine(outcome.Document is { } d ? DocumentJson.ToLine(d) : $"{name}: {outcome.Error}");
            }
        break;
    case "loop":
    {
        // "loop 30": for 30 seconds; "loop x20": 20 passes (a fixed amount of work, for instruction counts).
        var until = Stopwatch.StartNew();
        var limit = args.Length > 1 ? args[1] : "30";
        if (limit.StartsWith('x'))
            for (var pass = int.Parse(limit[1..]); pass > 0; pass--)
                Run(stories, pages);
        else
            while (until.Elapsed.TotalSeconds < double.Parse(limit))
                Run(stories, pages);
        break;
    }
    default:
    {
        var seconds = args.Length > 1 ? double.Parse(args[1]) : 1.5;
        Run(stories, pages);
        Run(plain, pages);
        // The best of several short rounds: on a shared machine the best round is the one least disturbed.
        double bestClaims = 0, bestSegment = 0;
        for (var round = 0; round < 6; round++)
        {
            // CPU time of the process, not wall time: a run that waits for a core should not count the wait.
            var (s1, t1) = Time(stories, pages, seconds);
            var (s2, t2) = Time(plain, pages, seconds);
            bestClaims = Math.Max(bestClaims, s1 / t1);
            bestSegment = Math.Max(bestSegment, s2 / t2);
        }
        // The claim stage's share: per-story time with claims minus without.
        var claimShare = 1 - (1 / bestSegment) / (1 / bestClaims);
        Console.WriteLine($"best of 6: to claims {bestClaims:F0} stories per CPU-second, segmentation only {bestSegment:F0}, claim stage {claimShare:P0} of the time");
        break;
    }
}

static (long Stories, double Seconds) Time(MusterPipeline pipeline, List<(string Name, byte[] Bytes)> pages, double seconds)
{
    var watch = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    long count = 0;
    while (watch.Elapsed.TotalSeconds < seconds)
        count += Run(pipeline, pages);
    return (count, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
}

static long Run(MusterPipeline pipeline, List<(string Name, byte[] Bytes)> pages)
{
    long count = 0;
    foreach (var (name, bytes) in pages)
        count += pipeline.Process(new PageInput(name, bytes, null)).Document?.Stories.Count ?? 0;
    return count;
}

static string FindRoot()
{
    var dir = AppContext.BaseDirectory;
    while (dir is not null && !File.Exists(Path.Combine(dir, "Muster.slnx")))
        dir = Path.GetDirectoryName(dir);
    return dir ?? throw new InvalidOperationException("run inside the repository");
}

static List<(string Name, byte[] Bytes)> LoadPages(string root, string seeds)
{
    var samples = Path.Combine(root, "samples");
    var files = Directory.GetFiles(samples, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
    if (Directory.Exists(seeds))
        files.AddRange(Directory.GetFiles(seeds).Order(StringComparer.Ordinal));
    var pages = files.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
    pages.AddRange(Generate(root, 1000));
    return pages;
}

// Recombined pages, as benchmarks/ builds them (fixed seed), so figures compare with its runner. Streamed.
static IEnumerable<(string Name, byte[] Bytes)> Generate(string root, int count)
{
    var samples = Path.Combine(root, "samples");
    var paragraphs = Directory.GetFiles(samples, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .SelectMany(f => File.ReadAllText(f).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)).ToList();
    var headlines = paragraphs.Where(p => !p.Contains('\n') && p.Length is > 20 and < 160 && !p.TrimEnd().EndsWith('.')).ToList();
    var bodies = paragraphs.Where(p => p.Length >= 120).ToList();
    var random = new Random(20261123);
    for (var i = 0; i < count; i++)
    {
        var page = new StringBuilder();
        page.Append(headlines[random.Next(headlines.Count)]).Append("\n\n");
        for (var p = 0; p < 4 + random.Next(5); p++)
            page.Append(bodies[random.Next(bodies.Count)]).Append("\n\n");
        page.Append("Show More\n\n").Append(bodies[random.Next(bodies.Count)]).Append("\n\n");
        page.Append("Page ").Append(i).Append(" of the generated corpus.\n");
        yield return ($"generated-{i:000000}.txt", Encoding.UTF8.GetBytes(page.ToString()));
    }
}
