using System.Diagnostics;
using System.Text;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Storage;

namespace Muster.Benchmarks;

/// <summary>
/// <c>bigpages</c>: the peak memory of ingesting a folder of very large pages (issue 16: 16 distinct pages of
/// 19 MB each, under 600 MB), beside the same ingest of one such page measured in the same process kind, so the
/// ratio says whether memory grows with the number of pages. The pages are generated into a temporary folder
/// (<see cref="Corpus.Filler"/>'s everyday words, a seed per page; never committed) and ingested as <c>muster ingest</c> does:
/// the folder read by <see cref="PageReader"/>, analysed on one thread and stored by <see cref="IngestWriter"/>.
/// Each measurement is its own process, so the peak working set (VmHWM) is its alone.
/// </summary>
public static class BigPageRuns
{
    /// <summary>Writes <paramref name="pages"/> distinct text pages of about <paramref name="bytes"/> each.</summary>
    public static void Generate(string folder, int pages, int bytes)
    {
        Directory.CreateDirectory(folder);
        var paragraph = new StringBuilder();
        for (var page = 0; page < pages; page++)
        {
            var random = new Random(1_000 + page);
            using var writer = new StreamWriter(Path.Combine(folder, $"page{page:00}.txt"), false, new UTF8Encoding(false), 1 << 16);
            for (long written = 0; written < bytes; paragraph.Clear())
            {
                written += Corpus.Filler(paragraph, random);
                writer.Write(paragraph);
            }
        }
    }

    /// <summary>Ingests every page of <paramref name="folder"/> into a new SQLite database beside it.</summary>
    public static Dictionary<string, object?> Ingest(string folder, string label)
    {
        var db = Path.Combine(folder, "..", $"{Path.GetFileName(folder)}.db");
        var pipeline = new MusterPipelineBuilder().UseClaims().Build();
        var stored = 0;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        using (var store = new SqliteRecordStore(db))
        {
            var writer = new IngestWriter(store, pipeline.Time);
            writer.Write(new PageReader().Read([folder]).SelectMany(input => pipeline.Records(input)), record => pipeline.Process(record), (outcome, attempt) =>
            {
                if (attempt is { Error: null })
                    stored++;
                else
                    failed++;
            });
        }
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var bytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*"))
            File.Delete(file);
        return new()
        {
            [$"bigpages_{label}_pages_stored"] = stored,
            [$"bigpages_{label}_pages_failed"] = failed,
            [$"bigpages_{label}_input_mb"] = Math.Round(bytes / 1e6),
            [$"bigpages_{label}_s"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
            [$"bigpages_{label}_peak_working_set_mb"] = Math.Round(process.PeakWorkingSet64 / 1e6),
        };
    }
}
