using Microsoft.Data.Sqlite;
using Muster.Tests.Storage.Backends;

namespace Muster.Tests.Cli;

/// <summary>The CLI on a PostgreSQL server: <c>--db postgresql://…</c> and <c>MUSTER_DB</c>, the same answers as SQLite's.</summary>
public sealed class PostgresCliTests(PostgresServer server) : IDisposable
{
    private readonly PostgresBackend _postgres = new(server);
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-pg-cli-").FullName;

    public void Dispose()
    {
        _postgres.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void IngestingTheSamplesIntoPostgresListsTheSameStoriesAsTheSqliteDefault()
    {
        var uri = _postgres.Location;
        var file = Path.Combine(_folder, "muster.db");
        var intoPostgres = CliRunner.Run("ingest", SharedFolder.Samples, "--db", uri, "--quiet");
        Assert.True(intoPostgres.ExitCode == 0, intoPostgres.Error);
        Assert.Contains($"database {uri}:", intoPostgres.Out);
        var intoSqlite = CliRunner.Run("ingest", SharedFolder.Samples, "--db", file, "--quiet");
        Assert.True(intoSqlite.ExitCode == 0, intoSqlite.Error);

        var fromPostgres = CliRunner.Run("stories", "--db", uri, "--json");
        var fromSqlite = CliRunner.Run("stories", "--db", file, "--json");
        Assert.Equal(0, fromPostgres.ExitCode);
        Assert.StartsWith("[", fromPostgres.Out.TrimStart());
        Assert.Equal(fromSqlite.Out, fromPostgres.Out);

        foreach (var args in new[] { ["claims", "--json"], ["claims", "--type", "summons", "--csv"], ["events", "--json"], new[] { "stories", "--relevant" } })
        {
            var a = CliRunner.Run([.. args, "--db", file]);
            var b = CliRunner.Run([.. args, "--db", uri]);
            Assert.True((a.ExitCode, a.Out) == (b.ExitCode, b.Out), string.Join(' ', args));
        }
        var story = CliRunner.Run("stories", "--db", uri).Out.Split('\n')[0].Split('\t')[0];
        Assert.Equal(CliRunner.Run("show", story, "--db", file).Out, CliRunner.Run("show", story, "--db", uri).Out);
    }

    [Theory]
    [InlineData("postgresql://muster@db.example/", "names no database")]
    [InlineData("postgresql://muster:s3cret@db.example:port/record", "not a PostgreSQL URI")]
    [InlineData("Host=db.example;Colour=blue", "not an Npgsql connection string")]
    public void AMalformedDatabaseIsAUsageErrorInOneLine(string db, string reason)
    {
        foreach (var command in new[] { "ingest", "stories" })
        {
            var result = command == "ingest" ? CliRunner.Run("ingest", SharedFolder.Samples, "--db", db) : CliRunner.Run("stories", "--db", db);
            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(reason, line);
            Assert.DoesNotContain("s3cret", line);
        }
    }

    [Fact]
    public void AServerThatCannotBeReachedIsOneLineAndExitCodeOne()
    {
        // Port 1 on loopback: nothing listens there.
        var unreachable = "postgresql://postgres:s3cret@127.0.0.1:1/record";
        var result = CliRunner.Run("stories", "--db", unreachable);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("postgresql://postgres@127.0.0.1:1/record", line);
        Assert.DoesNotContain("s3cret", line);
    }

    [Theory]
    [InlineData("watch", "sources.yaml", "--once")]
    [InlineData("alerts", "list")]
    [InlineData("alerts", "add", "summons-in-ru", "--type", "summons")]
    public void WatchAndAlertsOnAServerAreAUsageErrorSayingTheyKeepTheirStateInSqlite(params string[] args)
    {
        var result = CliRunner.Run([.. args, "--db", "postgresql://muster:s3cret@db.example/record"]);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("SQLite record only", line);
        Assert.DoesNotContain("s3cret", line);
    }
}
