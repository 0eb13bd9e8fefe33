using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Muster.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Db => Path.Combine(_folder, "test.db");

    [Fact]
    public void ExtractPrintsOneJsonObjectPerDocumentInTheContractShape()
    {
        var result = CliRunner.Run("extract", SharedFolder.Samples, "--json");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // One object per document: a page file is one, a feed, export, archive or JSON Lines file one per record.
        var documents = Directory.GetFiles(SharedFolder.Samples, "*", SearchOption.AllDirectories)
            .Sum(f => new Muster.Reading.Formats.FormatReaders().Read(new Muster.Reading.PageInput(f, File.ReadAllBytes(f), null)).Count());
        Assert.Equal(documents, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            foreach (var field in new[] { "source", "sha256", "outlet", "language", "stories" })
                Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
            Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("sha256").GetString());
            foreach (var story in root.GetProperty("stories").EnumerateArray())
            {
                foreach (var field in new[] { "id", "role", "relevant", "title", "text", "start", "end", "published", "claims" })
                    Assert.True(story.TryGetProperty(field, out _), $"missing story field {field}");
                Assert.Contains(story.GetProperty("role").GetString(), new[] { "article", "teaser", "sidebar", "author" });
                Assert.Equal(JsonValueKind.Array, story.GetProperty("claims").ValueKind);
            }
        }
    }

    [Fact]
    public void ExtractReadsStandardInput()
    {
        var result = CliRunner.RunWithInput("Conscripts sent to the front\n\nConscripts were sent to the front line without training, relatives said.", "extract", "-", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("-", json.RootElement.GetProperty("source").GetString());
        Assert.Equal("Conscripts sent to the front", json.RootElement.GetProperty("stories")[0].GetProperty("title").GetString());
    }

    [Fact]
    public void ABinaryFileIsNamedInAnErrorTheOthersAreStoredAndTheExitCodeIsOne()
    {
        var pages = Path.Combine(_folder, "pages");
        Directory.CreateDirectory(pages);
        File.Copy(Path.Combine(SharedFolder.Samples, "metro-raids.txt"), Path.Combine(pages, "a.txt"));
        File.WriteAllBytes(Path.Combine(pages, "b.txt"), [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]);
        File.WriteAllText(Path.Combine(pages, "c.txt"), "");
        File.Copy(Path.Combine(SharedFolder.Samples, "basement-refusers.txt"), Path.Combine(pages, "d.txt"));
        var result = CliRunner.Run("ingest", pages, "--db", Db);
        Assert.Equal(1, result.ExitCode);
        var errors = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, e => e.Contains("b.txt") && e.Contains("binary"));
        Assert.Contains(errors, e => e.Contains("c.txt") && e.Contains("empty"));
        Assert.Contains("documents: 2 added", result.Out);
        // A line per stored page names it, with the article found.
        Assert.Contains(result.Out.Split('\n'), l => l.StartsWith(Path.Combine(pages, "a.txt") + ": ", StringComparison.Ordinal) && l.Contains("article"));
        Assert.Contains("errors: 2", result.Out);
    }

    [Fact]
    public void IngestingTheSamplesAndSeedsTwiceLeavesTheCountsUnchanged()
    {
        var seeds = SharedFolder.Require("seeds");
        var first = CliRunner.Run("ingest", SharedFolder.Samples, seeds, "--db", Db, "--quiet");
        Assert.Equal(0, first.ExitCode);
        var second = CliRunner.Run("ingest", SharedFolder.Samples, seeds, "--db", Db, "--quiet");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("documents: 0 added", second.Out);
        var totals = first.Out.Split('\n')[1];
        Assert.Equal(totals, second.Out.Split('\n')[1]);
        var stories = CliRunner.Run("stories", "--json", "--db", Db);
        using var json = JsonDocument.Parse(stories.Out);
        Assert.Equal(json.RootElement.GetArrayLength(), int.Parse(System.Text.RegularExpressions.Regex.Match(totals, @"(\d+) stories").Groups[1].Value));
    }

    [Fact]
    public void StoriesAndShowReadTheRecord()
    {
        Assert.Equal(0, CliRunner.Run("ingest", SharedFolder.Samples, "--db", Db).ExitCode);
        var relevant = CliRunner.Run("stories", "--relevant", "--json", "--db", Db);
        using var json = JsonDocument.Parse(relevant.Out);
        Assert.All(json.RootElement.EnumerateArray(), s => Assert.True(s.GetProperty("relevant").GetBoolean()));
        var id = json.RootElement[0].GetProperty("id").GetString()!;
        var shown = CliRunner.Run("show", id, "--db", Db);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains($"story {id}", shown.Out);
        Assert.Contains(json.RootElement[0].GetProperty("text").GetString()!.Split('\n')[0][..40], shown.Out);
        var missing = CliRunner.Run("show", "nope-1", "--db", Db);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("nope-1: no such story", missing.Error);
    }

    [Fact]
    public void TheDatabaseComesFromMusterDbWhenNoOptionIsGiven()
    {
        var path = Path.Combine(_folder, "from-env.db");
        Environment.SetEnvironmentVariable("MUSTER_DB", path);
        try
        {
            Assert.Equal(0, CliRunner.Run("ingest", Path.Combine(SharedFolder.Samples, "metro-raids.txt")).ExitCode);
            Assert.True(File.Exists(path));
        }
        finally
        {
            Environment.SetEnvironmentVariable("MUSTER_DB", null);
        }
    }

    [Theory]
    [InlineData("no command at all is a usage error", new string[] { "frobnicate" })]
    [InlineData("ingest without a path", new[] { "ingest" })]
    [InlineData("an unknown option", new[] { "stories", "--bogus" })]
    [InlineData("a size limit that is not a number", new[] { "extract", "x.txt", "--max-bytes", "lots" })]
    [InlineData("a size limit that is not positive", new[] { "extract", "x.txt", "--max-bytes", "0" })]
    public void UsageErrorsExitWithTwo(string reason, string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.True(result.ExitCode == 2, $"{reason}: exit {result.ExitCode}");
        Assert.NotEmpty(result.Error);
    }

    [Fact]
    public void HelpIsEverywhere()
    {
        foreach (var command in new[] { "ingest", "extract", "stories", "show" })
        {
            var result = CliRunner.Run(command, "--help");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("--", result.Out);
        }
    }
}

public sealed class ClaimsCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-claims-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Db => Path.Combine(_folder, "claims.db");

    [Fact]
    public void ClaimsAreStoredListedFilteredAndExported()
    {
        Assert.Equal(0, CliRunner.Run("ingest", SharedFolder.Samples, "--db", Db, "--quiet").ExitCode);
        using var all = JsonDocument.Parse(CliRunner.Run("claims", "--json", "--db", Db).Out);
        Assert.True(all.RootElement.GetArrayLength() >= 10);
        using var summons = JsonDocument.Parse(CliRunner.Run("claims", "--type", "summons", "--json", "--db", Db).Out);
        Assert.All(summons.RootElement.EnumerateArray(), c => Assert.Equal("summons", c.GetProperty("type").GetString()));
        using var moscow = JsonDocument.Parse(CliRunner.Run("claims", "--place", "RU-MOW", "--json", "--db", Db).Out);
        Assert.All(moscow.RootElement.EnumerateArray(), c => Assert.Contains(c.GetProperty("places").EnumerateArray(), p => p.GetProperty("code").GetString() == "RU-MOW"));
        using var denied = JsonDocument.Parse(CliRunner.Run("claims", "--stance", "denied", "--json", "--db", Db).Out);
        Assert.All(denied.RootElement.EnumerateArray(), c => Assert.Equal("denied", c.GetProperty("stance").GetString()));
        using var since = JsonDocument.Parse(CliRunner.Run("claims", "--since", "2024-04", "--json", "--db", Db).Out);
        Assert.All(since.RootElement.EnumerateArray(), c => Assert.True(string.CompareOrdinal(c.GetProperty("date").GetString() ?? "9999", "2024-04") >= 0 || c.GetProperty("date").ValueKind == JsonValueKind.Null));
        var csv = CliRunner.Run("claims", "--csv", "--source", "Migrant", "--db", Db).Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("story,page,outlet,type,stance,evidence", csv[0]);
        Assert.True(csv.Length >= 2);
        Assert.All(csv.Skip(1), line => Assert.Contains("Migrant", line));
    }

    [Fact]
    public void ShowMarksEachClaimsEvidenceInTheText()
    {
        Assert.Equal(0, CliRunner.Run("ingest", Path.Combine(SharedFolder.Samples, "metro-raids.txt"), "--db", Db, "--quiet").ExitCode);
        using var claims = JsonDocument.Parse(CliRunner.Run("claims", "--json", "--db", Db).Out);
        var first = claims.RootElement[0];
        var shown = CliRunner.Run("show", first.GetProperty("story").GetString()!, "--db", Db);
        Assert.Contains($"[[1: {first.GetProperty("evidence").GetString()}]]", shown.Out);
        Assert.Contains("claims (", shown.Out);
    }

    [Theory]
    [InlineData("--type", "bogus")]
    [InlineData("--since", "last week")]
    [InlineData("--since", "2147483648")]
    [InlineData("--stance", "maybe")]
    public void BadFiltersAreUsageErrors(string option, string value)
    {
        var result = CliRunner.Run("claims", option, value, "--db", Db);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option.TrimStart('-'), result.Error);
    }

    [Fact]
    public void EvalClaimsPrintsTheMetrics()
    {
        var result = CliRunner.Run("eval", "claims", SharedFolder.Require("gold/seeds.json"), "--pages", SharedFolder.Require("seeds"), "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        foreach (var metric in new[] { "precision", "recall", "f1", "stance", "places", "quantity", "source" })
            Assert.InRange(json.RootElement.GetProperty(metric).GetDouble(), 0, 1);
        Assert.Equal(1, CliRunner.Run("eval", "claims", Path.Combine(_folder, "missing.json"), "--pages", _folder).ExitCode);
    }

    // A page that names no one gives its claims to its outlet; a text scrape's outlet comes from the index's address.
    private string WriteIndexedGold(string index)
    {
        var pages = Directory.CreateDirectory(Path.Combine(_folder, "pages")).FullName;
        File.WriteAllText(Path.Combine(pages, "p1.txt"), "Recruiters handed out summonses to 40 men at a market in Lviv on Monday.\n");
        var gold = Path.Combine(_folder, "gold.json");
        File.WriteAllText(gold, """
            {"format": "muster-gold/1", "documents": [{"file": "p1.txt", "stories": [{"claims": [
              {"id": "p1-1", "types": ["summons"], "evidence": "Recruiters handed out summonses to 40 men at a market in Lviv", "stance": "asserted",
               "places": ["UA-46"], "quantity": {"min": 40, "max": 40, "unit": "people"}, "source": ["lviv-courier.example.org"]}]}]}]}
            """);
        File.WriteAllText(Path.Combine(_folder, "INDEX.tsv"), index);
        return gold;
    }

    [Fact]
    public void EvalReadsThePagesAddressesFromTheIndexBesideTheGold()
    {
        var gold = WriteIndexedGold("file\tlang\tsource\np1.txt\ten\thttps://www.lviv-courier.example.org/news/1\n");
        var result = CliRunner.Run("eval", "claims", gold, "--pages", Path.Combine(_folder, "pages"), "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(1, json.RootElement.GetProperty("matched").GetInt32());
        Assert.Equal(1.0, json.RootElement.GetProperty("source").GetDouble());
        // Without the addresses the page names no outlet, and the claim no source.
        var without = CliRunner.Run("eval", "claims", gold, "--pages", Path.Combine(_folder, "pages"), "--json", "--no-index");
        using var bare = JsonDocument.Parse(without.Out);
        Assert.Equal(0.0, bare.RootElement.GetProperty("source").GetDouble());
    }

    [Fact]
    public void ExtractAndIngestReadAScrapedFoldersAddressesFromAnIndex()
    {
        var gold = WriteIndexedGold("file\tsource\np1.txt\thttps://www.lviv-courier.example.org/news/1\n");
        var page = Path.Combine(_folder, "pages", "p1.txt");
        var index = Path.Combine(_folder, "INDEX.tsv");
        var extracted = CliRunner.Run("extract", page, "--index", index);
        Assert.Equal(0, extracted.ExitCode);
        using (var json = JsonDocument.Parse(extracted.Out))
        {
            Assert.Equal("https://www.lviv-courier.example.org/news/1", json.RootElement.GetProperty("url").GetString());
            Assert.Equal("lviv-courier.example.org", json.RootElement.GetProperty("outlet").GetString());
            Assert.Equal("lviv-courier.example.org", json.RootElement.GetProperty("stories")[0].GetProperty("claims")[0].GetProperty("source").GetString());
        }
        var db = Path.Combine(_folder, "indexed.db");
        Assert.Equal(0, CliRunner.Run("ingest", Path.Combine(_folder, "pages"), "--index", index, "--db", db).ExitCode);
        Assert.Contains("lviv-courier.example.org", CliRunner.Run("claims", "--db", db).Out);
        Assert.True(gold.Length > 0);
        var missing = CliRunner.Run("extract", page, "--index", Path.Combine(_folder, "nope.tsv"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such index file", missing.Error);
    }

    [Fact]
    public void AnIndexThatIsNotOneIsNamedWithItsLine()
    {
        var gold = WriteIndexedGold("file\tlang\tsource\np1.txt\ten\tnot an address\n");
        var result = CliRunner.Run("eval", "claims", gold, "--pages", Path.Combine(_folder, "pages"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("INDEX.tsv:2:", result.Error);
        var missing = CliRunner.Run("eval", "claims", gold, "--pages", Path.Combine(_folder, "pages"), "--index", Path.Combine(_folder, "nope.tsv"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such index file", missing.Error);
    }
}
