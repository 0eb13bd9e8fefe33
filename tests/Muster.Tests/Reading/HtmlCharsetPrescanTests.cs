using System.Text;
using Muster.Html;
using Muster.Reading;

namespace Muster.Tests.Reading;

/// <summary>The HTML standard's charset prescan, row by row, and the wider second look.</summary>
public sealed class HtmlCharsetPrescanTests
{
    public static TheoryData<string, string, string?> Rows => new()
    {
        { "a meta charset", "<!doctype html><html><head><meta charset=\"koi8-r\"><title>t</title>", "koi8-r" },
        { "a meta charset without quotes, upper case", "<HTML><HEAD><META CHARSET=KOI8-R></HEAD>", "koi8-r" },
        { "http-equiv with content", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">", "windows-1251" },
        { "content before http-equiv, the charset quoted", "<meta content=\"text/html; charset='cp1251'\" http-equiv=content-type>", "cp1251" },
        { "content without http-equiv is not a declaration", "<meta name=\"description\" content=\"charset=koi8-r\">", null },
        { "http-equiv that is not content-type", "<meta http-equiv=\"refresh\" content=\"5; charset=koi8-r\">", null },
        { "a meta inside a comment is not one", "<!-- <meta charset=\"koi8-r\"> --><p>text</p>", null },
        { "the shortest comment ends at once", "<!--><meta charset=\"koi8-r\">", "koi8-r" },
        { "a meta inside another tag's quoted attribute is not one", "<div title='<meta charset=koi8-r>'>text</div>", null },
        { "an unknown label is passed over for the next meta", "<meta charset=\"no-such-charset\"><meta charset=\"windows-1251\">", "windows-1251" },
        { "UTF-16 declared in ASCII markup means UTF-8", "<meta charset=\"utf-16\">", "utf-8" },
        { "the first of two declarations wins", "<meta charset=\"koi8-r\"><meta charset=\"windows-1251\">", "koi8-r" },
        { "charset and content in one tag: the first attribute wins", "<meta charset=\"koi8-r\" content=\"text/html; charset=windows-1251\" http-equiv=\"content-type\">", "koi8-r" },
        { "end tags and processing instructions are skipped", "<?xml version=\"1.0\"?></head ><meta charset=gbk>", "gbk" },
        { "a word that only starts like meta", "<metadata charset=\"koi8-r\"><meta charset=\"iso-8859-5\">", "iso-8859-5" },
        { "no declaration at all", "<html><head><title>Новости</title></head><body>…</body></html>", null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void FindsWhatTheStandardFinds(string reason, string html, string? expected)
    {
        var found = HtmlCharsetPrescan.Find(Encoding.UTF8.GetBytes(html));
        Assert.True(expected == found, $"{reason}: expected {expected ?? "none"}, found {found ?? "none"}");
    }

    [Fact]
    public void TheStandardWindowEndsAt1024BytesAndTheWiderLookGoesOn()
    {
        var head = "<html><head><style>" + new string(' ', 1100) + "</style><meta charset=\"windows-1251\">";
        var bytes = Encoding.ASCII.GetBytes(head);
        Assert.Null(HtmlCharsetPrescan.Find(bytes));
        Assert.Equal("windows-1251", HtmlCharsetPrescan.Find(bytes, HtmlCharsetPrescan.WiderWindow));
        Assert.Equal("windows-1251", HtmlDecoder.Prescan(bytes));
    }

    [Fact]
    public void TheWiderLookStopsAt64KB()
    {
        var bytes = Encoding.ASCII.GetBytes("<html><head><script>" + new string('x', 70 * 1024) + "</script><meta charset=\"koi8-r\">");
        Assert.Null(HtmlDecoder.Prescan(bytes));
    }

    [Theory]
    [InlineData("text/html; charset=utf-8", "utf-8")]
    [InlineData("text/html;charset=\"koi8-r\"", "koi8-r")]
    [InlineData("text/html; charset = windows-1251 ; foo", "windows-1251")]
    [InlineData("text/html; charset='unclosed", null)]
    [InlineData("text/html", null)]
    [InlineData("text/html; charsetx; charset=gbk", "gbk")]
    public void ContentAttributesGiveTheirCharset(string content, string? expected) =>
        Assert.Equal(expected, HtmlCharsetPrescan.FromContent(content));
}
