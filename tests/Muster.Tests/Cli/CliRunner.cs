using System.Diagnostics;
using System.Text;
using Muster.Cli;

namespace Muster.Tests.Cli;

/// <summary>Runs the CLI in-process with captured output, or as a child process.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args) => RunWithInput(null, args);

    public static Result RunWithInput(string? standardInput, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error,
            () => new MemoryStream(Encoding.UTF8.GetBytes(standardInput ?? "")), Interactive: false, TimeProvider.System);
        var code = CliApp.Run(args, context);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>The built CLI, started as its own process (for tests that kill it).</summary>
    public static Process Start(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "muster.dll");
        Assert.True(File.Exists(dll), $"the CLI is not built beside the tests: {dll}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }
}
