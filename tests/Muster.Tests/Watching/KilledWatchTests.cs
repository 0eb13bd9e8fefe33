using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Muster.Tests.Cli;

namespace Muster.Tests.Watching;

/// <summary>A real <c>muster watch</c> process killed (SIGKILL) mid-run, then run again: each item is stored once.</summary>
[Collection(SerialCollection.Name)]
public sealed class KilledWatchTests : IAsyncLifetime
{
    private const int Feeds = 8, ItemsPerFeed = 2;
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-killwatch-").FullName;
    private NewsServer _server = null!;
    private string Db => Path.Combine(_folder, "killed.db");

    public async ValueTask InitializeAsync()
    {
        _server = await NewsServer.StartAsync();
        for (var f = 0; f < Feeds; f++)
        {
            var items = new List<string>();
            for (var i = 0; i < ItemsPerFeed; i++)
            {
                var n = f * ItemsPerFeed + i;
                _server.AddArticle($"/articles/k{n}", $"Factory workers in Belgorod handed summonses, report {n}", WatchRunner.Story("Belgorod region", 100 + n));
                items.Add($"/articles/k{n}");
            }
            _server.ExtraFeeds[$"/feeds/f{f}.xml"] = [.. items];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AWatcherKilledMidRunAndRestartedStoresEachItemOnce()
    {
        var sources = Path.Combine(_folder, "sources.yaml");
        File.WriteAllText(sources, "contact: analyst@example.org\nallow_private_addresses: true\ndelay: 250ms\nsources:\n" +
            string.Concat(Enumerable.Range(0, Feeds).Select(f => $"  - url: {_server.At($"/feeds/f{f}.xml")}\n    every: 1h\n")));
        using (var child = CliRunner.Start("watch", sources, "--db", Db))
        {
            var deadline = Stopwatch.StartNew();
            while (Documents() < 1)
            {
                if (child.HasExited)
                    Assert.Fail("the watcher exited before it could be killed: " + await child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "no document was stored within a minute");
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        SqliteConnection.ClearAllPools();
        Assert.InRange(Documents(), 1, Feeds * ItemsPerFeed - 1);

        var rerun = CliRunner.Run("watch", sources, "--db", Db, "--once");
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        SqliteConnection.ClearAllPools();
        Assert.Equal(Feeds * ItemsPerFeed, Documents());
        // Once each: one version per item, and every item remembered as seen under its feed.
        Assert.Equal(Feeds * ItemsPerFeed, Scalar("SELECT COUNT(DISTINCT source) FROM documents"));
        Assert.Equal(1, Scalar("SELECT MAX(version) FROM documents"));
        Assert.Equal(Feeds * ItemsPerFeed, Scalar("SELECT COUNT(*) FROM watch_items"));
    }

    private long Documents() => File.Exists(Db) ? Scalar("SELECT COUNT(*) FROM documents") : 0;

    private long Scalar(string sql)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={Db};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            // The schema is not there yet (the watcher is still creating the file).
            return 0;
        }
    }
}
