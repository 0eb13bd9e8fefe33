using System.Text;
using Muster.Html;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Tests.Cli;

namespace Muster.Tests.Reading;

/// <summary>
/// Decoding that must not guess wrong: real-shaped byte sequences built here from our own sentences, encoded
/// with each target encoding, then cut, strewn with stray bytes or stripped of their BOM, each row with the
/// encoding it must be read as and words the text must hold.
/// </summary>
public sealed class EncodingDetectionTests
{
    static EncodingDetectionTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Russian = "Сотрудники военкомата вручали повестки прямо у входа в торговый центр, рассказали очевидцы. Мужчин призывного возраста проверяли по базе и отвозили в пункт сбора.";
    private const string Ukrainian = "Працівники ТЦК зупиняли чоловіків біля зупинки й вручали повістки, розповіли свідки. Їхні документи перевіряли просто на вулиці, а декого відвезли до центру.";
    private const string English = "Officers stopped men at the “Central” market and handed out summonses, witnesses said; one called it ‘a raid’.";
    private const string French = "Les témoins ont déclaré que des policiers distribuaient des convocations près de la gare, même à l’été.";
    private const string German = "Zeugen berichteten, dass Männer an der Straßenbahnhaltestelle angehalten und Einberufungsbescheide übergeben wurden.";
    private const string Polish = "Świadkowie mówią, że mężczyźni zatrzymani przy dworcu dostali wezwania, a żołnierze sprawdzali dokumenty.";
    private const string Czech = "Svědci řekli, že policie zastavovala muže u nádraží a předávala jim povolávací rozkazy; šťastný nebyl nikdo.";
    private const string Greek = "Μάρτυρες είπαν ότι η αστυνομία μοίραζε κλήσεις στο σταθμό του μετρό και έλεγχε τα έγγραφα των ανδρών.";
    private const string Turkish = "Tanıklar, polisin istasyonda erkeklere çağrı kâğıdı dağıttığını ve kimliklerini kontrol ettiğini söyledi.";
    private const string Chinese = "目击者说，警察在地铁站向男子发放征兵通知，并当场检查他们的证件。";

    private static byte[] Encode(int codePage, string text) => Encoding.GetEncoding(codePage).GetBytes(text);

    /// <summary>The bytes with the one at <paramref name="index"/> taken out (a character cut in two).</summary>
    private static byte[] Cut(byte[] bytes, int index) => [.. bytes[..index], .. bytes[(index + 1)..]];

    /// <summary>The bytes with <paramref name="stray"/> put in at <paramref name="index"/>.</summary>
    private static byte[] Stray(byte[] bytes, int index, params byte[] stray) => [.. bytes[..index], .. stray, .. bytes[index..]];

    /// <summary>The index of the <paramref name="n"/>th space, where a stray byte damages no word.</summary>
    private static int NthSpace(byte[] bytes, int n)
    {
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == (byte)' ' && n-- == 0)
                return i;
        throw new ArgumentException("not that many");
    }

    /// <summary>The index of the first byte of the <paramref name="n"/>th character at or above U+0080.</summary>
    private static int NthMultiByteStart(byte[] utf8, int n)
    {
        for (var i = 0; i < utf8.Length; i++)
            if (utf8[i] >= 0xC0 && n-- == 0)
                return i;
        throw new ArgumentException("not that many");
    }

    public static TheoryData<string, byte[], string, string[]> Rows()
    {
        var russian = Encoding.UTF8.GetBytes(Russian);
        var ukrainian = Encoding.UTF8.GetBytes(Ukrainian);
        var english = Encoding.UTF8.GetBytes(English);
        return new()
        {
            { "Russian UTF-8", russian, "utf-8", ["военкомата", "повестки"] },
            // The 30th Cyrillic letter is in "повестки"; the words around it stay whole.
            { "Russian UTF-8 with one character's lead byte cut out", Cut(russian, NthMultiByteStart(russian, 30)), "utf-8", ["военкомата", "очевидцы"] },
            { "Russian UTF-8 with one character's second byte cut out", Cut(russian, NthMultiByteStart(russian, 30) + 1), "utf-8", ["военкомата", "очевидцы"] },
            { "Russian UTF-8 with a stray 0xFF byte", Stray(russian, NthSpace(russian, 3), 0xFF), "utf-8", ["военкомата", "повестки", "сбора"] },
            { "Russian UTF-8 cut off inside its last character", russian[..^1], "utf-8", ["военкомата", "пункт"] },
            { "Ukrainian UTF-8 with windows-1251 quotes pasted in", Stray(Stray(ukrainian, NthSpace(ukrainian, 9), 0xBB), NthSpace(ukrainian, 8) + 1, 0xAB), "utf-8", ["чоловіків", "повістки", "Їхні"] },
            { "English UTF-8 with curly quotes and one windows-1252 quote pasted in", Stray(english, NthSpace(english, 4), 0x93), "utf-8", ["“Central”", "‘a raid’"] },
            { "Russian windows-1251", Encode(1251, Russian), "windows-1251", ["военкомата", "повестки"] },
            { "Russian KOI8-R", Encode(20866, Russian), "koi8-r", ["военкомата", "повестки"] },
            { "Russian ISO-8859-5", Encode(28595, Russian), "iso-8859-5", ["военкомата", "повестки"] },
            { "Russian IBM866 (DOS)", Encode(866, Russian), "ibm866", ["военкомата", "повестки"] },
            { "Ukrainian windows-1251", Encode(1251, Ukrainian), "windows-1251", ["чоловіків", "повістки", "Їхні"] },
            { "Ukrainian KOI8-U", Encode(21866, Ukrainian), "koi8-u", ["чоловіків", "повістки", "Їхні"] },
            { "Russian windows-1251 inside English", Encode(1251, "Reporters quoted a resident: «" + Russian + "» The office declined to comment."), "windows-1251", ["повестки", "declined"] },
            { "Russian UTF-16LE without a BOM", Encoding.Unicode.GetBytes(Russian), "utf-16le", ["военкомата", "повестки"] },
            { "Ukrainian UTF-16BE without a BOM", Encoding.BigEndianUnicode.GetBytes(Ukrainian), "utf-16be", ["чоловіків", "повістки"] },
            { "English UTF-16LE without a BOM", Encoding.Unicode.GetBytes(English), "utf-16le", ["summonses", "witnesses"] },
            { "Russian UTF-16LE without a BOM, cut to an odd length", Encoding.Unicode.GetBytes(Russian)[..^1], "utf-16le", ["военкомата", "пункт"] },
            { "French windows-1252", Encode(1252, French), "windows-1252", ["témoins", "déclaré", "l’été"] },
            { "German windows-1252", Encode(1252, German), "windows-1252", ["Männer", "Straßenbahnhaltestelle"] },
            { "Polish windows-1250", Encode(1250, Polish), "windows-1250", ["Świadkowie", "mężczyźni", "żołnierze"] },
            { "Polish ISO-8859-2", Encode(28592, Polish), "iso-8859-2", ["Świadkowie", "mężczyźni", "żołnierze"] },
            // windows-1250 and ISO-8859-2 differ where Czech keeps š, ž and ť; the detector's statistics alone confuse them.
            { "Czech windows-1250", Encode(1250, Czech), "windows-1250", ["Svědci", "nádraží", "šťastný"] },
            { "Czech ISO-8859-2", Encode(28592, Czech), "iso-8859-2", ["Svědci", "nádraží", "šťastný"] },
            { "Greek ISO-8859-7", Encode(28597, Greek), "iso-8859-7", ["αστυνομία", "κλήσεις"] },
            // The encoding standard reads the ISO-8859-9 label as windows-1254, its superset.
            { "Turkish ISO-8859-9", Encode(28599, Turkish), "windows-1254", ["Tanıklar", "çağrı", "kâğıdı"] },
            { "Chinese GBK", Encode(936, Chinese), "gb18030", ["警察", "征兵通知"] },
        };
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void BytesAreReadAsTheirEncoding(string reason, byte[] bytes, string encoding, string[] words)
    {
        var result = PageDecoder.Decode(bytes);
        Assert.True(result.Success, $"{reason}: {result.Error}");
        Assert.Equal(encoding, result.Page!.Encoding);
        foreach (var word in words)
            Assert.Contains(word, result.Page.Text);
    }

    [Fact]
    public void InvalidUtf8SequencesAreCountedInAWarningAndReplaced()
    {
        var russian = Encoding.UTF8.GetBytes(Russian);
        var damaged = Stray(Cut(russian, NthMultiByteStart(russian, 30)), NthSpace(russian, 2), 0xFF);

        var page = PageDecoder.Decode(damaged).Page!;

        Assert.Equal("utf-8", page.Encoding);
        Assert.Equal(2, page.Text.Count(c => c == '\uFFFD'));
        Assert.Equal("2 invalid UTF-8 byte sequences replaced with U+FFFD", page.Warning);
        Assert.Null(PageDecoder.Decode(russian).Page!.Warning);
    }

    [Fact]
    public void AWindows1251PageIsNotTakenForDamagedUtf8()
    {
        // The rule that keeps damaged UTF-8 must not catch legacy text whose letters happen to form a few
        // valid UTF-8 pairs (in windows-1251, "Ві", "Ні", "Мі" are valid two-byte sequences).
        var page = PageDecoder.Decode(Encode(1251, "Він сказав: Ніна і Мілана бачили, як Віктора забрали. " + Ukrainian)).Page!;
        Assert.Equal("windows-1251", page.Encoding);
        Assert.Null(page.Warning);
    }

    [Fact]
    public void BinaryWithNulBytesAtBothParitiesIsStillRefused()
    {
        var bytes = Enumerable.Range(0, 4000).Select(i => (byte)(i % 7 == 0 ? 0 : i * 31 % 251)).ToArray();
        Assert.Contains("binary", PageDecoder.Decode(bytes).Error);
    }

    [Fact]
    public void ADeclaredSingleByteCharsetGivesWayToDamagedUtf8()
    {
        var russian = Encoding.UTF8.GetBytes(Russian);
        var bytes = Stray(russian, NthSpace(russian, 3), 0xFF);
        var page = PageDecoder.Decode(bytes, "windows-1251").Page!;
        Assert.Equal("utf-8", page.Encoding);
        Assert.Contains("повестки", page.Text);
    }

    [Fact]
    public void ADeclaredMultiByteCharsetIsTrusted()
    {
        var page = PageDecoder.Decode(Encode(936, Chinese), "gbk").Page!;
        Assert.Equal("gb18030", page.Encoding);
        Assert.Contains("征兵通知", page.Text);
    }

    // Through the pipeline: what the issue saw go wrong, with the words the decoded text must hold.

    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    private const string SummonsStory = "В Липецке сотрудники военкомата вручали повестки мужчинам у входа в торговый центр, рассказали очевидцы. " +
        "По словам местных жителей, повестки вручили не менее двадцати мужчинам.";

    private static string Page(string head, string body) =>
        $"<!doctype html><html><head>{head}<title>Повестки у торгового центра</title></head><body><article><h1>Повестки у торгового центра</h1><p>{body}</p><p>{body}</p></article></body></html>";

    [Fact]
    public void AUtf8CyrillicPageWithOneCutByteKeepsItsTextAndClaims()
    {
        var intact = Encoding.UTF8.GetBytes(SummonsStory);
        var damaged = Cut(intact, NthMultiByteStart(intact, 5));

        var whole = Pipeline.Process(new PageInput("whole.txt", intact, null)).Document!;
        var outcome = Pipeline.Process(new PageInput("cut.txt", damaged, null));

        Assert.True(outcome.Success, outcome.Error);
        Assert.Equal("utf-8", outcome.Document!.Encoding);
        Assert.Contains("повестки мужчинам", outcome.Document.Text);
        Assert.Equal("1 invalid UTF-8 byte sequence replaced with U+FFFD", outcome.Warning);
        Assert.NotEqual(0, whole.Stories.Sum(s => s.Claims.Count));
        Assert.Equal(whole.Stories.Sum(s => s.Claims.Count), outcome.Document.Stories.Sum(s => s.Claims.Count));
    }

    [Fact]
    public void AnHtmlPageDeclaringItsCharsetAfterTheFirst1024BytesIsReadInIt()
    {
        var script = "<script>" + string.Concat(Enumerable.Repeat("window.dataLayer = window.dataLayer || []; ", 60)) + "</script>";
        var html = Page(script + "<meta charset=\"koi8-r\">", SummonsStory);
        var bytes = Encode(20866, html);
        Assert.True(html.IndexOf("<meta", StringComparison.Ordinal) > 1024);

        var outcome = Pipeline.Process(new PageInput("late.html", bytes, null));

        Assert.True(outcome.Success, outcome.Error);
        Assert.Equal("koi8-r", outcome.Document!.Encoding);
        Assert.Contains("повестки мужчинам", outcome.Document.Text);
        Assert.Null(outcome.Warning);
    }

    [Fact]
    public void AnHtmlPageWhoseCapitalsMisleadDetectionIsReadInTheCharsetItDeclaresLate()
    {
        // Headlines in capitals defeat letter statistics (this one reads as KOI8-R to a detector); the page's
        // own declaration, after a long script, is what a browser would use.
        var script = "<script>" + string.Concat(Enumerable.Repeat("window.dataLayer = window.dataLayer || []; ", 60)) + "</script>";
        const string shouted = "ОБЛАВА У МЕТРО: ПОВЕСТКИ ВРУЧАЮТ ВСЕМ МУЖЧИНАМ";
        var html = $"<!doctype html><html><head>{script}<meta charset=\"windows-1251\"><title>{shouted}</title></head><body><article><h1>{shouted}</h1>{string.Concat(Enumerable.Repeat($"<p>{shouted}. ВОЕНКОМЫ ПРОВЕРЯЮТ ДОКУМЕНТЫ У ВХОДА И ВРУЧАЮТ ПОВЕСТКИ ПРЯМО НА СТАНЦИИ, СООБЩИЛИ ОЧЕВИДЦЫ.</p>", 4))}</article></body></html>";
        var bytes = Encode(1251, html);
        Assert.NotEqual("windows-1251", PageDecoder.Decode(bytes).Page!.Encoding);

        var outcome = Pipeline.Process(new PageInput("shouted.html", bytes, null));

        Assert.True(outcome.Success, outcome.Error);
        Assert.Equal("windows-1251", outcome.Document!.Encoding);
        Assert.Contains("ПОВЕСТКИ ВРУЧАЮТ", outcome.Document.Text);
    }

    [Fact]
    public void AnHtmlPageInUtf8WithStrayBytesIsReadAsUtf8()
    {
        var bytes = Stray(Stray(Encoding.UTF8.GetBytes(Page("<meta charset=\"utf-8\">", SummonsStory)), 400, 0x96), 700, 0xA0);

        var outcome = Pipeline.Process(new PageInput("stray.html", bytes, null));

        Assert.True(outcome.Success, outcome.Error);
        Assert.Equal("utf-8", outcome.Document!.Encoding);
        Assert.Contains("повестки мужчинам", outcome.Document.Text);
        Assert.Equal("2 invalid UTF-8 byte sequences replaced with U+FFFD", outcome.Warning);
    }

    [Fact]
    public void AnHtmlPageInUtf16WithoutABomIsReadAsHtml()
    {
        var outcome = Pipeline.Process(new PageInput("wide.html", Encoding.Unicode.GetBytes(Page("", SummonsStory)), null));

        Assert.True(outcome.Success, outcome.Error);
        Assert.Equal("html", outcome.Document!.Format);
        Assert.Equal("utf-16le", outcome.Document.Encoding);
        Assert.Contains("повестки мужчинам", outcome.Document.Text);
        Assert.DoesNotContain("<p>", outcome.Document.Text);
    }

    [Fact]
    public void ExtractWarnsOfReplacedBytesInOneLineAndSucceeds()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("muster-decode-").FullName, "cut.txt");
        var intact = Encoding.UTF8.GetBytes(SummonsStory);
        File.WriteAllBytes(path, Cut(intact, NthMultiByteStart(intact, 5)));
        try
        {
            var result = CliRunner.Run("extract", path, "--json");
            Assert.Equal(0, result.ExitCode);
            Assert.Equal($"muster: {path}: warning: 1 invalid UTF-8 byte sequence replaced with U+FFFD\n", result.Error.Replace("\r\n", "\n"));
            Assert.Contains("\"encoding\":\"utf-8\"", result.Out);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
