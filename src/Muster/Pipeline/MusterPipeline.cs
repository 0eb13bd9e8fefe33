using System.Security.Cryptography;
using Muster.Outlets;
using Muster.Reading;
using Muster.Relevance;
using Muster.Segmentation;

namespace Muster.Pipeline;

/// <summary>
/// The immutable, thread-safe pipeline: decode → segment → outlet, language → relevance → story annotators
/// (claims). Build one with <see cref="MusterPipelineBuilder"/>.
/// </summary>
public sealed class MusterPipeline
{
    private readonly StorySegmenter _segmenter;
    private readonly OutletDetector _outlets;
    private readonly RelevanceClassifier _relevance;
    private readonly IReadOnlyList<IStoryAnnotator> _annotators;

    internal MusterPipeline(StorySegmenter segmenter, OutletDetector outlets, RelevanceClassifier relevance,
        IReadOnlyList<IStoryAnnotator> annotators, TimeProvider time)
    {
        _segmenter = segmenter;
        _outlets = outlets;
        _relevance = relevance;
        _annotators = annotators;
        Time = time;
    }

    /// <summary>The clock the pipeline and the stores use.</summary>
    public TimeProvider Time { get; }

    /// <summary>Runs the pipeline on one input.</summary>
    /// <param name="input">The page's bytes, or the reason it could not be read.</param>
    /// <param name="outlet">An outlet given by the user, overriding detection.</param>
    public PageOutcome Process(PageInput input, string? outlet = null)
    {
        try
        {
            return Run(input, outlet);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return new PageOutcome(input.Source, null, "analysis timed out on this page (a pattern ran too long); nothing stored");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug must not take a batch down: the page is named with the reason and the rest goes on.
            return new PageOutcome(input.Source, null, $"internal error ({e.GetType().Name}): {e.Message}");
        }
    }

    private PageOutcome Run(PageInput input, string? outlet)
    {
        if (input.Bytes is null)
            return new PageOutcome(input.Source, null, input.Error ?? "cannot read");
        var decoded = PageDecoder.Decode(input.Bytes);
        if (!decoded.Success)
            return new PageOutcome(input.Source, null, decoded.Error);
        var page = decoded.Page!;
        var sha = Convert.ToHexStringLower(SHA256.HashData(input.Bytes));
        var document = new PageDocument
        {
            Source = input.Source,
            Sha256 = sha,
            Outlet = outlet ?? _outlets.Detect(page.Text),
            Language = LanguageGuesser.Guess(page.Text),
            Encoding = page.Encoding,
            Text = page.Text,
            ByteLength = input.Bytes.LongLength,
            Stories = [],
        };
        var stories = new List<Story>();
        var ordinal = 0;
        foreach (var segment in _segmenter.Segment(page.Text))
        {
            ordinal++;
            var title = segment.Title is { } t ? page.Text[t.Start..t.End] : null;
            var body = string.Join("\n\n", segment.Paragraphs.Select(p => page.Text[p.Start..p.End]));
            var start = segment.Title?.Start ?? segment.Paragraphs[0].Start;
            var end = segment.Paragraphs.Count > 0 ? Math.Max(segment.Paragraphs[^1].End, segment.Title?.End ?? 0) : segment.Title!.Value.End;
            stories.Add(new Story
            {
                Id = $"{sha[..12]}-{ordinal}",
                Role = segment.Role,
                Title = title,
                TitleSpan = segment.Title,
                Paragraphs = segment.Paragraphs,
                Text = body,
                Start = start,
                End = end,
                Published = segment.Published,
                Relevant = _relevance.IsRelevant(segment.Role, title, body),
            });
        }
        document = document with { Stories = stories };
        if (_annotators.Count > 0)
        {
            var annotated = new List<Story>(stories.Count);
            foreach (var story in stories)
            {
                var current = story;
                foreach (var annotator in _annotators)
                    current = annotator.Annotate(document, current);
                annotated.Add(current);
            }
            document = document with { Stories = annotated };
        }
        return new PageOutcome(input.Source, document, null);
    }
}
