using System.Text;
using Muster.Html;

namespace Muster.Tests.Html;

/// <summary>Nesting past the walk's depth is flattened before parsing, in one pass, and its text kept.</summary>
public class HtmlNestingTests
{
    private const string Paragraphs =
        "<p>Recruiters handed out summonses to 40 men at a market in Lviv on Monday, the regional police said in a statement, " +
        "adding that the men were taken to the enlistment office and released after their papers were checked.</p>" +
        "<p>Witnesses said the men were stopped at the gates of the market and led to a minibus parked nearby, " +
        "while vendors closed their stalls and left the square before noon.</p>" +
        "<p>The regional recruitment centre said the checks would go on through the week in markets and at the bus station, " +
        "and that men who updated their data online would not be stopped again.</p>";

    private static string Nested(int depth) =>
        new StringBuilder("<html><body>").Insert(12, "<div>", depth).Append(Paragraphs).Insert(12 + 5 * depth + Paragraphs.Length, "</div>", depth)
            .Append("</body></html>").ToString();

    [Fact]
    public void AHundredThousandNestedDivsAreFlattenedAndTheirTextKept()
    {
        var html = Nested(100_000);
        var flat = HtmlNesting.Flatten(html, out var dropped);
        // Every tag past the limit goes, its opening and its closing one; what is left is within the limit.
        Assert.Equal(2 * (100_000 - HtmlNesting.Limit), dropped);
        Assert.Same(flat, HtmlNesting.Flatten(flat, out var again));
        Assert.Equal(0, again);
        var body = new HtmlArticleExtractor().ExtractBody(html, null);
        Assert.Contains("Recruiters handed out summonses to 40 men", body);
        Assert.Contains("men who updated their data online", body);
    }

    [Fact]
    public void AnOrdinaryPagePassesUnchanged()
    {
        var html = Nested(40) + "<ul><li>one<li>two</ul><p>unclosed<p>paragraphs<br><img src=x>";
        Assert.Same(html, HtmlNesting.Flatten(html, out var dropped));
        Assert.Equal(0, dropped);
    }

    [Fact]
    public void TagsInsideScriptsCommentsAndAttributesAreNotCounted()
    {
        var fake = string.Concat(Enumerable.Repeat("<div>", HtmlNesting.Limit + 10));
        var html = $"<html><body><script>var s = '{fake}';</script><!-- {fake} --><div title=\"{fake.Replace("<", "&lt;")}\" data-x='>'>text</div></body></html>";
        Assert.Same(html, HtmlNesting.Flatten(html, out _));
    }

    [Fact]
    public void UnclosedElementsWhoseEndTagMayBeLeftOutDoNotDeepenThePage()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<p>a line<li>an item<td>a cell", 5_000)) + "</body></html>";
        Assert.Same(html, HtmlNesting.Flatten(html, out _));
    }
}

