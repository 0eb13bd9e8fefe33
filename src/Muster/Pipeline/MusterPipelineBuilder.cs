using Muster.Outlets;
using Muster.Relevance;
using Muster.Segmentation;

namespace Muster.Pipeline;

/// <summary>
/// Collects the pipeline's parts and freezes them into a <see cref="MusterPipeline"/>. Optional parts plug in
/// here rather than through flags threaded through every call.
/// </summary>
public sealed class MusterPipelineBuilder
{
    private ClutterLexicon _clutter = ClutterLexicon.Default;
    private OutletDetector _outlets = OutletDetector.Default;
    private RelevanceClassifier _relevance = RelevanceClassifier.Default;
    private TimeProvider _time = TimeProvider.System;
    private TimeSpan _pageBudget = PageBudget.Default;
    private readonly List<IStoryAnnotator> _annotators = [];

    /// <summary>Replaces the page-furniture lexicon.</summary>
    public MusterPipelineBuilder UseClutterLexicon(ClutterLexicon lexicon)
    {
        _clutter = lexicon;
        return this;
    }

    /// <summary>Replaces the outlet detector.</summary>
    public MusterPipelineBuilder UseOutletDetector(OutletDetector detector)
    {
        _outlets = detector;
        return this;
    }

    /// <summary>Replaces the relevance classifier.</summary>
    public MusterPipelineBuilder UseRelevance(RelevanceClassifier relevance)
    {
        _relevance = relevance;
        return this;
    }

    /// <summary>Sets the clock (tests inject a fixed one).</summary>
    public MusterPipelineBuilder UseTimeProvider(TimeProvider time)
    {
        _time = time;
        return this;
    }

    /// <summary>Sets the time one page may take before it is given up, named with the stage (default 60 s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget is not positive.</exception>
    public MusterPipelineBuilder UsePageBudget(TimeSpan budget)
    {
        if (budget <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(budget), "a page's time budget must be positive");
        _pageBudget = budget;
        return this;
    }

    /// <summary>Adds a stage that runs on every story, after those added before it.</summary>
    public MusterPipelineBuilder Add(IStoryAnnotator annotator)
    {
        _annotators.Add(annotator);
        return this;
    }

    /// <summary>Adds claim finding with Muster's taxonomy and gazetteer (or the ones given).</summary>
    public MusterPipelineBuilder UseClaims(Claims.ClaimTaxonomy? taxonomy = null, Places.PlaceResolver? places = null) =>
        Add(new Claims.ClaimFinder(taxonomy ?? Claims.ClaimTaxonomy.Default, places ?? Places.PlaceResolver.Default, _relevance));

    /// <summary>Freezes the parts into a pipeline.</summary>
    public MusterPipeline Build() =>
        new(new StorySegmenter(new LineClassifier(_clutter)), _outlets, _relevance, _annotators.ToArray(), _time, _pageBudget);
}
