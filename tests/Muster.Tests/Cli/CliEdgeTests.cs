using Microsoft.Data.Sqlite;

namespace Muster.Tests.Cli;

/// <summary>The CLI's edges: hostile names, silent cases that must speak, options that mean nothing.</summary>
public sealed class CliEdgeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-edges-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Db => Path.Combine(_folder, "edges.db");

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [InlineData("a\nmuster: forged.txt: stored", "a newline")]
    [InlineData("b\rmuster: forged.txt", "a carriage return")]
    [InlineData("c\u001b[2Kmuster.txt", "an ANSI escape")]
    [InlineData("d\u2028muster.txt", "a Unicode line separator")]
    public void AControlCharacterInAFileNameIsEscapedInItsOneLineError(string name, string reason)
    {
        var pages = Path.Combine(_folder, "pages");
        Directory.CreateDirectory(pages);
        File.WriteAllBytes(Path.Combine(pages, name), [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]);
        var result = CliRunner.Run("extract", pages);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Lines(result.Error));
        Assert.StartsWith("muster: ", line);
        Assert.Contains("binary", line);
        Assert.False(line.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'), $"{reason}: {line}");
    }

    [Fact]
    public void AControlCharacterInAJsonLinesUrlIsEscapedInItsOneLineError()
    {
        var path = Path.Combine(_folder, "pages.jsonl");
        File.WriteAllText(path, """
            {"url": "https://example.org/a\nmuster: https://example.org/b: stored", "text": "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"}
            {"url": "https://example.org/c", "text": "Conscripts were sent to the front line without training, relatives said on Monday."}
            """);
        var result = CliRunner.Run("extract", path);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(Lines(result.Error));
        Assert.StartsWith(@"muster: https://example.org/a\nmuster: https://example.org/b: stored: ", line);
        Assert.Single(Lines(result.Out));
    }

    [Fact]
    public void HiddenFilesAndFoldersSkippedInAFolderAreNamedInOneNote()
    {
        var pages = Path.Combine(_folder, "pages");
        Directory.CreateDirectory(Path.Combine(pages, ".cache"));
        Directory.CreateDirectory(Path.Combine(pages, "more"));
        var page = "Conscripts sent to the front\n\nConscripts were sent to the front line without training, relatives said on Monday.";
        File.WriteAllText(Path.Combine(pages, "a.txt"), page);
        File.WriteAllText(Path.Combine(pages, ".b.txt"), page + " Once.");
        File.WriteAllText(Path.Combine(pages, ".cache", "c.txt"), page + " Twice.");
        File.WriteAllText(Path.Combine(pages, "more", ".d.txt"), page + " Thrice.");
        var result = CliRunner.Run("extract", pages);
        Assert.Equal(0, result.ExitCode);
        Assert.Single(Lines(result.Out));
        var note = Assert.Single(Lines(result.Error));
        Assert.Equal($"muster: {pages}: note: skipped 2 hidden files and 1 hidden folder (names starting with a dot)", note);
    }

    [Fact]
    public void AnHtmlPageWithNoStoryIsSaidSoInOneWarning()
    {
        var page = Path.Combine(_folder, "short.html");
        File.WriteAllText(page, "<html><head><title>Summons in Lviv</title></head><body><article><h1>Summons in Lviv</h1><p>Recruiters came to a market.</p></article></body></html>");
        var result = CliRunner.Run("extract", page);
        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(Lines(result.Error));
        Assert.Equal($"muster: {page}: warning: no article or story found: the page's text is too short for one, or it lists other pages", warning);
    }

    [Fact]
    public void AFolderWithoutHiddenEntriesGetsNoNote()
    {
        var result = CliRunner.Run("extract", SharedFolder.Samples);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
    }

    [Theory]
    [InlineData("stories")]
    [InlineData("claims")]
    [InlineData("events")]
    [InlineData("show", "story-1")]
    [InlineData("serve", "--urls", "http://127.0.0.1:0")]
    public void AReadCommandGivenADatabaseThatDoesNotExistSaysSoAndCreatesNone(params string[] args)
    {
        var typo = Path.Combine(_folder, "typo.db");
        var result = CliRunner.Run([.. args, "--db", typo]);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"muster: {typo}: no such database (muster ingest creates one; --db or MUSTER_DB names another)", Assert.Single(Lines(result.Error)));
        Assert.Equal("", result.Out);
        Assert.False(File.Exists(typo), "the read command created the database");
    }

    [Theory]
    [InlineData("claims", "XX-YYY", "not a first-level region")]
    [InlineData("claims", "RU-ZZZ", "not a first-level region")]
    [InlineData("claims", "XX", "not a country")]
    [InlineData("events", "XX-YYY", "not a first-level region")]
    [InlineData("events", "Moscow", "not an ISO 3166-2 code")]
    public void AnUnknownPlaceCodeIsRefusedInOneLine(string command, string place, string reason)
    {
        var result = CliRunner.Run(command, "--place", place, "--db", Db);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Error));
        Assert.StartsWith("muster: --place: ", line);
        Assert.Contains(reason, line);
    }

    [Fact]
    public void RegionCodesAreCaseInsensitive()
    {
        Assert.Equal(0, CliRunner.Run("ingest", SharedFolder.Samples, "--db", Db, "--quiet").ExitCode);
        var upper = CliRunner.Run("claims", "--place", "RU-MOW", "--json", "--db", Db);
        var lower = CliRunner.Run("claims", "--place", "ru-mow", "--json", "--db", Db);
        Assert.Equal(0, lower.ExitCode);
        Assert.Equal("", lower.Error);
        Assert.Contains("RU-MOW", upper.Out);
        Assert.Equal(upper.Out, lower.Out);
        var events = CliRunner.Run("events", "--place", "ru-mow", "--db", Db);
        Assert.Equal(0, events.ExitCode);
        Assert.Equal(CliRunner.Run("events", "--place", "RU-MOW", "--db", Db).Out, events.Out);
    }

    [Fact]
    public void JsonLinesPipedToExtractAreStreamedRecordByRecord()
    {
        var lines = string.Concat(Enumerable.Range(1, 300).Select(i =>
            $"{{\"url\": \"https://example.org/{i}\", \"text\": \"Recruiters handed out summonses to {i} men in Lviv, the governor said.\"}}\n"));
        // 30 KB through a page limit of 500 bytes: each record is under it, the whole is not.
        var result = CliRunner.RunWithInput(lines, "extract", "-", "--max-bytes", "500");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(300, Lines(result.Out).Length);
        Assert.Contains("\"source\":\"https://example.org/300\"", Lines(result.Out)[^1]);
    }

    [Theory]
    [InlineData("extract", "0")]
    [InlineData("extract", "-3")]
    [InlineData("ingest", "0")]
    public void APageBudgetThatIsNotPositiveIsAUsageError(string command, string seconds)
    {
        var page = Path.Combine(_folder, "page.txt");
        File.WriteAllText(page, "Recruiters handed out summonses in Lviv, the governor said.");
        var result = command == "ingest" ? CliRunner.Run(command, page, "--page-budget", seconds, "--db", Db) : CliRunner.Run(command, page, "--page-budget", seconds);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"muster: --page-budget must be a positive number of seconds; got {seconds}", Lines(result.Error)[0]);
        Assert.False(File.Exists(Db));
    }

    [Theory]
    [InlineData("stories", "-1")]
    [InlineData("stories", "0")]
    [InlineData("claims", "-1")]
    [InlineData("claims", "0")]
    [InlineData("events", "-5")]
    [InlineData("events", "0")]
    public void ALimitBelowOneIsAUsageError(string command, string limit)
    {
        var result = CliRunner.Run(command, "--limit", limit, "--db", Db);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"muster: --limit must be 1 or more; got {limit}", Lines(result.Error)[0]);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void ALimitOfOneGivesOne()
    {
        Assert.Equal(0, CliRunner.Run("ingest", SharedFolder.Samples, "--db", Db, "--quiet").ExitCode);
        Assert.Single(Lines(CliRunner.Run("stories", "--limit", "1", "--db", Db).Out));
        Assert.Single(Lines(CliRunner.Run("claims", "--limit", "1", "--db", Db).Out));
    }
}
