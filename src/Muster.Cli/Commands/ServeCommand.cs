using System.CommandLine;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Muster.Web;

namespace Muster.Cli.Commands;

/// <summary><c>muster serve [--urls URL] [--db PATH|URI] [--token TOKEN]</c>: the web page and the REST API.</summary>
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
            if (!CommonOptions.TryExistingDatabase(context, result.GetValue(db), out var location))
                return ExitCodes.InputFailed;
            var options = new MusterWebOptions
            {
                DatabasePath = CliContext.ResolveDatabase(result.GetValue(db)),
                Token = result.GetValue(token) ?? Environment.GetEnvironmentVariable("MUSTER_TOKEN"),
            };
            var address = result.GetValue(urls)!;
            // A failure to start is reported below in one line; the host's own log of it (a stack trace) is not wanted.
            await using var app = MusterWebApp.Build(options, ["--urls", address, "--Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host=None"]);
            try
            {
                await app.StartAsync(cancel);
            }
            catch (IOException e)
            {
                context.ReportError(address, e.InnerException is AddressInUseException
                    ? "address already in use: another server listens there (stop it, or choose another address with --urls)"
                    : $"cannot listen: {e.Message}");
                return ExitCodes.InputFailed;
            }
            context.Out.WriteLine($"Muster is serving {location.Display} on {address} (Ctrl+C stops it)");
            await app.WaitForShutdownAsync(cancel);
            return ExitCodes.Ok;
        });
        return command;
    }
}
