using Muster.Pipeline;
using System.CommandLine;
using Muster.Export;

namespace Muster.Cli.Commands;

/// <summary>
/// <c>muster extract PATH... --json</c>: runs the pipeline without storing and prints one JSON object per
/// document per line.
/// </summary>
internal static class ExtractCommand
{
    public static Command Create(CliContext context)
    {
        var paths = CommonOptions.Paths();
        var json = CommonOptions.Json();
        json.Description = "Print one JSON object per document per line (the default and only format).";
        var outlet = CommonOptions.Outlet();
        var maxBytes = CommonOptions.MaxBytes();
        var formatOption = CommonOptions.Format();
        var index = CommonOptions.Index();
        var pageBudget = CommonOptions.PageBudget();
        var command = new Command("extract", "Run the pipeline on pages without storing them; print JSON lines.") { paths, json, outlet, maxBytes, formatOption, index, pageBudget };
        command.SetAction(result =>
        {
            var format = CommonOptions.ParseFormat(result.GetValue(formatOption));
            var reader = CommonOptions.Reader(context, result.GetValue(maxBytes), format);
            var pipeline = CommonOptions.Pipeline(context, result.GetValue(pageBudget));
            var addressed = CommonOptions.Addresses(result.GetValue(index));
            var failed = 0;
            foreach (var input in reader.Read(result.GetValue(paths)!).Select(addressed))
            foreach (var outcome in pipeline.ProcessAll(input, result.GetValue(outlet), format))
            {
                if (!outcome.Success)
                {
                    failed++;
                    context.ReportError(outcome.Source, outcome.Error!);
                    continue;
                }
                if (outcome.Warning is not null)
                    context.ReportWarning(outcome.Source, outcome.Warning);
                context.Out.WriteLine(DocumentJson.ToLine(outcome.Document!));
            }
            return failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return command;
    }
}
