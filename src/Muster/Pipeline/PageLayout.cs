using Muster.Dates;
using Muster.Html;
using Muster.Segmentation;

namespace Muster.Pipeline;

/// <summary>
/// A document's text as Muster keeps it, with its stories as spans of that text and the metadata the page
/// stated. Text pages keep their own text; HTML pages and records are laid out as title and paragraphs
/// separated by blank lines, so that every offset points into text a reader can see.
/// </summary>
/// <param name="Text">The text every offset refers to.</param>
/// <param name="Encoding">The encoding the bytes were decoded with.</param>
/// <param name="Stories">The stories, in order.</param>
public sealed record PageLayout(string Text, string Encoding, IReadOnlyList<SegmentedStory> Stories)
{
    /// <summary>The outlet the page names in its metadata.</summary>
    public string? SiteName { get; init; }
    /// <summary>The language the page declares.</summary>
    public string? Language { get; init; }
    /// <summary>The page's canonical URL.</summary>
    public string? Url { get; init; }
    /// <summary>The page's title.</summary>
    public string? Title { get; init; }
    /// <summary>The page's author line.</summary>
    public string? Byline { get; init; }
    /// <summary>The page's publication date.</summary>
    public PartialDate? Published { get; init; }
    /// <summary>What decoding the bytes left to tell (invalid UTF-8 replaced), or null.</summary>
    public string? DecodingWarning { get; init; }

    /// <summary>One story: an optional title and its paragraphs, laid out one after another.</summary>
    public static PageLayout SingleStory(string? title, IReadOnlyList<string> paragraphs, string encoding, PartialDate? published = null)
    {
        var builder = new LayoutBuilder();
        var titleSpan = string.IsNullOrWhiteSpace(title) ? (TextSpan?)null : builder.Add(title);
        var spans = paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)).Select(builder.Add).ToList();
        if (titleSpan is null && spans.Count == 0)
            return new PageLayout("", encoding, []);
        if (spans.Count == 0)
        {
            // A record with only a title: the title is its one paragraph, so claims can be found in it.
            spans.Add(titleSpan!.Value);
            titleSpan = null;
        }
        return new PageLayout(builder.Text, encoding, [new SegmentedStory(StoryRole.Article, titleSpan, spans, published)]);
    }

    /// <summary>An HTML page: its article (when it has one), then its teasers, each as a story.</summary>
    public static PageLayout FromArticle(HtmlArticle article, string encoding)
    {
        var metadata = article.Metadata;
        var builder = new LayoutBuilder();
        var stories = new List<SegmentedStory>();
        if (article.Readerable && article.Body.Count > 0)
        {
            var titleSpan = string.IsNullOrWhiteSpace(metadata.Title) ? (TextSpan?)null : builder.Add(metadata.Title);
            var spans = article.Body.Select(builder.Add).ToList();
            stories.Add(new SegmentedStory(StoryRole.Article, titleSpan, spans, metadata.Published));
        }
        foreach (var teaser in article.Teasers)
        {
            var titleSpan = builder.Add(teaser.Title);
            var spans = string.IsNullOrWhiteSpace(teaser.Summary) ? [] : new List<TextSpan> { builder.Add(teaser.Summary) };
            stories.Add(new SegmentedStory(teaser.Role, spans.Count == 0 ? null : titleSpan, spans.Count == 0 ? [titleSpan] : spans, teaser.Published));
        }
        return new PageLayout(builder.Text, encoding, stories)
        {
            SiteName = metadata.SiteName,
            Language = metadata.Language,
            Url = metadata.CanonicalUrl,
            Title = metadata.Title,
            Byline = metadata.Byline,
            Published = metadata.Published,
        };
    }

    private sealed class LayoutBuilder
    {
        private readonly System.Text.StringBuilder _text = new();

        public string Text => _text.ToString();

        public TextSpan Add(string block)
        {
            if (_text.Length > 0)
                _text.Append("\n\n");
            var start = _text.Length;
            _text.Append(block.Trim());
            return new TextSpan(start, _text.Length);
        }
    }
}
