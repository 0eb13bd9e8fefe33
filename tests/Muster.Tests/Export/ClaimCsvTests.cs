using CsvHelper;
using Muster.Claims;
using Muster.Export;
using Muster.Storage;

namespace Muster.Tests.Export;

public sealed class ClaimCsvTests
{
    private static StoredClaim Claim(string evidence, string? source = null, string? outlet = null) => new(1, "s-1", "page.html", outlet, null,
        new Claim { Type = "summons", Stance = Stance.Asserted, Evidence = evidence, Span = new TextSpan(0, evidence.Length), Source = source, Confidence = 0.5 });

    private static List<string[]> Read(string csv)
    {
        using var reader = CsvReader.FromText(csv, CsvReaderOptions.Default with { Separator = ',', HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        return rows;
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")", "a formula")]
    [InlineData("+1 summons", "a plus runs as a formula")]
    [InlineData("-2+3 summonses", "a minus runs as a formula")]
    [InlineData("@SUM(A1)", "an at sign runs as a function")]
    [InlineData("\t=1+1", "a tab before a formula")]
    [InlineData("\r=1+1", "a carriage return before a formula")]
    public void ACellThatStartsLikeAFormulaIsEscapedWithAnApostrophe(string text, string reason)
    {
        var rows = Read(ClaimCsv.Write([Claim(text, source: text, outlet: text)]));
        Assert.Equal(2, rows.Count);
        var header = rows[0];
        foreach (var column in new[] { "evidence", "source", "outlet" })
            Assert.True(rows[1][Array.IndexOf(header, column)] == "'" + text, $"{reason}: {column} is {rows[1][Array.IndexOf(header, column)]}");
    }

    [Fact]
    public void OrdinaryCellsAreWrittenAsTheyAreAndQuotedWhenTheyNeedIt()
    {
        var csv = ClaimCsv.Write([Claim("Police said, \"summonses\" were served\non the street", source: "police")]);
        Assert.StartsWith("story,page,outlet,type,stance,evidence,start,end,places,codes,quantity_min,quantity_max,quantity_approx,quantity_unit,source,via,date,confidence,story_published\r\n", csv);
        var rows = Read(csv);
        var header = rows[0];
        Assert.Equal("Police said, \"summonses\" were served\non the street", rows[1][Array.IndexOf(header, "evidence")]);
        Assert.Equal("police", rows[1][Array.IndexOf(header, "source")]);
        Assert.Equal("0.5", rows[1][Array.IndexOf(header, "confidence")]);
        Assert.EndsWith("\r\n", csv);
    }
}
