using System.CommandLine;
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
    }
}

/// <summary>A mistake in how the command was called: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
