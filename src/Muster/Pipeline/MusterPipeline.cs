using System.Security.Cryptography;
using Muster.Outlets;
using Muster.Html;
using Muster.Reading;
using Muster.Reading.Formats;
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
    private readonly FormatReaders _readers = new();
    private readonly HtmlArticleExtractor _html = new();

    internal MusterPipeline(StorySegmenter segmenter, OutletDetector outlets, RelevanceClassifier relevance,
        IReadOnlyList<IStoryAnnotator> annotators, TimeProvider time, TimeSpan pageBudget)
    {
        PageBudget = pageBudget;
        _segmenter = segmenter;
        _outlets = outlets;
        _relevance = relevance;
        _annotators = annotators;
        Time = time;
    }

    /// <summary>The clock the pipeline and the stores use.</summary>
    public TimeProvider Time { get; }

    /// <summary>The time one page may take (<see cref="Pipeline.PageBudget"/>).</summary>
    public TimeSpan PageBudget { get; }

    /// <summary>
    /// Runs the pipeline on one input that holds one document (a text or HTML page). A container that holds
    /// several (a feed, an export, an archive) is refused here; use <see cref="ProcessAll"/>.
    /// </summary>
    /// <param name="input">The page's bytes, or the reason it could not be read.</param>
    /// <param name="outlet">An outlet given by the user, overriding detection.</param>
    /// <param name="format">The format, overriding sniffing.</param>
    public PageOutcome Process(PageInput input, string? outlet = null, PageFormat? format = null)
    {
        PageOutcome? single = null;
        foreach (var outcome in ProcessAll(input, outlet, format))
        {
            if (single is not null)
                return new PageOutcome(input.Source, null, "holds several documents (a feed, an export or an archive); read it as a batch");
            single = outcome;
        }
        return single ?? new PageOutcome(input.Source, null, "holds no document");
    }

    /// <summary>
    /// Runs the pipeline on every document of one input, lazily: one outcome per page, feed item, message,
    /// archived response or JSON line. A record that fails is reported as such and the rest go on.
    /// </summary>
    /// <param name="input">The input's bytes, or the reason it could not be read.</param>
    /// <param name="outlet">An outlet given by the user, overriding detection.</param>
    /// <param name="format">The format, overriding sniffing.</param>
    public IEnumerable<PageOutcome> ProcessAll(PageInput input, string? outlet = null, PageFormat? format = null)
    {
        foreach (var record in Records(input, format))
            yield return Process(record, outlet);
    }

    /// <summary>
    /// The records of one input, read lazily and not yet analysed: the page itself, or each feed item, message,
    /// archived response or JSON line of a container (a record that cannot be read carries its reason). Analyse each
    /// with <see cref="Process(SourceRecord, string?)"/>; <see cref="ProcessAll"/> does both.
    /// </summary>
    /// <param name="input">The input's bytes, or the reason it could not be read.</param>
    /// <param name="format">The format, overriding sniffing.</param>
    public IEnumerable<SourceRecord> Records(PageInput input, PageFormat? format = null) => _readers.ReadAll(input, format);

    /// <summary>Runs the pipeline on one record a format reader produced.</summary>
    public PageOutcome Process(SourceRecord record, string? outlet = null)
    {
        try
        {
            return Analyse(record, outlet);
        }
        finally
        {
            LargePages.Reclaim(record.Content?.LongLength ?? 0);
        }
    }

    private PageOutcome Analyse(SourceRecord record, string? outlet)
    {
        try
        {
            // The first pages of a process also pay for building the stages' patterns (seconds on a busy machine):
            // the budget applies once one page has been read through.
            PageOutcome outcome;
            if (Volatile.Read(ref _warm) == 0)
            {
                outcome = Run(record, outlet);
                Volatile.Write(ref _warm, 1);
            }
            else
            {
                using (Pipeline.PageBudget.Start(Time, PageBudget))
                    outcome = Run(record, outlet);
            }
            return outcome;
        }
        catch (PageBudgetExceededException e)
        {
            return new PageOutcome(record.Source, null, e.Message);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return new PageOutcome(record.Source, null, "analysis timed out on this page (a pattern ran too long); nothing stored");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug must not take a batch down: the page is named with the reason and the rest goes on.
            return new PageOutcome(record.Source, null, $"internal error ({e.GetType().Name}): {e.Message}");
        }
    }

    // Set once a page has gone through the stages in this process (static: the patterns are built once per process).
    private static int _warm;

    private static string Join(string? first, string second) => first is null ? second : $"{first}; {second}";

    /// <summary>
    /// A story's body: its paragraphs' text joined by blank lines, built at its exact size straight from the page
    /// text (string.Join over substrings would copy each paragraph twice and, for a page of megabytes, grow and
    /// keep a pooled buffer twice the body's size).
    /// </summary>
    internal static string JoinParagraphs(string text, IReadOnlyList<TextSpan> paragraphs)
    {
        if (paragraphs.Count == 0)
            return "";
        var length = 2L * (paragraphs.Count - 1);
        foreach (var p in paragraphs)
            length += p.Length;
        return string.Create(checked((int)length), (text, paragraphs), static (destination, state) =>
        {
            var (source, spans) = state;
            var at = 0;
            for (var i = 0; i < spans.Count; i++)
            {
                if (i > 0)
                {
                    destination[at++] = '\n';
                    destination[at++] = '\n';
                }
                source.AsSpan(spans[i].Start, spans[i].Length).CopyTo(destination[at..]);
                at += spans[i].Length;
            }
        });
    }

    private PageOutcome Run(SourceRecord record, string? outlet)
    {
        if (record.Content is null)
            return new PageOutcome(record.Source, null, record.Error ?? "cannot read");
        var laidOut = record.Kind == ContentKind.Html ? LayOutHtml(record) : LayOutText(record);
        if (laidOut.Error is not null)
            return new PageOutcome(record.Source, null, laidOut.Error);
        Pipeline.PageBudget.Check("layout");
        var layout = laidOut.Layout!;
        var text = layout.Text;
        var sha = Convert.ToHexStringLower(SHA256.HashData(record.Content));
        var document = new PageDocument
        {
            Source = record.Source,
            Sha256 = sha,
            Outlet = outlet ?? record.Outlet ?? layout.SiteName ?? _outlets.Detect(text) ?? _outlets.FromAddress(record.Url ?? layout.Url, text),
            Language = layout.Language ?? LanguageGuesser.Guess(text),
            Encoding = layout.Encoding,
            Text = text,
            ByteLength = record.Content.LongLength,
            Stories = [],
            Format = record.Format.Name(),
            Url = record.Url ?? layout.Url,
            Title = record.Title ?? layout.Title,
            Byline = record.Author ?? layout.Byline,
            Published = record.Published ?? layout.Published,
            Via = record.Via,
        };
        var stories = new List<Story>();
        var ordinal = 0;
        foreach (var segment in layout.Stories)
        {
            ordinal++;
            var title = segment.Title is { } t ? text[t.Start..t.End] : null;
            var body = JoinParagraphs(text, segment.Paragraphs);
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
                Published = segment.Published ?? (segment.Role == StoryRole.Article ? document.Published : null),
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
                {
                    Pipeline.PageBudget.Check("story annotation");
                    current = annotator.Annotate(document, current);
                }
                if (record.Via.Count > 0 && current.Claims.Count > 0)
                    current = current with { Claims = current.Claims.Select(c => Relayed(c, record.Via, document.Outlet)).ToList() };
                annotated.Add(current);
            }
            document = document with { Stories = annotated };
        }
        // A page stored with no story is said so, not passed over in silence: an HTML page whose text is too short
        // for an article, or that reads as a listing of other stories' links.
        var warning = record.Warning;
        if (layout.DecodingWarning is not null)
            warning = Join(warning, layout.DecodingWarning);
        if (document.Stories.Count == 0)
            warning = Join(warning, record.Kind == ContentKind.Html
                ? "no article or story found: the page's text is too short for one, or it lists other pages"
                : "no story found in the page's text");
        return new PageOutcome(record.Source, document, null) { Warning = warning };
    }

    /// <summary>
    /// Puts the relays a record passed through (a forward's original channel) into a claim's chain, between
    /// the claim's own chain and the outlet that published the record: a claim the text attributes to no one
    /// belongs to the original channel, relayed by the outlet.
    /// </summary>
    internal static Claims.Claim Relayed(Claims.Claim claim, IReadOnlyList<string> relays, string? outlet)
    {
        if (outlet is not null && claim.Source == outlet && claim.Via.Count == 0)
            return claim with { Source = relays[0], Via = [.. relays.Skip(1), outlet] };
        var chain = claim.Via.ToList();
        var endsWithOutlet = outlet is not null && chain.Count > 0 && chain[^1] == outlet;
        if (endsWithOutlet)
            chain.RemoveAt(chain.Count - 1);
        chain.AddRange(relays.Where(r => !chain.Contains(r) && r != claim.Source));
        if (endsWithOutlet)
            chain.Add(outlet!);
        return claim with { Via = chain };
    }

    private (PageLayout? Layout, string? Error) LayOutText(SourceRecord record)
    {
        var decoded = PageDecoder.Decode(record.Content!, record.Charset);
        if (!decoded.Success)
            return (null, decoded.Error);
        var page = decoded.Page!;
        if (record.SingleStory)
            return (PageLayout.SingleStory(record.Title, TextBlocks.Paragraphs(page.Text), page.Encoding) with { DecodingWarning = page.Warning }, null);
        return (new PageLayout(page.Text, page.Encoding, _segmenter.Segment(page.Text)) { DecodingWarning = page.Warning }, null);
    }

    private (PageLayout? Layout, string? Error) LayOutHtml(SourceRecord record)
    {
        var decoded = HtmlDecoder.Decode(record.Content!, record.Charset);
        if (!decoded.Success)
            return (null, decoded.Error);
        var page = decoded.Page!;
        if (page.Text.Length > HtmlArticleExtractor.MaxCharacters)
            return (null, $"HTML page of {page.Text.Length:N0} characters is over the limit of {HtmlArticleExtractor.MaxCharacters:N0}");
        if (record.SingleStory)
        {
            var blocks = _html.ExtractFragment(page.Text);
            return (PageLayout.SingleStory(record.Title, blocks, page.Encoding) with { DecodingWarning = page.Warning }, null);
        }
        var article = _html.Extract(page.Text, record.Url);
        return (PageLayout.FromArticle(article, page.Encoding) with { DecodingWarning = page.Warning }, null);
    }
}
