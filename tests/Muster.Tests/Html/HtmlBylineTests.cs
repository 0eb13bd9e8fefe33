using AngleSharp.Html.Parser;
using Muster.Html;

namespace Muster.Tests.Html;

/// <summary>The author line a page shows, each row with its reason.</summary>
public class HtmlBylineTests
{
    public static TheoryData<string, string, string?> Rows => new()
    {
        { "an element whose class says byline", """<div class="byline">By Ann Lee</div>""", "By Ann Lee" },
        { "a link marked rel=author", """<p>Posted by <a rel="author" href="/u/1">Ann Lee</a></p>""", "Ann Lee" },
        { "microdata author with a name inside: the name alone", """<span itemprop="author" itemscope><span itemprop="name">Ann Lee</span> — 2013-09-29</span>""", "Ann Lee" },
        { "an id that says author", """<div id="article-author">Ann   Lee</div>""", "Ann Lee" },
        { "text of 100 characters or more is not a byline", $"""<div class="author-bio">{new string('x', 120)}</div>""", null },
        { "an empty author element is passed over for the next", """<div class="author"> </div><span class="byline">Bo Chen</span>""", "Bo Chen" },
        { "hidden elements are skipped", """<div class="byline" style="display:none">Hidden Name</div><div class="byline">Shown Name</div>""", "Shown Name" },
        { "comment authors are never the byline", """<div class="comments"><span class="author">A commenter</span></div>""", null },
        { "a byline in the page header is found when the article has none", """<header class="entry-header"><a rel="author" href="/m">Mike Conley</a></header><p>Text.</p>""", "Mike Conley" },
        { "a byline in the article wins over one in a header before it", """<div class="site-header"><span class="author">Header Name</span></div><article><span class="byline">Article Name</span></article>""", "Article Name" },
        { "scripts inside do not count as text", """<div class="byline">Ann Lee<script>var x = 1;</script></div>""", "Ann Lee" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void FindsTheByline(string reason, string body, string? expected)
    {
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><head></head><body>{body}</body></html>");
        var found = HtmlByline.Find(document.DocumentElement);
        Assert.True(expected == found, $"{reason}: got \"{found}\"");
    }
}
