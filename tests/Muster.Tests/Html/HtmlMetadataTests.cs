using AngleSharp.Html.Parser;
using Muster.Html;

namespace Muster.Tests.Html;

/// <summary>Each source of page metadata on its own, in hand-written pages.</summary>
public class HtmlMetadataTests
{
    private static HtmlMetadata Read(string html) =>
        HtmlMetadata.Read(new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(html));

    private static string Page(string head, string body = "<p>Text.</p>") => $"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>";

    [Fact]
    public void JsonLdInAGraphGivesHeadlineAuthorsPublisherAndDate()
    {
        var metadata = Read(Page("""
            <title>Ignored title | Site</title>
            <meta property="og:title" content="OpenGraph loses to JSON-LD">
            <script type="application/ld+json">
            {"@context": "https://schema.org", "@graph": [
              {"@type": "WebSite", "@id": "https://example.org/#site", "name": "Example"},
              {"@type": "Person", "@id": "https://example.org/#ann", "name": "Ann Lee"},
              {"@type": "NewsArticle", "headline": "Dam breach floods villages",
               "author": [{"@id": "https://example.org/#ann"}, {"@type": "Person", "name": "Bo Chen"}],
               "publisher": {"@type": "Organization", "name": "Example News"},
               "datePublished": "2023-06-06T08:15:00+03:00", "description": "Water rose overnight."}
            ]}
            </script>
            """));
        Assert.Equal("Dam breach floods villages", metadata.Title);
        Assert.Equal("Ann Lee, Bo Chen", metadata.Byline);
        Assert.Equal("Example News", metadata.SiteName);
        Assert.Equal("2023-06-06", metadata.Published?.ToString());
        Assert.Equal("Water rose overnight.", metadata.Excerpt);
    }

    [Fact]
    public void JsonLdAsAnArrayWithAPlainAuthorName()
    {
        var metadata = Read(Page("""
            <script type="application/ld+json">
            [{"@context": "http://schema.org", "@type": "BreadcrumbList"},
             {"@context": "http://schema.org", "@type": ["BlogPosting"], "name": "A post", "author": "Dana Roe"}]
            </script>
            """));
        Assert.Equal("A post", metadata.Title);
        Assert.Equal("Dana Roe", metadata.Byline);
    }

    [Fact]
    public void InvalidJsonLdIsIgnoredAndTheNextSourceUsed()
    {
        var metadata = Read(Page("""
            <script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Broken</script>
            <meta property="og:title" content="From OpenGraph">
            <meta name="author" content="Meta Author">
            """));
        Assert.Equal("From OpenGraph", metadata.Title);
        Assert.Equal("Meta Author", metadata.Byline);
    }

    [Fact]
    public void JsonLdWithRawLineBreaksInStringsIsRecovered()
    {
        var metadata = Read(Page("<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", \"headline\": \"Two\nlines\"}</script>"));
        Assert.Equal("Two lines", metadata.Title);
    }

    [Fact]
    public void JsonLdWithoutTheSchemaOrgContextIsIgnored()
    {
        var metadata = Read(Page("""
            <script type="application/ld+json">{"@type": "NewsArticle", "headline": "No context"}</script>
            <title>The real headline of this page</title>
            """));
        Assert.Equal("The real headline of this page", metadata.Title);
    }

    [Fact]
    public void OpenGraphTagsGiveTitleSiteExcerptDateAndUrl()
    {
        var metadata = Read(Page("""
            <title>Flood warning for the delta - Example News</title>
            <meta property="og:title" content="Flood warning for the delta">
            <meta property="og:site_name" content="Example News">
            <meta property="og:description" content="Rivers are rising.">
            <meta property="og:url" content="https://example.org/flood">
            <meta property="article:published_time" content="2024-03-12T21:40:00Z">
            """));
        Assert.Equal("Flood warning for the delta", metadata.Title);
        Assert.Equal("Example News", metadata.SiteName);
        Assert.Equal("Rivers are rising.", metadata.Excerpt);
        Assert.Equal("https://example.org/flood", metadata.CanonicalUrl);
        Assert.Equal("2024-03-12", metadata.Published?.ToString());
    }

    [Fact]
    public void APluginsSecondOgTitleWithTheSiteNameAppendedDoesNotReplaceTheFirst()
    {
        var metadata = Read(Page("""
            <meta property="og:title" content="Senate adjourns over deaths">
            <meta property="og:title" content="Senate adjourns over deaths - The Paradigm">
            """));
        Assert.Equal("Senate adjourns over deaths", metadata.Title);
    }

    [Fact]
    public void TwitterAndDublinCoreTagsInReadabilitysOrder()
    {
        var metadata = Read(Page("""
            <meta name="twitter:title" content="Twitter title">
            <meta name="DC.title" content="Dublin Core title">
            <meta name="DC.creator" content="Dublin Core creator">
            <meta name="DC.date" content="2019-04">
            """));
        Assert.Equal("Dublin Core title", metadata.Title);
        Assert.Equal("Dublin Core creator", metadata.Byline);
        Assert.Equal("2019-04", metadata.Published?.ToString());
    }

    [Fact]
    public void EntitiesEscapedTwiceAreDecoded()
    {
        var metadata = Read(Page("""<meta property="og:title" content="Tom &amp;amp; Jerry&amp;#39;s &amp;quot;return&amp;quot;">"""));
        Assert.Equal("Tom & Jerry's \"return\"", metadata.Title);
    }

    [Fact]
    public void TheTitleElementIsCutAtItsSeparator()
    {
        var metadata = Read(Page("<title>Wildfires force thousands to flee | The Daily Paper</title>"));
        Assert.Equal("Wildfires force thousands to flee", metadata.Title);
    }

    [Fact]
    public void AMicrodataHeadlineThatTheTitleContainsIsPreferredToCuttingTheTitle()
    {
        var metadata = Read(Page(
            "<title>Outside the web: standalone binaries · V8</title>",
            "<h1 itemprop=\"headline\">Outside the web: standalone binaries</h1><p>Text.</p>"));
        Assert.Equal("Outside the web: standalone binaries", metadata.Title);
    }

    [Fact]
    public void ATimeElementMarkedPubdateGivesTheDate()
    {
        var metadata = Read(Page("", "<article><h1>Headline</h1><time pubdate datetime=\"2015-07-10T09:53:00-04:00\">July 10</time><p>Text.</p></article>"));
        Assert.Equal("2015-07-10", metadata.Published?.ToString());
    }

    [Fact]
    public void ATimeElementInTheArticleGivesTheDateWhenNothingElseDoes()
    {
        var metadata = Read(Page("", "<header><time datetime=\"2010-01-01\">site launch</time></header><article><time datetime=\"2021-11\">November 2021</time><p>Text.</p></article>"));
        Assert.Equal("2021-11", metadata.Published?.ToString());
    }

    [Fact]
    public void MicrodataDatePublishedOnAnAbbrReadsItsTitleNotItsText()
    {
        var metadata = Read(Page("", "<abbr itemprop=\"datePublished\" title=\"2016-12-06T12:06:00-08:00\">12:06 PM</abbr>"));
        Assert.Equal("2016-12-06", metadata.Published?.ToString());
    }

    [Theory]
    [InlineData("2022-02-24T04:00:00+02:00", "2022-02-24")]
    [InlineData("2022-02-24 04:00:00.000000", "2022-02-24")]
    [InlineData("2022-02", "2022-02")]
    [InlineData("2022", "2022")]
    [InlineData("Thu, 24 Feb 2022 04:00:00 GMT", "2022-02-24")]
    [InlineData("February 24, 2022", "2022-02-24")]
    [InlineData("12:06 PM", null)]
    [InlineData("1645668000", null)]
    public void DatesKeepThePrecisionTheyState(string text, string? expected) =>
        Assert.Equal(expected, HtmlMetadata.Date(text)?.ToString());

    [Fact]
    public void CanonicalLinkAndLanguageFromTheHtmlElement()
    {
        var metadata = Read("""
            <!DOCTYPE html><html lang="uk-UA"><head>
            <link rel="canonical" href="https://example.org/news/1">
            <meta property="og:url" content="https://example.org/other">
            </head><body><p>Text.</p></body></html>
            """);
        Assert.Equal("https://example.org/news/1", metadata.CanonicalUrl);
        Assert.Equal("uk", metadata.Language);
    }

    [Fact]
    public void ARelativeCanonicalLinkResolvesAgainstTheStatedAddress()
    {
        var metadata = Read(Page("""<link rel="canonical" href="/news/1"><meta property="og:url" content="https://example.org/news/1?ref=feed">"""));
        Assert.Equal("https://example.org/news/1", metadata.CanonicalUrl);
    }

    [Theory]
    [InlineData("en-GB", "en")]
    [InlineData("pt_BR", "pt")]
    [InlineData("RU", "ru")]
    [InlineData("english", null)]
    [InlineData("", null)]
    public void LanguageTagsBecomeIso6391Codes(string tag, string? expected) => Assert.Equal(expected, HtmlMetadata.LanguageCode(tag));

    [Fact]
    public void ABylineFromThePageWhenNoTagNamesTheAuthor()
    {
        var metadata = Read(Page("", """
            <div class="comments"><span class="author">A commenter</span></div>
            <article><p class="byline">By <a rel="author" href="/ann">Ann Lee</a></p><p>Text.</p></article>
            """));
        Assert.Equal("By Ann Lee", metadata.Byline);
    }

    [Fact]
    public void AMetaAuthorWinsOverThePagesByline()
    {
        var metadata = Read(Page("<meta name=\"author\" content=\"Meta Author\">", "<p class=\"byline\">By Someone Else</p>"));
        Assert.Equal("Meta Author", metadata.Byline);
    }

    [Fact]
    public void ArticleAuthorAsAProfileLinkIsNotAByline()
    {
        var metadata = Read(Page("<meta property=\"article:author\" content=\"https://www.facebook.com/someone\">", "<p>Text.</p>"));
        Assert.Null(metadata.Byline);
    }
}
