using BenchmarkDotNet.Attributes;
using Muster.Claims;
using Muster.Dedup;
using Muster.Pipeline;
using Muster.Places;
using Muster.Reading;
using Muster.Segmentation;

namespace Muster.Benchmarks;

/// <summary>Each stage on the same generated pages, in memory.</summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private List<byte[]> _bytes = [];
    private List<string> _texts = [];
    private readonly StorySegmenter _segmenter = new(new LineClassifier(ClutterLexicon.Default));
    private readonly MusterPipeline _pipeline = new MusterPipelineBuilder().UseClaims().Build();

    [GlobalSetup]
    public void Setup()
    {
        _bytes = Corpus.Generate(BenchmarkPaths.Samples, 200).Select(p => p.Bytes).ToList();
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
    [Benchmark] public int Claims() => _bytes.Sum(b => _pipeline.Process(new PageInput("bench", b, null)).Document!.Stories.Sum(s => s.Claims.Count));
    [Benchmark] public int DedupSignature() => _texts.Sum(t => MinHasher.Sign(t)?.MinHash.Length ?? 0);
}
