using System.Text;
using Muster.Reading;

namespace Muster.Tests.Reading;

public sealed class PageReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-reader-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void FoldersAreReadRecursivelyInOrdinalOrder()
    {
        Write("b.txt", "B page.");
        Write("a/nested/c.txt", "C page.");
        Write("a/a.txt", "A page.");
        var sources = new PageReader().Read([_folder]).Select(p => Path.GetRelativePath(_folder, p.Source)).ToList();
        Assert.Equal(["a/a.txt", "a/nested/c.txt", "b.txt"], sources);
    }

    [Fact]
    public void GlobsMatchFilesAndAnUnmatchedGlobIsAnError()
    {
        Write("one.txt", "One.");
        Write("two.txt", "Two.");
        Write("skip.html", "<p>no</p>");
        var read = new PageReader().Read([Path.Combine(_folder, "*.txt"), Path.Combine(_folder, "*.none")]).ToList();
        Assert.Equal(["one.txt", "two.txt"], read.Where(p => p.Success).Select(p => Path.GetFileName(p.Source)));
        var error = Assert.Single(read, p => !p.Success);
        Assert.Contains("no file matches", error.Error);
    }

    [Fact]
    public void StandardInputIsReadForADash()
    {
        var reader = new PageReader(standardInput: () => new MemoryStream(Encoding.UTF8.GetBytes("From stdin.")));
        var page = Assert.Single(reader.Read(["-"]));
        Assert.Equal("-", page.Source);
        Assert.Equal("From stdin.", Encoding.UTF8.GetString(page.Bytes!));
    }

    [Fact]
    public void FilesOverTheSizeLimitAndMissingFilesAreNamedAndTheBatchGoesOn()
    {
        var big = Write("big.txt", new string('x', 2000));
        var small = Write("small.txt", "Small.");
        var read = new PageReader(maxBytes: 1000).Read([big, Path.Combine(_folder, "missing.txt"), small]).ToList();
        Assert.Equal(3, read.Count);
        Assert.Contains("over the size limit", read[0].Error);
        Assert.Contains("no such file", read[1].Error);
        Assert.True(read[2].Success);
    }

    [Fact]
    public void StandardInputOverTheLimitIsRefused()
    {
        var reader = new PageReader(maxBytes: 10, standardInput: () => new MemoryStream(new byte[100]));
        Assert.Contains("over the size limit", Assert.Single(reader.Read(["-"])).Error);
    }

    private static string JsonLines(int lines) => string.Concat(Enumerable.Range(1, lines).Select(i =>
        $"{{\"url\": \"https://example.org/{i}\", \"text\": \"Recruiters handed out summonses in Lviv on day {i}.\"}}\n"));

    [Fact]
    public void AContainerOnStandardInputIsStreamedPastThePageLimit()
    {
        // 200 JSON Lines records, 17 KB, through a page limit of 1 KB: read record by record, not whole.
        var reader = new PageReader(maxBytes: 1000, standardInput: () => new MemoryStream(Encoding.UTF8.GetBytes(JsonLines(200))));
        var input = Assert.Single(reader.Read(["-"]));
        Assert.Null(input.Error);
        Assert.Null(input.Bytes);
        var records = new Muster.Reading.Formats.FormatReaders().Read(input, null).ToList();
        Assert.Equal(200, records.Count);
        Assert.Equal("https://example.org/200", records[^1].Url);
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public void StandardInputStreamedOnceCannotBeOpenedAgain()
    {
        var reader = new PageReader(standardInput: () => new MemoryStream(Encoding.UTF8.GetBytes(JsonLines(200))));
        var input = Assert.Single(reader.Read(["-"]));
        using (var first = input.OpenStream())
            Assert.Equal(JsonLines(200), new StreamReader(first).ReadToEnd());
        Assert.Throws<InvalidOperationException>(() => input.OpenStream());
    }

    [Fact]
    public void AShortContainerOnStandardInputIsReadWhole()
    {
        var input = Assert.Single(new PageReader(standardInput: () => new MemoryStream(Encoding.UTF8.GetBytes(JsonLines(3)))).Read(["-"]));
        Assert.Equal(JsonLines(3), Encoding.UTF8.GetString(input.Bytes!));
        Assert.Equal(3, new Muster.Reading.Formats.FormatReaders().Read(input, null).Count());
    }

    [Fact]
    public void APageOnStandardInputLongerThanItsFirstBytesIsReadWhole()
    {
        var text = string.Join(" ", Enumerable.Repeat("Recruiters handed out summonses in Lviv.", 500));
        var reader = new PageReader(standardInput: () => new MemoryStream(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(text, Encoding.UTF8.GetString(Assert.Single(reader.Read(["-"])).Bytes!));
    }
}
