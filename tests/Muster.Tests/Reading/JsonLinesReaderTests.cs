using System.Text;
using Muster.Reading.Formats;

namespace Muster.Tests.Reading;

public class JsonLinesReaderTests
{
    private static List<SourceRecord> Read(string text, string name = "pages.jsonl") =>
        new JsonLinesReader().Read(FormatSamples.Inline(name, text)).ToList();

    [Fact]
    public void TheSampleGivesEachLineAsAPageWithItsUrlAndDate()
    {
        var records = FormatSamples.Records("jsonl/pages.jsonl");
        Assert.Equal(3, records.Count);
        Assert.All(records, r =>
        {
            Assert.Null(r.Error);
            Assert.Equal(PageFormat.JsonLines, r.Format);
            // A line is a whole page with whatever surrounds its article, not one story.
            Assert.False(r.SingleStory);
            Assert.Equal(r.Url, r.Source);
        });
        Assert.Equal([ContentKind.Html, ContentKind.Text, ContentKind.Text], records.Select(r => r.Kind));
        Assert.Equal(["2024-05-20", "2024-05-22", "2024-05-23"], records.Select(r => r.Published.ToString()));
        Assert.Equal(["Ufa employers told to send workers to enlistment offices", null, null], records.Select(r => r.Title));
        Assert.Equal([null, null, "Полтавський вісник"], records.Select(r => r.Outlet));
    }

    [Fact]
    public void ClaimsAreFoundInTheLinesThroughThePipeline()
    {
        var documents = FormatSamples.Documents("jsonl/pages.jsonl");
        Assert.All(documents, d => Assert.Equal("jsonl", d.Format));
        Assert.Equal("Kama Wire", documents[0].Outlet);
        Assert.Contains(documents[0].Stories.SelectMany(s => s.Claims), c => c.Type == "recruitment_quota");
        // The flattened text page is segmented: its menu and "Read also" line do not make the article.
        var samara = Assert.Single(documents[1].Stories, s => s.Role == StoryRole.Article);
        Assert.Equal("Students in Samara called to military training", samara.Title);
        Assert.Contains(samara.Claims, c => c.Type == "summons" && c.Places.Any(p => p.Code == "RU-SAM"));
        Assert.Contains(documents[2].Stories.SelectMany(s => s.Claims), c => c.Type == "summons" && c.Places.Any(p => p.Code == "UA-53"));
    }

    [Fact]
    public void BadLinesAreNamedByLineNumberBlankLinesAreSkippedAndTheRestGoOn()
    {
        var records = Read("""
            {"url": "https://a.example/1", "text": "First page."}

            {"url": "https://a.example/2", "text": "unterminated}
            [1, 2, 3]
            {"url": "https://a.example/4", "title": "No body"}
            {"url": "https://a.example/5", "html": 42}
            {"text": "A page without a URL.", "published": "sometime"}
            """, "bad.jsonl");
        Assert.Equal(6, records.Count);
        Assert.Equal("https://a.example/1", records[0].Source);
        Assert.Equal("bad.jsonl#line-3", records[1].Source);
        Assert.StartsWith("line 3 is not valid JSON at byte ", records[1].Error);
        Assert.Equal("bad.jsonl#line-4", records[2].Source);
        Assert.Equal("line 4 is a JSON array, not an object with \"html\" or \"text\"", records[2].Error);
        Assert.Equal("line 5 has neither an \"html\" nor a \"text\" string", records[3].Error);
        Assert.Equal("bad.jsonl#line-6", records[4].Source);
        Assert.NotNull(records[4].Error);
        // No URL: named by its line; a date that cannot be read is left out, the page is kept.
        Assert.Equal("bad.jsonl#line-7", records[5].Source);
        Assert.Null(records[5].Error);
        Assert.Null(records[5].Published);
        Assert.Equal("A page without a URL.", Encoding.UTF8.GetString(records[5].Content!));
    }

    [Fact]
    public void CrlfLineEndsAndAByteOrderMarkAreRead()
    {
        var bytes = "\uFEFF{\"url\": \"https://a.example/1\", \"html\": \"<p>One</p>\"}\r\n{\"url\": \"https://a.example/2\", \"text\": \"Two\"}\r\n"u8.ToArray();
        var records = new JsonLinesReader().Read(new Muster.Reading.PageInput("crlf.jsonl", bytes, null)).ToList();
        Assert.Equal(["https://a.example/1", "https://a.example/2"], records.Select(r => r.Url));
        Assert.All(records, r => Assert.Null(r.Error));
    }
}
