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

    /// <summary>
    /// The database a read command reads (the option, else MUSTER_DB, else muster.db): it must exist, since a
    /// read command never creates one; a missing file is reported in one line and the command exits with 1.
    /// </summary>
    public static bool TryExistingDatabase(CliContext context, string? option, out string path)
    {
        path = CliContext.ResolveDatabase(option);
        if (File.Exists(path))
            return true;
        context.ReportError(path, Directory.Exists(path)
            ? "a folder, not a database file"
            : "no such database (muster ingest creates one; --db or MUSTER_DB names another)");
        return false;
    }

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

    /// <summary>
    /// <c>--limit N</c>: at most N items, N at least 1 (a limit of 0 or -1 would be an empty answer or, as it once
    /// was, no limit at all: both are refused as usage errors).
    /// </summary>
    public static Option<int> Limit(string items, int fallback)
    {
        var limit = new Option<int>("--limit") { Description = $"At most this many {items} (1 or more).", DefaultValueFactory = _ => fallback };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
                result.AddError($"--limit must be 1 or more; got {result.GetValueOrDefault<int>()}");
        });
        return limit;
    }

    public static Option<bool> Json() => new("--json") { Description = "Print JSON for programs." };

    public static PageReader Reader(CliContext context, long maxBytes, PageFormat? format = null)
    {
        if (maxBytes <= 0)
            throw new UsageException("--max-bytes must be a positive number of bytes");
        return new PageReader(maxBytes, context.StandardInput, context.ReportNote) { Format = format };
    }

    public static Option<string?> Index() => new("--index")
    {
        Description = "A tab-separated index of the pages' addresses (a header with 'file' and 'source' columns, as INDEX.tsv): a scraped page listed there is read with its address, so its outlet is known.",
    };

    /// <summary>The addresses of the index at <paramref name="path"/> (null for none); a fault is a usage error naming the file and line.</summary>
    public static Func<PageInput, PageInput> Addresses(string? path)
    {
        if (path is null)
            return input => input;
        if (!File.Exists(path))
            throw new UsageException($"--index {path}: no such index file");
        IReadOnlyDictionary<string, string> addresses;
        try
        {
            addresses = PageIndex.Read(File.ReadAllText(path), path);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
        return input => input.Url is null && input.Success && PageIndex.AddressOf(addresses, path, input.Source) is { } url ? input with { Url = url } : input;
    }

    public static MusterPipeline Pipeline(CliContext context) =>
        new MusterPipelineBuilder().UseTimeProvider(context.Time).UseClaims().Build();

    public static Option<double> PageBudget() => new("--page-budget")
    {
        Description = "Give a page up after this many seconds of analysis, naming it; the batch goes on.",
        DefaultValueFactory = _ => Muster.Pipeline.PageBudget.Default.TotalSeconds,
    };

    /// <summary>The pipeline with a page budget of <paramref name="seconds"/>; one that is not positive is a usage error.</summary>
    public static MusterPipeline Pipeline(CliContext context, double seconds)
    {
        if (!(seconds > 0) || double.IsInfinity(seconds))
            throw new UsageException($"--page-budget must be a positive number of seconds; got {seconds}");
        return new MusterPipelineBuilder().UseTimeProvider(context.Time).UsePageBudget(TimeSpan.FromSeconds(seconds)).UseClaims().Build();
    }
}
