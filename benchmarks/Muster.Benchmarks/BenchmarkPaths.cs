namespace Muster.Benchmarks;

/// <summary>Where the benchmark finds the repository's pages and the peers' test pages.</summary>
public static class BenchmarkPaths
{
    /// <summary>The repository's root: the first folder above the working directory that holds <c>samples/</c> and <c>benchmarks/</c>.</summary>
    public static string Root
    {
        get
        {
            foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            {
                var directory = new DirectoryInfo(start);
                while (directory is not null && !(Directory.Exists(Path.Combine(directory.FullName, "samples")) && Directory.Exists(Path.Combine(directory.FullName, "benchmarks"))))
                    directory = directory.Parent;
                if (directory is not null)
                    return directory.FullName;
            }
            throw new DirectoryNotFoundException("the repository (samples/ and benchmarks/) was not found above the working directory");
        }
    }

    /// <summary>The repository's samples folder.</summary>
    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>
    /// scrapinghub's article-extraction-benchmark, read in place from <c>../shared/peers/</c> beside the repository
    /// (never copied into it); <c>MUSTER_EXTRACTION_BENCHMARK</c> overrides.
    /// </summary>
    public static string ExtractionBenchmark =>
        Environment.GetEnvironmentVariable("MUSTER_EXTRACTION_BENCHMARK") is { Length: > 0 } given
            ? Path.GetFullPath(given)
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "peers", "article-extraction-benchmark"));

    /// <summary>Where runs leave their results (git-ignored).</summary>
    public static string Results => Path.Combine(Root, "benchmarks", "results");
}
