namespace Muster.Cli;

/// <summary>
/// The console the CLI talks to: its writers, standard input and whether a person is watching (a terminal),
/// which decides between Spectre.Console's tables and progress and plain lines for programs.
/// </summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, Func<Stream> StandardInput, bool Interactive, TimeProvider Time)
{
    public static CliContext FromConsole() =>
        new(Console.Out, Console.Error, Console.OpenStandardInput, !Console.IsOutputRedirected && !Console.IsErrorRedirected, TimeProvider.System);

    // Reading runs ahead of storing on another thread (ingest), so its notes and the store's errors may be
    // written at once; one line at a time keeps each whole.
    private readonly Lock _errorLines = new();

    /// <summary>Reports a failed input in one line: what, and why.</summary>
    public void ReportError(string source, string reason) => Report($"{source}: {reason}");

    /// <summary>Reports a doubt about an input that was read all the same (bytes replaced in decoding), in one line.</summary>
    public void ReportWarning(string source, string warning) => Report($"{source}: warning: {warning}");

    /// <summary>Reports something passed over on purpose or met while reading that is not a failure (hidden files in a
    /// folder, a folder not entered twice), in one line.</summary>
    public void ReportNote(string source, string note) => Report($"{source}: note: {note}");

    /// <summary>Writes "muster: " and the message as one line on standard error, its control characters escaped.</summary>
    public void Report(string message)
    {
        // Reading runs ahead of storing on another thread (ingest): one line at a time keeps each whole.
        lock (_errorLines)
            Error.WriteLine("muster: " + OneLine.Escape(message));
    }

    /// <summary>The database path: the option, else MUSTER_DB, else muster.db in the current folder.</summary>
    public static string ResolveDatabase(string? option) =>
        option ?? (Environment.GetEnvironmentVariable("MUSTER_DB") is { Length: > 0 } env ? env : "muster.db");
}

/// <summary>The exit codes of every command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int InputFailed = 1;
    public const int Usage = 2;
}
