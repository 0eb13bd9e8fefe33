using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using Muster.Cli.Commands;

namespace Muster.Cli;

/// <summary>The <c>muster</c> command line: parses arguments and dispatches to the commands.</summary>
internal static class CliApp
{
    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("Muster: sourced, searchable claims about coerced military mobilization, from news pages.");
        root.Subcommands.Add(IngestCommand.Create(context));
        root.Subcommands.Add(ExtractCommand.Create(context));
        root.Subcommands.Add(StoriesCommand.Create(context));
        root.Subcommands.Add(ShowCommand.Create(context));
        root.Subcommands.Add(ClaimsCommand.Create(context));
        root.Subcommands.Add(EvalCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(EventsCommand.Create(context));
        root.Subcommands.Add(WatchCommand.Create(context));
        root.Subcommands.Add(AlertsCommand.Create(context));
        root.Subcommands.Add(QueueCommands.Enqueue(context));
        root.Subcommands.Add(QueueCommands.Worker(context));
        root.Subcommands.Add(QueueCommands.Queue(context));
        // "muster 0.1.0 (d53ecda)" rather than System.CommandLine's bare "0.1.0+d53ecda…": one line saying which program.
        foreach (var version in root.Options.OfType<VersionOption>())
            version.Action = new PrintVersion(context);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                context.Report(error.Message);
            context.Error.WriteLine("Try 'muster --help'.");
            return ExitCodes.Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            context.Report(e.Message);
            return ExitCodes.Usage;
        }
        catch (Storage.RecordStoreException e)
        {
            // The record could not be opened, read or written: one line naming the database and why.
            context.Report(e.Message);
            return ExitCodes.InputFailed;
        }
    }
}

/// <summary>Prints <c>muster VERSION (COMMIT)</c>, the version of the installed tool or the built assembly.</summary>
internal sealed class PrintVersion(CliContext context) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        context.Out.WriteLine(Describe());
        return ExitCodes.Ok;
    }

    /// <summary>The version line: the informational version, its build metadata (the commit) shortened and put in brackets.</summary>
    public static string Describe()
    {
        var informational = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(CliApp).Assembly.GetName().Version?.ToString(3) ?? "unknown";
        var plus = informational.IndexOf('+');
        if (plus < 0)
            return $"muster {informational}";
        var commit = informational[(plus + 1)..];
        return $"muster {informational[..plus]} ({(commit.Length > 7 ? commit[..7] : commit)})";
    }
}

/// <summary>A mistake in how the command was called: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
