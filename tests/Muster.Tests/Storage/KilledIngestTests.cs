using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Storage;
using Muster.Tests.Cli;

namespace Muster.Tests.Storage;

/// <summary>A child process killed in the middle of an ingest leaves every committed document whole.</summary>
[Collection(SerialCollection.Name)]
public sealed class KilledIngestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-kill-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task KillingTheProcessMidBatchLeavesNoHalfWrittenDocument()
    {
        const int pageCount = 4000;
        var pages = Path.Combine(_folder, "pages");
        Directory.CreateDirectory(pages);
        var templates = Directory.GetFiles(SharedFolder.Samples).Select(File.ReadAllText).ToArray();
        for (var i = 0; i < pageCount; i++)
            File.WriteAllText(Path.Combine(pages, $"{i:00000}.txt"), templates[i % templates.Length] + $"\n\nPage number {i} of the batch.");
        var db = Path.Combine(_folder, "killed.db");

        using (var child = CliRunner.Start("ingest", pages, "--db", db))
        {
            var deadline = Stopwatch.StartNew();
            while (CountDocuments(db) < 1)
            {
                if (child.HasExited)
                    Assert.Fail("the ingest finished before it could be killed: " + await child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "no document was committed within a minute");
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        SqliteConnection.ClearAllPools();

        var pipeline = new MusterPipelineBuilder().Build();
        using (var store = new SqliteRecordStore(db))
        {
            var counts = store.Count();
            Assert.InRange(counts.Documents, 1, pageCount - 1);
            // Each stored document has exactly the stories the pipeline finds for its file: none half-written.
            var byDocument = store.ListStories(relevantOnly: false).GroupBy(s => s.Source).ToList();
            Assert.Equal(counts.Documents, byDocument.Count);
            foreach (var group in byDocument)
            {
                var expected = pipeline.Process(new PageInput(group.Key, File.ReadAllBytes(group.Key), null)).Document!;
                Assert.Equal(expected.Stories.Select(s => s.Id), group.Select(s => s.Story.Id));
            }
        }
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={db}"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar());
        }
        SqliteConnection.ClearAllPools();

        // A second run picks up where the first stopped and stores the rest.
        var rerun = CliRunner.Run("ingest", pages, "--db", db);
        Assert.Equal(0, rerun.ExitCode);
        using var final = new SqliteRecordStore(db);
        Assert.Equal(pageCount, final.Count().Documents);
    }

    private static long CountDocuments(string db)
    {
        if (!File.Exists(db))
            return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM documents";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // the schema is not there yet
        }
    }
}
