using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace Muster.Tests.Cli;

/// <summary><c>muster</c> as an installed .NET tool: its version line, and a package <c>dotnet tool install</c> accepts.</summary>
[Collection(SerialCollection.Name)]
public sealed class ToolTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-tool-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void VersionPrintsOneLineNamingTheProgramAndItsVersion()
    {
        var result = CliRunner.Run("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        // "muster 0.1.0 (d53ecda)": the program, a semantic version, the commit it was built from when known.
        Assert.Matches(@"^muster \d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?( \([0-9a-f]{1,7}\))?$", line.TrimEnd('\r'));
    }

    [Fact]
    public async Task ThePackageIsADotnetToolWhoseCommandIsMuster()
    {
        // The test's own build of the CLI is packed as it is (no second build): a few seconds.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var project = Path.Combine(SharedFolder.RepositoryRoot, "src", "Muster.Cli", "Muster.Cli.csproj");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "pack", project, "-c", configuration, "--no-build", "--no-restore", "-o", _folder, "-nodeReuse:false", "--nologo" })
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var pack = Process.Start(info)!;
        var cancel = TestContext.Current.CancellationToken;
        var output = pack.StandardOutput.ReadToEndAsync(cancel);
        var error = pack.StandardError.ReadToEndAsync(cancel);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(TimeSpan.FromMinutes(3));
        await pack.WaitForExitAsync(limit.Token);
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed ({pack.ExitCode}): {await output} {await error}");

        var package = Assert.Single(Directory.GetFiles(_folder, "Muster.Cli.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        var settings = zip.Entries.SingleOrDefault(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        Assert.NotNull(settings);
        using var stream = settings.Open();
        var command = XDocument.Load(stream).Descendants("Command").Single();
        Assert.Equal("muster", (string?)command.Attribute("Name"));
        Assert.Equal("muster.dll", (string?)command.Attribute("EntryPoint"));
        // The tool carries what the web page serves and the library reads: the assemblies beside the entry point.
        var folder = settings.FullName[..settings.FullName.LastIndexOf('/')];
        foreach (var assembly in new[] { "muster.dll", "Muster.Core.dll", "Muster.Web.dll" })
            Assert.Contains(zip.Entries, e => e.FullName == $"{folder}/{assembly}");
        // The package's nuspec says it is a tool (what `dotnet tool install` checks).
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var nuspecStream = nuspec.Open();
        Assert.Contains(XDocument.Load(nuspecStream).Descendants(), e => e.Name.LocalName == "packageType" && (string?)e.Attribute("name") == "DotnetTool");
    }
}
