using System.Text.Json;

namespace Muster.Tests;

/// <summary>
/// The repository root and the shared material beside it (<c>../shared</c>), read in place. Under CI
/// (<c>CI=true</c>) a missing shared folder fails the test; locally it skips with a message.
/// </summary>
internal static class SharedFolder
{
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Muster.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Muster.slnx) above " + AppContext.BaseDirectory);
    }

    public static string Samples => Path.Combine(RepositoryRoot, "samples");

    /// <summary>The path of <paramref name="relative"/> under ../shared, or a skip (locally) / failure (CI) when absent.</summary>
    public static string Require(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", relative));
        if (File.Exists(path) || Directory.Exists(path))
            return path;
        var message = $"../shared/{relative} is not beside the repository ({path})";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message + "; under CI the shared material must be present");
        Assert.Skip(message + "; skipped locally");
        return path;
    }

    public static JsonDocument Gold() => JsonDocument.Parse(File.ReadAllText(Require("gold/seeds.json")));
}
