using AngleSharp.Html.Parser;
using Muster.Evaluation;
using Muster.Html;

namespace Muster.Tests.Html;

/// <summary>Whether a page holds an article: Readability's evidence, and the decision with the extracted body.</summary>
public class HtmlReaderableTests(ITestOutputHelper output)
{
    private static double Assess(string body) =>
        HtmlReaderable.Assess(new HtmlParser().ParseDocument($"<!DOCTYPE html><html><head></head><body>{body}</body></html>"));

    // Ends in a full stop, so trimming takes nothing off.
    private static string Prose(int length) => string.Concat(Enumerable.Repeat("Words of prose. ", length / 16 + 1))[..(length - 1)] + ".";

    [Fact]
    public void EachLongParagraphAddsTheRootOfItsLengthPast140()
    {
        Assert.Equal(Math.Sqrt(100) + Math.Sqrt(60), Assess($"<p>{Prose(240)}</p><pre>{Prose(200)}</pre><p>{Prose(139)}</p>"), 6);
    }

    [Theory]
    [InlineData("hidden by style", """<p style="display: none">{0}</p>""")]
    [InlineData("hidden attribute", """<p hidden>{0}</p>""")]
    [InlineData("aria-hidden", """<p aria-hidden="true">{0}</p>""")]
    [InlineData("a class that says comment", """<p class="comment reply">{0}</p>""")]
    [InlineData("a paragraph in a list item", """<ul><li><p>{0}</p></li></ul>""")]
    [InlineData("a div holding blocks is a container, not a paragraph", """<div><ul><li>{0}</li></ul></div>""")]
    [InlineData("a div holding a form control is not prose", """<div><select><option>{0}</option></select></div>""")]
    public void NodesThatAddNothing(string reason, string template)
    {
        Assert.True(Assess(string.Format(template, Prose(400))) == 0, reason);
    }

    [Theory]
    [InlineData("a div broken into lines", """<div>{0}<br>{0}</div>""")]
    [InlineData("a div used as a paragraph", """<div><span>{0}</span></div>""")]
    [InlineData("an article element", """<article>{0}</article>""")]
    [InlineData("a comment class rescued by a content class", """<p class="comment content">{0}</p>""")]
    public void NodesThatCount(string reason, string template)
    {
        Assert.True(Assess(string.Format(template, Prose(400))) > 0, reason);
    }

    [Fact]
    public void EvidenceOverTwentyMakesAnArticleWhateverTheBody() => Assert.True(HtmlReaderable.Decide(21, []));

    [Fact]
    public void WithLittleEvidenceABodyOfLongParagraphsMakesAnArticle()
    {
        Assert.True(HtmlReaderable.Decide(12, [Prose(210), Prose(220)]), "two paragraphs score over 15");
        Assert.False(HtmlReaderable.Decide(12, [Prose(200), Prose(100)]), "one paragraph of 200 scores under 8");
    }

    [Fact]
    public void WithLittleEvidenceALongBodyOfShortLinesMakesAnArticle()
    {
        Assert.True(HtmlReaderable.Decide(12, Enumerable.Repeat(Prose(60), 20).ToList()), "1,200 characters in lines of 60");
        Assert.False(HtmlReaderable.Decide(12, Enumerable.Repeat(Prose(60), 15).ToList()), "900 characters in lines of 60");
    }

    [Fact]
    public void OnlyTableRowsOrListItemsMakeALongBodyOfShortLinesAnArticle()
    {
        var blurbs = Enumerable.Repeat(Prose(60), 20).ToList();
        Assert.False(HtmlReaderable.Decide(12, blurbs, tabularLength: 0), "headed blurbs of a product tour");
        Assert.True(HtmlReaderable.Decide(12, blurbs, tabularLength: 1200), "1,200 characters of table rows");
        Assert.True(HtmlReaderable.Decide(12, Enumerable.Repeat(Prose(20), 40).ToList(), tabularLength: 800, tabularBlocks: 40), "a results table of 40 rows");
    }

    [Fact]
    public void ADatedPageWithAShortBodyIsAnArticle()
    {
        List<string> item = [Prose(120), Prose(100), Prose(90)];
        Assert.False(HtmlReaderable.Decide(5, item), "undated: too little prose");
        Assert.True(HtmlReaderable.Decide(5, item, dated: true), "a dated news item of three short paragraphs");
        Assert.False(HtmlReaderable.Decide(5, [Prose(70), Prose(70)], dated: true), "no paragraph of 80 characters");
    }

    [Fact]
    public void AFormPageGivesNoArticle()
    {
        var article = new HtmlArticleExtractor().Extract("""
            <html><head><title>Sign in</title></head><body>
            <form><label>Email <input name="e"></label><label>Password <input type="password" name="p"></label>
            <button>Sign in</button></form><p>Forgot your password?</p></body></html>
            """);
        Assert.False(article.Readerable);
        Assert.Empty(article.Body);
    }

    [Fact]
    public void EveryPageOfTheArticleExtractionBenchmarkIsAnArticle()
    {
        var folder = SharedFolder.Require("peers/article-extraction-benchmark");
        var extractor = new HtmlArticleExtractor();
        var ids = Directory.GetFiles(Path.Combine(folder, "html"), "*.html.gz")
            .Select(f => Path.GetFileName(f)[..^".html.gz".Length]).Order(StringComparer.Ordinal).ToList();
        var refused = ids.Where(id => !extractor.Extract(ExtractionEvaluator.ReadPage(folder, id)!).Readerable).ToList();
        output.WriteLine($"benchmark pages judged articles: {ids.Count - refused.Count}/{ids.Count}");
        Assert.True(ids.Count > 100, $"only {ids.Count} benchmark pages found");
        Assert.True(refused.Count == 0, "judged not readerable: " + string.Join(", ", refused));
    }
}
