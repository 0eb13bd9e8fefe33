using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Muster.Web;

namespace Muster.Cli.Commands;

/// <summary><c>muster serve [--urls URL] [--db PATH] [--token TOKEN]</c>: the web page and the REST API.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen (loopback by default).", DefaultValueFactory = _ => MusterWebApp.DefaultUrl };
        var db = CommonOptions.Database();
        var token = new Option<string?>("--token") { Description = "Enable POST /api/documents, guarded by this bearer token (or $MUSTER_TOKEN)." };
        var command = new Command("serve", "Serve the web page and the REST API over the record.") { urls, db, token };
        command.SetAction(async (result, cancel) =>
        {
            if (!CommonOptions.TryExistingDatabase(context, result.GetValue(db), out var databasePath))
                return ExitCodes.InputFailed;
            var options = new MusterWebOptions
            {
                DatabasePath = databasePath,
                Token = result.GetValue(token) ?? Environment.GetEnvironmentVariable("MUSTER_TOKEN"),
            };
            var app = MusterWebApp.Build(options, ["--urls", result.GetValue(urls)!]);
            context.Out.WriteLine($"Muster is serving {options.DatabasePath} on {result.GetValue(urls)} (Ctrl+C stops it)");
            await app.StartAsync(cancel);
            await app.WaitForShutdownAsync(cancel);
            return ExitCodes.Ok;
        });
        return command;
    }
}
