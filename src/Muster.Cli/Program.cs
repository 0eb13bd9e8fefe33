using Muster.Cli;

return CliApp.Run(args, CliContext.FromConsole());
