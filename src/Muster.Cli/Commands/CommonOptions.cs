using System.CommandLine;
using Muster.Pipeline;
using Muster.Reading;
using Muster.Reading.Formats;

namespace Muster.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Database() => new("--db")
    {
        Description = "The SQLite database file (default: $MUSTER_DB, else muster.db in the current folder).",
    };

    public static Argument<string[]> Paths() => new("paths")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Files, folders (read recursively), glob patterns, or - for standard input.",
    };

    public static Option<string?> Outlet() => new("--outlet")
    {
        Description = "The outlet that published the pages, overriding detection.",
    };

    public static Option<long> MaxBytes() => new("--max-bytes")
    {
        Description = "Refuse pages larger than this many bytes.",
        DefaultValueFactory = _ => PageReader.DefaultMaxBytes,
    };

    public static Option<string?> Format() => new("--format")
    {
        Description = "Read every input as this format instead of sniffing it: " + string.Join(", ", PageFormatNames.All) + ".",
    };

    /// <summary>The format the user named, or null to sniff; a name Muster does not know is a usage error.</summary>
    public static PageFormat? ParseFormat(string? name)
    {
        if (name is null)
            return null;
        if (!PageFormatNames.TryParse(name, out var format))
            throw new UsageException($"--format must be one of {string.Join(", ", PageFormatNames.All)}; got '{name}'");
        return format;
    }

    public static Option<bool> Json() => new("--json") { Description = "Print JSON for programs." };

    public static PageReader Reader(CliContext context, long maxBytes)
    {
        if (maxBytes <= 0)
            throw new UsageException("--max-bytes must be a positive number of bytes");
        return new PageReader(maxBytes, context.StandardInput, context.ReportNote);
    }

    public static MusterPipeline Pipeline(CliContext context) =>
        new MusterPipelineBuilder().UseTimeProvider(context.Time).UseClaims().Build();
}
