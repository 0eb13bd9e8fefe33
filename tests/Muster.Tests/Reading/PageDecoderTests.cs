using System.Text;
using Muster.Reading;

namespace Muster.Tests.Reading;

public class PageDecoderTests
{
    static PageDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Russian = "Военкоматы начали рассылать повестки мужчинам в Липецкой области, сообщили местные жители.";
    private const string Ukrainian = "Окупаційна влада примусово мобілізує чоловіків у Мелітополі, повідомили в Центрі національного спротиву.";

    public static TheoryData<string, byte[], string, string> Decodable => new()
    {
        { "plain UTF-8 without a BOM", Encoding.UTF8.GetBytes("Summons served in Tyumen."), "Summons served in Tyumen.", "utf-8" },
        { "UTF-8 with a BOM drops the BOM", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Hello, world.")], "Hello, world.", "utf-8" },
        { "UTF-16 little-endian with a BOM", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Russian)], Russian, "utf-16le" },
        { "UTF-16 big-endian with a BOM", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Ukrainian)], Ukrainian, "utf-16be" },
        { "windows-1251 Russian detected from the bytes", Encoding.GetEncoding(1251).GetBytes(Russian), Russian, "windows-1251" },
        { "KOI8-R Russian detected from the bytes", Encoding.GetEncoding(20866).GetBytes(Russian), Russian, "koi8-r" },
        { "windows-1251 Ukrainian detected from the bytes", Encoding.GetEncoding(1251).GetBytes(Ukrainian), Ukrainian, "windows-1251" },
        { "CRLF and lone CR become LF", Encoding.UTF8.GetBytes("one\r\ntwo\rthree\n"), "one\ntwo\nthree\n", "utf-8" },
        { "decomposed accents are composed (NFC)", Encoding.UTF8.GetBytes("Cafe\u0301 in Orel"), "Caf\u00e9 in Orel", "utf-8" },
        { "Latin-1 text that is not UTF-8 falls back to windows-1252", Encoding.GetEncoding(1252).GetBytes("Caf\u00e9 r\u00e9sum\u00e9 na\u00efve text here"), "Caf\u00e9 r\u00e9sum\u00e9 na\u00efve text here", "windows-1252" },
    };

    [Theory]
    [MemberData(nameof(Decodable))]
    public void Decodes(string reason, byte[] bytes, string expected, string encoding)
    {
        var result = PageDecoder.Decode(bytes);
        Assert.True(result.Success, $"{reason}: {result.Error}");
        Assert.Equal(expected, result.Page!.Text);
        Assert.Equal(encoding, result.Page.Encoding);
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "no bytes at all", [], "empty" },
        { "only whitespace", Encoding.UTF8.GetBytes(" \n\t\r\n "), "empty" },
        { "NUL bytes mean binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], "binary" },
        { "control characters throughout mean binary", Enumerable.Range(0, 400).Select(i => (byte)(i % 2 == 0 ? 0x01 : 0x41)).ToArray(), "binary" },
        { "a UTF-8 BOM followed by invalid bytes", [0xEF, 0xBB, 0xBF, 0xC3, 0x28, 0xA0, 0xA1], "invalid UTF-8" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void RefusesWithAReason(string reason, byte[] bytes, string expectedReason)
    {
        var result = PageDecoder.Decode(bytes);
        Assert.False(result.Success, reason);
        Assert.Contains(expectedReason, result.Error);
        Assert.DoesNotContain('\n', result.Error!);
    }
}
