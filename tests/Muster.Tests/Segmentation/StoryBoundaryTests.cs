using System.Text;
using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Tests.Segmentation;

/// <summary>Story boundaries on the shapes real scrapes take: pages cut off mid-sentence, insets inside an article, crossheads.</summary>
public class StoryBoundaryTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().Build();

    private static IReadOnlyList<Story> Stories(string text) =>
        Pipeline.Process(new PageInput("page.txt", Encoding.UTF8.GetBytes(text), null)).Document!.Stories;

    private const string Body =
        "The regional enlistment office sent new notices to reservists across the district this week, officials said.\n\n" +
        "Relatives told local reporters that the men were given a day to report, and that some of them had deferments.\n\n" +
        "A lawyer who advises conscripts said the office had ignored medical certificates in at least three cases.\n\n";

    public static TheoryData<string, string> CutOffEnds => new()
    {
        { "an English sentence cut in mid-word", "Around forty men were taken from a market by soldiers, police and immi" },
        { "a Russian sentence cut after a comma", "По данным правозащитников, в областном центре полиция задержала трёх женщин с плакатами, пришедших к" },
        { "a Ukrainian sentence cut in mid-word", "Як повідомлялося раніше, через брак особового складу окупанти оголосили нову хв" },
    };

    [Theory]
    [MemberData(nameof(CutOffEnds))]
    public void APageCutOffInMidSentenceEndsInsideTheArticle(string reason, string lastLine)
    {
        var stories = Stories("Enlistment office sends notices to reservists\n\n" + Body + lastLine);
        var article = Assert.Single(stories);
        Assert.True(article.Role == StoryRole.Article, reason);
        Assert.EndsWith(lastLine, article.Text);
    }

    [Fact]
    public void ACutOffSentenceAfterACrossheadJoinsTheArticle()
    {
        var stories = Stories("Enlistment office sends notices to reservists\n\n" + Body +
            "What the lawyers advise\n\nLawyers advise every man who receives a notice to ask for it in writing and to keep a co");
        var article = Assert.Single(stories);
        Assert.Contains("What the lawyers advise", article.Text);
    }

    [Fact]
    public void AShortHeadlineAtThePageEndStaysATeaser()
    {
        // Three words are a link to another story, not a sentence the page cut off.
        var stories = Stories("Enlistment office sends notices to reservists\n\n" + Body + "Protest in the capital");
        Assert.Equal([StoryRole.Article], stories.Where(s => s.Role != StoryRole.Teaser).Select(s => s.Role));
        Assert.DoesNotContain("Protest in the capital", stories[0].Text);
    }

    [Fact]
    public void AnInsetBetweenTheLeadAndTheBodyDoesNotTakeTheArticle()
    {
        var page = "Mothers of mobilized men rally outside the ministry\n\n" +
            "Women hold banners outside the Defense Ministry.\n\n" +
            "About twenty wives and mothers of mobilized soldiers rallied outside the ministry on Saturday to demand their men be sent home.\n\n" +
            "Live Briefing: The War In Ukraine\n\n" +
            "Our live page brings you the newest updates on the war and on civilians' lives, added through the day by our correspondents.\n\n" +
            Body;
        var stories = Stories(page);
        var article = Assert.Single(stories, s => s.Role == StoryRole.Article);
        Assert.Equal("Mothers of mobilized men rally outside the ministry", article.Title);
        Assert.StartsWith("Women hold banners", article.Text);
        Assert.Contains("A lawyer who advises conscripts", article.Text);
        Assert.DoesNotContain(stories, s => s.Role == StoryRole.Teaser);
    }

    [Fact]
    public void ATeaserAboveTheArticleWithOneLineStaysATeaser()
    {
        // One line under a headline is a teaser's summary, not an article's lead.
        var page = "Other news: strikes on the power grid\n\nMissiles hit three power plants overnight.\n\n" +
            "Enlistment office sends notices to reservists\n\n" + Body;
        var stories = Stories(page);
        Assert.Equal("Enlistment office sends notices to reservists", Assert.Single(stories, s => s.Role == StoryRole.Article).Title);
        Assert.Contains(stories, s => s.Role == StoryRole.Teaser && s.Title == "Other news: strikes on the power grid");
    }
}
