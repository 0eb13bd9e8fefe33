using System.Text;
using Muster.Html;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Reading.Formats;

namespace Muster.Tests.Html;

/// <summary>HTML pages through the whole pipeline, on the pages in samples/html that we wrote ourselves.</summary>
public sealed class HtmlPageTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    private static PageDocument Read(string name)
    {
        var path = Path.Combine(SharedFolder.Samples, "html", name);
        var outcome = Pipeline.Process(new PageInput(path, File.ReadAllBytes(path), null));
        Assert.True(outcome.Success, outcome.Error);
        return outcome.Document!;
    }

    [Fact]
    public void AnArticlePageGivesItsArticleWithoutFurnitureAndItsMetadata()
    {
        var document = Read("melitopol-checkpoints.html");
        Assert.Equal("html", document.Format);
        Assert.Equal("Steppe Courier", document.Outlet);
        Assert.Equal("en", document.Language);
        Assert.Equal("2024-05-21", document.Published?.ToString());
        Assert.Equal("https://steppe-courier.example/news/2024/05/melitopol-checkpoints", document.Url);
        Assert.Contains("Olena Hrytsenko", document.Byline);

        var article = Assert.Single(document.Stories, s => s.Role == StoryRole.Article);
        Assert.Equal("Men detained at checkpoints around occupied Melitopol, residents say", article.Title);
        Assert.StartsWith("Russian-installed authorities in occupied Melitopol", article.Text);
        Assert.Contains("Passports as a trap", article.Text);
        Assert.EndsWith("calling the reports \"fakes spread by Kyiv\".", article.Text);
        foreach (var furniture in new[] { "Advertisement", "Share on Facebook", "cookies", "Photo: Steppe Courier", "All rights reserved", "About us", "window.analytics" })
            Assert.DoesNotContain(furniture, document.Text);
        Assert.Equal("2024-05-21", article.Published?.ToString());
        Assert.True(article.Relevant);
        Assert.NotEmpty(article.Claims);
        // Every offset points into the laid-out text.
        Assert.Equal(article.Title, document.Text[article.TitleSpan!.Value.Start..article.TitleSpan.Value.End]);
        foreach (var claim in article.Claims)
            Assert.Equal(claim.Evidence, document.Text[claim.Span.Start..claim.Span.End]);
    }

    [Fact]
    public void LinkedStoriesBesideTheArticleAreTeasers()
    {
        var document = Read("melitopol-checkpoints.html");
        var teasers = document.Stories.Where(s => s.Role == StoryRole.Teaser).ToList();
        Assert.Contains(teasers, t => t.Title == "Buses to Tokmak stopped at new roadblock for document checks"
                                      && t.Text.StartsWith("Passengers said the checks", StringComparison.Ordinal));
        Assert.DoesNotContain(document.Stories, s => s.Role == StoryRole.Article && s.Text.Contains("Passengers said the checks", StringComparison.Ordinal));
    }

    [Fact]
    public void AFrontPageIsSplitIntoItsTeasersNotGluedIntoAnArticle()
    {
        var document = Read("front-page.html");
        Assert.DoesNotContain(document.Stories, s => s.Role == StoryRole.Article);
        // Each teaser's date is its own; the listing itself states none.
        Assert.Null(document.Published);
        Assert.Equal(5, document.Stories.Count);
        Assert.All(document.Stories, s => Assert.Equal(StoryRole.Teaser, s.Role));
        var first = document.Stories[0];
        Assert.Equal("Workers at a Belgorod plant handed summonses at the gates", first.Title);
        Assert.StartsWith("Employees of a metalworks in Belgorod region", first.Text);
        Assert.Equal("2024-06-03", first.Published?.ToString());
        Assert.Equal("2024-05-30", document.Stories[4].Published?.ToString());
        Assert.True(first.Relevant);
        Assert.False(document.Stories[4].Relevant);
    }

    [Fact]
    public void AWindows1251PageDeclaredInItsMetaTagDecodes()
    {
        var document = Read("berdiansk-employers-1251.html");
        Assert.Equal("windows-1251", document.Encoding);
        Assert.Equal("ru", document.Language);
        var article = Assert.Single(document.Stories, s => s.Role == StoryRole.Article);
        Assert.Contains("Оккупационные власти Бердянска обязали предприятия", article.Text);
        Assert.Contains("повестки 25 мужчинам", article.Text);
        Assert.DoesNotContain("пожертвовать", document.Text);
        Assert.Equal("2024-03-12", article.Published?.ToString());
    }

    [Fact]
    public void AKoi8PageWithoutDeclarationIsDetectedFromItsBytes()
    {
        var html = "<html><body><article><p>" + string.Concat(Enumerable.Repeat("Мужчин задерживают на блокпостах и вручают повестки в военкомат. ", 12)) + "</p></article></body></html>";
        var bytes = Encoding.GetEncoding("koi8-r").GetBytes(html);
        var outcome = Pipeline.Process(new PageInput("koi8.html", bytes, null));
        Assert.True(outcome.Success, outcome.Error);
        Assert.Equal("koi8-r", outcome.Document!.Encoding);
        Assert.Contains("блокпостах", outcome.Document.Text);
    }

    [Fact]
    public void TruncatedHtmlStillGivesWhatItHolds()
    {
        var path = Path.Combine(SharedFolder.Samples, "html", "melitopol-checkpoints.html");
        var text = File.ReadAllText(path);
        var cut = text[..text.IndexOf("The Russian-installed administration", StringComparison.Ordinal)];
        var outcome = Pipeline.Process(new PageInput("cut.html", Encoding.UTF8.GetBytes(cut), null));
        Assert.True(outcome.Success, outcome.Error);
        var article = Assert.Single(outcome.Document!.Stories, s => s.Role == StoryRole.Article);
        Assert.Contains("about 2,000 residents", article.Text);
    }

    [Fact]
    public void DeeplyNestedHtmlIsReadWithoutOverflowingTheStack()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 20_000; i++)
            html.Append("<div>");
        html.Append("<p>Deep text that nobody should trust.</p>");
        html.Append("</body></html>");
        var outcome = Pipeline.Process(new PageInput("deep.html", Encoding.UTF8.GetBytes(html.ToString()), null));
        // Either a document or a clear error: never a crash of the batch.
        Assert.True(outcome.Success || outcome.Error is { Length: > 0 });
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "PNG image")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x34, 0x0A }, "PDF document")]
    public void ABinaryFileNamedHtmlIsRefusedWithItsKind(byte[] bytes, string kind)
    {
        var outcome = Pipeline.Process(new PageInput("photo.html", bytes, null));
        Assert.False(outcome.Success);
        Assert.Contains(kind, outcome.Error);
        Assert.Contains("not HTML", outcome.Error);
    }

    [Fact]
    public void PlainTextNamedHtmlIsRefusedUnlessTheUserSaysText()
    {
        var bytes = Encoding.UTF8.GetBytes("Summonses were handed out in Belgorod on Monday.\n\nNo markup here at all.");
        var refused = Pipeline.Process(new PageInput("notes.html", bytes, null));
        Assert.False(refused.Success);
        Assert.Contains("--format text", refused.Error);
        var read = Pipeline.Process(new PageInput("notes.html", bytes, null), format: PageFormat.Text);
        Assert.True(read.Success, read.Error);
    }

    [Fact]
    public void APageOverTheSizeLimitIsRefusedByTheReaderAndTheBatchGoesOn()
    {
        var folder = Directory.CreateTempSubdirectory("muster-html-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "a-huge.html"), "<html><body><p>" + new string('x', 50_000) + "</p></body></html>");
            File.Copy(Path.Combine(SharedFolder.Samples, "html", "front-page.html"), Path.Combine(folder.FullName, "b-front.html"));
            var inputs = new PageReader(maxBytes: 20_000).Read([folder.FullName]).ToList();
            var outcomes = inputs.SelectMany(i => Pipeline.ProcessAll(i)).ToList();
            Assert.Equal(2, outcomes.Count);
            Assert.Contains("size limit", outcomes[0].Error);
            Assert.True(outcomes[1].Success, outcomes[1].Error);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void AnHtmlPageTooLargeToExtractIsRefusedWithItsSize()
    {
        var html = "<html><body><p>" + new string('a', HtmlArticleExtractor.MaxCharacters) + "</p></body></html>";
        var outcome = Pipeline.Process(new PageInput("huge.html", Encoding.UTF8.GetBytes(html), null));
        Assert.False(outcome.Success);
        Assert.Contains("over the limit", outcome.Error);
    }

    [Fact]
    public void SniffingTellsHtmlFromTextAndFeeds()
    {
        Assert.Equal(PageFormat.Html, FormatSniffer.Sniff("x", "<!DOCTYPE html><html><body></body></html>"u8).Format);
        Assert.Equal(PageFormat.Html, FormatSniffer.Sniff("x.txt", "<div class=a><p>text</p></div>"u8).Format);
        Assert.Equal(PageFormat.Text, FormatSniffer.Sniff("x.txt", "Headline\n\nA paragraph about <b> tags.\n"u8).Format);
        Assert.Equal(PageFormat.Feed, FormatSniffer.Sniff("x", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel></channel></rss>"u8).Format);
        Assert.Equal(PageFormat.Feed, FormatSniffer.Sniff("x", "<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>"u8).Format);
        Assert.Equal(PageFormat.Warc, FormatSniffer.Sniff("x", "WARC/1.1\r\nWARC-Type: warcinfo\r\n"u8).Format);
        Assert.Equal(PageFormat.Telegram, FormatSniffer.Sniff("result.json", "{\n \"name\": \"chan\",\n \"type\": \"public_channel\",\n \"messages\": []}"u8).Format);
        Assert.Equal(PageFormat.JsonLines, FormatSniffer.Sniff("pages.jsonl", "{\"url\":\"u\",\"html\":\"<p>x</p>\"}\n{\"url\":\"v\",\"text\":\"y\"}\n"u8).Format);
    }

    [Fact]
    public void AFragmentIsReadWhole()
    {
        var blocks = new HtmlArticleExtractor().ExtractFragment("<p>First <b>bold</b> line.</p><ul><li>One</li><li>Two</li></ul>Tail<br><br>After");
        Assert.Equal(["First bold line.", "One", "Two", "Tail", "After"], blocks);
    }
}
