using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Tests.Segmentation;

/// <summary>Segmentation of the pages in <c>samples/</c>, written by the team in the shape of real ones.</summary>
public class SampleSegmentationTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().Build();

    private static PageDocument Sample(string name)
    {
        var path = Path.Combine(SharedFolder.Samples, name);
        var outcome = Pipeline.Process(new PageInput(path, File.ReadAllBytes(path), null));
        Assert.True(outcome.Success, outcome.Error);
        return outcome.Document!;
    }

    [Fact]
    public void AFeedPageSplitsIntoArticleTeaserAndSidebars()
    {
        var page = Sample("feed-page-with-sidebars.txt");
        Assert.Equal([StoryRole.Article, StoryRole.Teaser, StoryRole.Sidebar, StoryRole.Sidebar], page.Stories.Select(s => s.Role));
        var article = page.Stories[0];
        Assert.StartsWith("Residents of occupied Nova Kakhovka", article.Title);
        Assert.StartsWith("Russian-installed authorities", article.Text);
        Assert.EndsWith("Fourth Geneva Convention.", article.Text);
        Assert.DoesNotContain("Photo by", article.Text);
        Assert.DoesNotContain("min read", article.Text);
        // The headline shown twice around the read-time badge is one title, not a second story.
        Assert.Single(page.Stories, s => s.Title == article.Title);
        Assert.True(article.Relevant);
        Assert.True(page.Stories[1].Relevant);
        Assert.False(page.Stories[2].Relevant);
        Assert.False(page.Stories[3].Relevant);
    }

    [Fact]
    public void MembershipPromptsAndAppealsAreDroppedAndTheDatelineIsKept()
    {
        var page = Sample("membership-prompt.txt");
        Assert.Equal("The Dnipro Ledger", page.Outlet);
        var article = Assert.Single(page.Stories, s => s.Role == StoryRole.Article);
        Assert.Equal("2024-03-12", article.Published?.ToString());
        Assert.All(page.Stories, s => Assert.DoesNotContain("member", s.Text, StringComparison.OrdinalIgnoreCase));
        Assert.All(page.Stories, s => Assert.DoesNotContain("Remind me", s.Text));
        var author = Assert.Single(page.Stories, s => s.Role == StoryRole.Author);
        Assert.Equal("Olena Petrenko", author.Title);
        Assert.False(author.Relevant);
        Assert.Contains(page.Stories, s => s.Role == StoryRole.Teaser && s.Title!.StartsWith("Ukraine war latest", StringComparison.Ordinal));
    }

    [Fact]
    public void SingleNewlineParagraphsStayOneArticleWithoutItsFurniture()
    {
        var page = Sample("single-newline-paragraphs.txt");
        var article = Assert.Single(page.Stories);
        Assert.Equal(StoryRole.Article, article.Role);
        Assert.Null(article.Title);
        Assert.Equal(7, article.Paragraphs.Count);
        Assert.DoesNotContain("FOLLOW US", article.Text);
        Assert.DoesNotContain("Ctrl + Enter", article.Text);
        Assert.Equal("Steppe Courier", page.Outlet);
        Assert.Equal("en", page.Language);
    }

    [Fact]
    public void ABylineIsAnAuthorStoryAndAFullDatelineIsTheArticlesDate()
    {
        var page = Sample("basement-refusers.txt");
        Assert.Equal("2024-02-14", page.Stories[0].Published?.ToString());
        Assert.Equal(StoryRole.Author, page.Stories[^1].Role);
        Assert.Null(page.Outlet);
    }

    [Fact]
    public void ASourceLineAnAdvertisementAndAnInlineLinkDoNotSplitTheArticle()
    {
        var page = Sample("source-line-and-dateline.txt");
        var article = Assert.Single(page.Stories);
        Assert.Equal(StoryRole.Article, article.Role);
        Assert.StartsWith("‘They took him straight from the bus stop’", article.Title);
        Assert.Equal("2024-03-03", article.Published?.ToString());
        Assert.StartsWith("Military enlistment officers", article.Text);
        Assert.EndsWith("unless the man signs for them.", article.Text);
        Assert.DoesNotContain("Advertisement", article.Text);
        Assert.DoesNotContain("Read more", article.Text);
        Assert.DoesNotContain("Northern Ledger", article.Text);
    }

    [Fact]
    public void ABylineUnderTheHeadlineAndACrossheadStayWithTheArticle()
    {
        var page = Sample("byline-and-crossheads.txt");
        Assert.Equal([StoryRole.Article, StoryRole.Author], page.Stories.Select(s => s.Role));
        var article = page.Stories[0];
        Assert.Equal("Russia Quietly Presses Migrant Workers Into Army Ranks", article.Title);
        Assert.Equal("2024-03-04", article.Published?.ToString());
        Assert.Contains("Pressure On Employers", article.Text);
        Assert.EndsWith("only voluntarily.", article.Text);
        Assert.Equal("By Daniel Ortega-Smith", page.Stories[1].Title);
    }
}
