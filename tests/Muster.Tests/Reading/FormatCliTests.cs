using Microsoft.Data.Sqlite;
using Muster.Reading.Formats;
using Muster.Tests.Cli;

namespace Muster.Tests.Reading;

/// <summary>The container formats through <c>muster ingest</c>: sniffed in a folder, the good stored, the bad named.</summary>
public sealed class FormatCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-formats-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Db => Path.Combine(_folder, "formats.db");

    [Fact]
    public void AGoodFeedIsStoredAndABrokenOneIsNamedInOneLineWithExitCodeOne()
    {
        var feeds = Path.Combine(_folder, "feeds");
        Directory.CreateDirectory(feeds);
        File.Copy(FormatSamples.Path("feeds/mobilization.rss"), Path.Combine(feeds, "good.rss"));
        var broken = Path.Combine(feeds, "broken.xml");
        File.WriteAllText(broken, """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Broken Wire</title>
            <item><title>Stored before the break</title><link>https://broken.example/1</link><description>Police handed out summonses at a market.</description></item>
            <item><title>Unclosed
            </channel></rss>
            """);
        var result = CliRunner.Run("ingest", feeds, "--db", Db);
        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"muster: {broken}: invalid XML at line ", error);
        // The three good items and the one before the break are stored.
        Assert.Contains("documents: 4 added", result.Out);
        Assert.Contains("errors: 1", result.Out);
        Assert.Contains(result.Out.Split('\n'), l => l.StartsWith("https://volga-courier.example/news/2024/03/05/tractor-plant-summonses: ", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryContainerSampleIsSniffedAsItsFormatAndIngestedWithoutErrors()
    {
        string[] samples = ["feeds/mobilization.rss", "feeds/atom.xml", "telegram/result.json", "warc/two-records.warc.gz", "jsonl/pages.jsonl"];
        PageFormat[] formats = [PageFormat.Feed, PageFormat.Feed, PageFormat.Telegram, PageFormat.Warc, PageFormat.JsonLines];
        Assert.Equal(formats, samples.Select(s => FormatSniffer.Sniff(FormatSamples.Path(s), File.ReadAllBytes(FormatSamples.Path(s)))).Select(r => r.Format));

        var paths = samples.Select(FormatSamples.Path).ToArray();
        var first = CliRunner.Run(["ingest", .. paths, "--db", Db, "--quiet"]);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("documents: 13 added", first.Out);
        // Identities are stable: a second run stores nothing new.
        var second = CliRunner.Run(["ingest", .. paths, "--db", Db, "--quiet"]);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("documents: 0 added, 13 unchanged", second.Out);
    }
}
