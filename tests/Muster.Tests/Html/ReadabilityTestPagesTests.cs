using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Muster.Html;

namespace Muster.Tests.Html;

/// <summary>
/// Metadata and readerability over Readability.js's test pages (<c>../shared/peers/readability-test-pages</c>),
/// whose expectations are Readability's own output. A value is right when it equals the expected one after
/// trimming and whitespace normalization, case-sensitively; for bylines the figure where one contains the
/// other is printed too.
/// </summary>
public partial class ReadabilityTestPagesTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private static string Normalize(string? text) => text is null ? "" : Whitespace().Replace(text, " ").Trim();

    private sealed record Case(string Name, string Html, string Title, string Byline, bool Readerable);

    private static List<Case> Cases()
    {
        var folder = SharedFolder.Require("peers/readability-test-pages");
        var cases = new List<Case>();
        foreach (var directory in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var expectedPath = Path.Combine(directory, "expected-metadata.json");
            var sourcePath = Path.Combine(directory, "source.html");
            if (!File.Exists(expectedPath) || !File.Exists(sourcePath))
                continue;
            using var expected = JsonDocument.Parse(File.ReadAllText(expectedPath));
            var root = expected.RootElement;
            string Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Normalize(v.GetString()) : "";
            cases.Add(new Case(Path.GetFileName(directory), File.ReadAllText(sourcePath), Text("title"), Text("byline"),
                root.TryGetProperty("readerable", out var r) && r.ValueKind == JsonValueKind.True));
        }
        return cases;
    }

    [Fact]
    public void TitlesBylinesAndReaderabilityMatchReadability()
    {
        var cases = Cases();
        Assert.True(cases.Count >= 100, $"only {cases.Count} test pages found");
        var extractor = new HtmlArticleExtractor();
        int titles = 0, bylines = 0, bylinesExact = 0, bylinesContained = 0, readerable = 0, readabilityScore = 0, evidence = 0;
        var gaveArticle = new List<string>();
        foreach (var page in cases)
        {
            var article = extractor.Extract(page.Html);
            var title = Normalize(article.Metadata.Title);
            var byline = Normalize(article.Metadata.Byline);
            if (title == page.Title)
                titles++;
            else
                output.WriteLine($"title  {page.Name}: \"{title}\", expected \"{page.Title}\"");
            if (page.Byline.Length > 0)
            {
                bylines++;
                if (byline == page.Byline)
                    bylinesExact++;
                else
                    output.WriteLine($"byline {page.Name}: \"{byline}\", expected \"{page.Byline}\"");
                if (byline.Length > 0 && (byline.Contains(page.Byline, StringComparison.Ordinal) || page.Byline.Contains(byline, StringComparison.Ordinal)))
                    bylinesContained++;
            }
            if (article.Readerable == page.Readerable)
                readerable++;
            if (!page.Readerable && (article.Readerable || article.Body.Count > 0))
                gaveArticle.Add(page.Name);
            var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(page.Html);
            if (HtmlReaderable.Score(document, divParagraphs: false) > HtmlReaderable.ReaderableScore == page.Readerable)
                readabilityScore++;
            if (HtmlReaderable.Assess(document) > HtmlReaderable.ReaderableScore == page.Readerable)
                evidence++;
        }
        var titleRatio = (double)titles / cases.Count;
        var bylineRatio = (double)bylinesExact / bylines;
        output.WriteLine($"titles right: {titles}/{cases.Count} ({titleRatio:P1})");
        output.WriteLine($"bylines right (exact after whitespace normalization): {bylinesExact}/{bylines} ({bylineRatio:P1}); one containing the other: {bylinesContained}/{bylines}");
        output.WriteLine($"readerable right: decision with the body {readerable}/{cases.Count}; Readability's score alone {readabilityScore}/{cases.Count}; Muster's evidence alone {evidence}/{cases.Count}");
        Assert.True(titleRatio >= 0.95, $"titles right on {titleRatio:P1}");
        Assert.True(bylineRatio >= 0.85, $"bylines right on {bylineRatio:P1}");
        Assert.True(gaveArticle.Count == 0, "pages Readability judges not readerable gave an article: " + string.Join(", ", gaveArticle));
    }
}
