namespace Muster.Benchmarks;

/// <summary>Where the benchmark finds the repository's pages.</summary>
public static class BenchmarkPaths
{
    /// <summary>The repository's samples folder, found from the working directory upward.</summary>
    public static string Samples
    {
        get
        {
            var directory = new DirectoryInfo(Environment.CurrentDirectory);
            while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "samples")))
                directory = directory.Parent;
            return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("samples/ not found above the working directory"), "samples");
        }
    }
}
