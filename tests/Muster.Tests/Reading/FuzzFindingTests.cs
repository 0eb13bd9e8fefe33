using System.Text;
using Muster.Html;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Reading.Formats;

namespace Muster.Tests.Reading;

/// <summary>
/// Inputs the fuzzing harnesses (tools/fuzz) found that made a reader throw, each cut down to its few bytes: every
/// one is now read, or refused with a reason, and the batch goes on.
/// </summary>
public class FuzzFindingTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    // Text and bytes joined; in the text, ' stands for " so that JSON reads as JSON in a C# string.
    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p switch
        {
            string text => Encoding.UTF8.GetBytes(text.Replace('\'', '"')),
            byte[] bytes => bytes,
            byte b => [b],
            _ => throw new ArgumentException($"not text or bytes: {p}"),
        })];

    // decode harness: U+FFFE (a byte-reversed BOM) is a valid code point in UTF-8 and UTF-16 alike, and .NET's
    // normalization threw on it (ArgumentException: invalid Unicode code points).
    public static TheoryData<string, byte[], string> ReversedByteOrderMarks => new()
    {
        { "U+FFFE alone, in UTF-8", [0xEF, 0xBF, 0xBE], "\uFFFD" },
        { "U+FFFE inside UTF-8 text", Bytes("Повестки ", new byte[] { 0xEF, 0xBF, 0xBE }, " вручили"), "Повестки \uFFFD вручили" },
        { "U+FFFE after a UTF-16LE BOM", [0xFF, 0xFE, (byte)'s', 0, 0xFE, 0xFF, (byte)'m', 0], "s\uFFFDm" },
        { "U+FFFE after a UTF-16BE BOM", [0xFE, 0xFF, 0x7F, 0xFF, 0xFF, 0xFE, 0, (byte)'x'], "\u7FFF\uFFFDx" },
    };

    [Theory]
    [MemberData(nameof(ReversedByteOrderMarks))]
    public void AReversedByteOrderMarkInAPageIsReplacedNotAnInternalError(string reason, byte[] bytes, string text)
    {
        var decoded = PageDecoder.Decode(bytes);
        Assert.True(decoded.Success, $"{reason}: {decoded.Error}");
        Assert.Equal(text, decoded.Page!.Text);
    }

    [Fact]
    public void AShortPageSniffedAsUtf16WithAReversedByteOrderMarkIsReadAsHtml()
    {
        // html harness: '=' then U+FFFE in UTF-16LE without a BOM, and a cut last byte.
        var decoded = HtmlDecoder.Decode([0x3D, 0x00, 0xFE, 0xFF, 0xE8]);
        Assert.True(decoded.Success, decoded.Error);
        Assert.Equal("=\uFFFD\uFFFD", decoded.Page!.Text);
    }

    [Fact]
    public void TheNormalizerReplacesWhatNormalizationRefusesAndKeepsTheRest()
    {
        // A table in code, not attributes: an attribute's string cannot hold a lone surrogate (it is stored as UTF-8).
        (string Text, string Normalized)[] rows =
        [
            ("a\uD800b", "a\uFFFDb"),
            ("end\uDC00", "end\uFFFD"),
            ("\uDC00\uD800", "\uFFFD\uFFFD"),
            ("x\uFFFE", "x\uFFFD"),
            ("pair \U0001F600 kept", "pair \U0001F600 kept"),
            ("\uFFFF and \uFDD0 normalize", "\uFFFF and \uFDD0 normalize"),
            ("cafe\u0301", "caf\u00E9"),
        ];
        foreach (var (text, normalized) in rows)
            Assert.Equal(normalized, TextNormalizer.Normalize(text));
    }

    private static List<SourceRecord> Telegram(byte[] json) =>
        new TelegramExportReader().Read(new PageInput("result.json", json, null)).ToList();

    [Fact]
    public void ATelegramMessageWithBytesThatAreNotUtf8IsReadWithThemReplacedAndSaysSo()
    {
        // telegram harness: InvalidOperationException (cannot transcode invalid UTF-8) from the message's text.
        var json = Bytes("{'name':'Channel','messages':[{'id':1,'type':'message','text':'Summonses ", (byte)0xFF,
            " handed out'},{'id':2,'type':'message','text':'Clean'}]}");
        var records = Telegram(json);
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Null(r.Error));
        Assert.Equal("Summonses \uFFFD handed out", Encoding.UTF8.GetString(records[0].Content!));
        Assert.Equal("1 invalid character in its JSON strings (bytes that are not UTF-8, or a surrogate escape without its pair) replaced with U+FFFD", records[0].Warning);
        Assert.Null(records[1].Warning);
    }

    [Fact]
    public void TheBrokenFieldsOfATelegramExportAreEachReadWithTheirBytesReplaced()
    {
        // telegram harness: the same exception from the channel's name (read before any message), an entity's text,
        // the sender, the date and date_unixtime.
        var json = Bytes("{'name':'Chan", (byte)0xC3, "nel','username':'some_channel','messages':[{'id':7,'type':'message','from':'A", (byte)0xE2,
            "','date':'2024-03-01T10:00:00", (byte)0x80, "','date_unixtime':'1709287200", (byte)0xFE,
            "','text':['plain ',{'type':'bold','text':'bo", (byte)0xF0, (byte)0x9F, "ld'}]}]}");
        var record = Assert.Single(Telegram(json));
        Assert.Null(record.Error);
        Assert.Equal("Chan\uFFFDnel", record.Outlet);
        Assert.Equal("A\uFFFD", record.Author);
        Assert.Equal("plain bo\uFFFDld", Encoding.UTF8.GetString(record.Content!));
        // The date's valid part still reads.
        Assert.Equal("2024-03-01", record.Published.ToString());
        Assert.StartsWith("4 invalid characters", record.Warning);
    }

    [Fact]
    public void AnEscapedSurrogateWithoutItsPairInATelegramMessageIsReplaced()
    {
        // System.Text.Json throws on "\ud800" as it does on bytes that are not UTF-8.
        var record = Assert.Single(Telegram(Bytes("{'messages':[{'id':3,'text':'x\\ud800y \\u0416 \\n\\'q\\' \\ud83d\\ude00'}]}")));
        Assert.Equal("x\uFFFDy Ж \n\"q\" \U0001F600", Encoding.UTF8.GetString(record.Content!));
        Assert.StartsWith("1 invalid character", record.Warning);
    }

    [Fact]
    public void APropertyNameWithABrokenEscapeHidesNoOtherProperty()
    {
        // telegram harness: InvalidOperationException (missing low surrogate) from comparing property names, at the
        // top level while looking for "messages" and inside a message while looking up its fields.
        var record = Assert.Single(Telegram(Bytes("{'name':'C','me\\ud83dssages':1,'messages':[{'da\\udc00te':'x','id':1,'date':'2024-03-01','text':'Hi'}]}")));
        Assert.Null(record.Error);
        Assert.Equal("Hi", Encoding.UTF8.GetString(record.Content!));
        Assert.Equal("2024-03-01", record.Published.ToString());
        // The broken name is no field Muster reads, so nothing read was replaced.
        Assert.Null(record.Warning);
        var line = Assert.Single(new JsonLinesReader().Read(new PageInput("pages.jsonl", Bytes("{'t\\ud800':1,'text':'Hi','url':'https://e.example/a'}"), null)));
        Assert.Null(line.Error);
        Assert.Equal("https://e.example/a", line.Url);
    }

    [Fact]
    public void AJsonLineWithBytesThatAreNotUtf8IsReadWithThemReplacedAndTheOtherLinesGoOn()
    {
        // jsonl harness: InvalidOperationException from the line's strings (here its text, url and title).
        var lines = Bytes("{'url':'https://e.example/", (byte)0xFF, "','text':'Police ", (byte)0xC0, " raids','title':'T\\udc00'}", "\n",
            "{'text':'Second page'}", "\n");
        var records = new JsonLinesReader().Read(new PageInput("pages.jsonl", lines, null)).ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Null(r.Error));
        Assert.Equal("https://e.example/\uFFFD", records[0].Url);
        Assert.Equal("Police \uFFFD raids", Encoding.UTF8.GetString(records[0].Content!));
        Assert.Equal("T\uFFFD", records[0].Title);
        Assert.StartsWith("3 invalid characters", records[0].Warning);
        Assert.Null(records[1].Warning);
    }

    [Fact]
    public void AnHtmlPagesJsonLdWithAnUnpairedSurrogateEscapeIsReadNotAnInternalError()
    {
        // pipeline harness: "internal error (InvalidOperationException)" from the JSON-LD's @context and its
        // strings; JavaScript's JSON.parse reads such a string, as Readability.js does.
        var html = Bytes("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><script type='application/ld+json'>",
            "{'@context':'https://schema.org','x\\udc00':1,'@type':'NewsArticle','headline':'Raids\\ud800 in Lviv','author':{'name':'Ann Lee'}}",
            "</script></head><body><article><p>Police handed out summonses to forty men in Lviv on Monday, the regional governor said.</p>",
            "<p>Recruiters stopped men at checkpoints on the roads out of the city, witnesses told reporters.</p></article></body></html>");
        var outcome = Pipeline.Process(new PageInput("page.html", html, null));
        Assert.True(outcome.Success, outcome.Error);
        Assert.Equal("html", outcome.Document!.Format);
        Assert.Equal("Raids\uFFFD in Lviv", outcome.Document.Title);
        Assert.Equal("Ann Lee", outcome.Document.Byline);
    }

    [Fact]
    public void ThePipelinePassesAContainersWarningOnWithTheDocument()
    {
        var json = Bytes("{'name':'Channel','messages':[{'id':1,'text':'Police handed out summonses to 40 men in Lviv", (byte)0xFF, ".'}]}");
        var outcome = Assert.Single(Pipeline.ProcessAll(new PageInput("result.json", json, null)));
        Assert.True(outcome.Success, outcome.Error);
        Assert.Equal("telegram", outcome.Document!.Format);
        Assert.StartsWith("1 invalid character in its JSON strings", outcome.Warning);
    }
}
