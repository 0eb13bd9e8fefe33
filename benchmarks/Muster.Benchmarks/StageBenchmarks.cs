using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Muster.Claims;
using Muster.Dedup;
using Muster.Html;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Segmentation;

namespace Muster.Benchmarks;

/// <summary>
/// Each text stage on the same generated pages, in memory. One operation is the stage over all
/// <see cref="Pages"/> pages; <see cref="StageRuns"/> reports it per page.
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    public const int Pages = 200;

    private List<byte[]> _bytes = [];
    private List<string> _texts = [];
    private readonly StorySegmenter _segmenter = new(new LineClassifier(ClutterLexicon.Default));
    private readonly MusterPipeline _pipeline = new MusterPipelineBuilder().UseClaims().Build();
    private readonly MusterPipeline _withoutClaims = new MusterPipelineBuilder().Build();

    [GlobalSetup]
    public void Setup()
    {
        _bytes = Corpus.Generate(BenchmarkPaths.Samples, Pages).Select(p => p.Bytes).ToList();
        _texts = _bytes.Select(b => PageDecoder.Decode(b).Page!.Text).ToList();
        _ = Places.Gazetteer.Default;
        _ = ClaimTaxonomy.Default;
    }

    [Benchmark] public int Decode() => _bytes.Sum(b => PageDecoder.Decode(b).Page!.Text.Length);
    [Benchmark] public int Segment() => _texts.Sum(t => _segmenter.Segment(t).Count);
    [Benchmark] public int Sentences() => _texts.Sum(t => Muster.Text.SentenceSplitter.Split(t, 0, t.Length).Count);
    [Benchmark] public int PlaceNames() => _texts.Sum(t => Places.Gazetteer.Default.Find(t, 0, t.Length).Count);
    [Benchmark] public int Dates() => _texts.Sum(t => Muster.Dates.DateRecognizer.Find(t).Count);
    [Benchmark] public int Quantities() => _texts.Sum(t => Muster.Quantities.QuantityRecognizer.Find(t, 0, t.Length).Count);
    [Benchmark] public int DedupSignature() => _texts.Sum(t => MinHasher.Sign(t)?.MinHash.Length ?? 0);
    /// <summary>The pipeline without the claim stage: decode, segment, outlet, language, relevance.</summary>
    [Benchmark] public int PipelineWithoutClaims() => _bytes.Sum(b => _withoutClaims.Process(new PageInput("bench", b, null)).Document!.Stories.Count);
    /// <summary>The whole pipeline to claims.</summary>
    [Benchmark] public int Claims() => _bytes.Sum(b => _pipeline.Process(new PageInput("bench", b, null)).Document!.Stories.Sum(s => s.Claims.Count));
}

/// <summary>
/// HTML extraction on the article-extraction benchmark's pages: AngleSharp's parse alone (the floor every
/// AngleSharp-based extractor pays) and Muster's whole extractor. One operation is all the pages.
/// </summary>
[MemoryDiagnoser]
public class HtmlStageBenchmarks
{
    private List<ExtractionRun.Page> _pages = [];
    private readonly HtmlArticleExtractor _extractor = new();

    public static int PageCount { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _pages = ExtractionRun.Load(BenchmarkPaths.ExtractionBenchmark);
        PageCount = _pages.Count;
    }

    [Benchmark] public int HtmlParse() => _pages.Sum(p => new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(p.Html).All.Length);
    [Benchmark] public int HtmlExtract() => _pages.Sum(p => _extractor.ExtractBody(p.Html, p.Url).Length);
}

/// <summary>Runs the stage benchmarks in this process and reports microseconds per page for each.</summary>
public static class StageRuns
{
    public static Dictionary<string, object?> Run(bool quick, string[] extra)
    {
        var job = (quick
                ? Job.Dry.WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(1).WithUnrollFactor(1)
                : Job.Default.WithWarmupCount(3).WithIterationCount(10))
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId(quick ? "quick" : "full");
        var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.JoinSummary)
            .WithArtifactsPath(Path.Combine(BenchmarkPaths.Results, "BenchmarkDotNet.Artifacts"));
        var types = new List<Type> { typeof(StageBenchmarks) };
        var htmlPages = File.Exists(Path.Combine(BenchmarkPaths.ExtractionBenchmark, "ground-truth.json"));
        if (htmlPages)
            types.Add(typeof(HtmlStageBenchmarks));
        var summaries = extra.Length > 0
            ? BenchmarkSwitcher.FromTypes(types.ToArray()).Run(extra, config).ToArray()
            : [BenchmarkRunner.Run(types.ToArray(), config).Single()];
        var perPage = new Dictionary<string, double>();
        foreach (var summary in summaries)
            foreach (var report in summary.Reports)
            {
                if (report.ResultStatistics is not { } statistics)
                    continue;
                var method = report.BenchmarkCase.Descriptor.WorkloadMethod;
                var pages = method.DeclaringType == typeof(HtmlStageBenchmarks) ? Math.Max(1, HtmlStageBenchmarks.PageCount) : StageBenchmarks.Pages;
                perPage[method.Name] = Math.Round(statistics.Median / 1000 / pages, 1);
            }
        return new Dictionary<string, object?> { ["stage_us_per_page"] = perPage };
    }
}
