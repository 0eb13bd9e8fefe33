using Microsoft.Extensions.FileSystemGlobbing;

namespace Muster.Reading;

/// <summary>
/// Expands what the user named — files, folders (recursively), glob patterns and <c>-</c> for standard
/// input — into pages, reading each with a size limit. A page that cannot be read becomes a
/// <see cref="PageInput"/> with an error; the rest of the batch goes on. Folders are entered once each (a
/// symbolic link loop ends with a note), and FIFOs, sockets and devices are refused without being opened.
/// </summary>
public sealed class PageReader
{
    /// <summary>The default largest page read: 20 MB.</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    private readonly long _maxBytes;
    private readonly Func<Stream> _standardInput;
    private readonly Action<string, string> _note;

    /// <param name="maxBytes">Pages larger than this are refused.</param>
    /// <param name="standardInput">Opens standard input; injected so tests can feed it.</param>
    /// <param name="note">
    /// Told of a folder not entered again (a symbolic link loop, a folder reached a second way), with its path
    /// and a one-line note; called on the thread that reads.
    /// </param>
    public PageReader(long maxBytes = DefaultMaxBytes, Func<Stream>? standardInput = null, Action<string, string>? note = null)
    {
        if (maxBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxBytes), "the size limit must be positive");
        _maxBytes = maxBytes;
        _standardInput = standardInput ?? Console.OpenStandardInput;
        _note = note ?? ((_, _) => { });
    }

    /// <summary>
    /// The format every input will be read as (the user's <c>--format</c>), or null to sniff each: it decides which
    /// files are streamed rather than read whole.
    /// </summary>
    public Formats.PageFormat? Format { get; init; }

    /// <summary>Reads every page the arguments name, in a stable order.</summary>
    public IEnumerable<PageInput> Read(IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument == "-")
            {
                yield return ReadStandardInput(_standardInput());
                continue;
            }
            var entry = FileEntry.Of(argument);
            if (entry.Kind == EntryKind.Folder)
            {
                foreach (var step in FolderWalk.Walk(argument, entry))
                    if (Take(step) is { } page)
                        yield return page;
                continue;
            }
            if (entry.Kind == EntryKind.Missing && argument.IndexOfAny(['*', '?', '[']) >= 0)
            {
                var (matches, steps) = ExpandGlob(argument);
                // Folders not entered again are no answer; a folder that could not be read says so itself.
                if (matches.Count == 0 && steps.All(step => step.Kind != WalkStepKind.Refused))
                    yield return new PageInput(argument, null, "no file matches this pattern");
                foreach (var step in steps)
                    if (Take(step) is { } page)
                        yield return page;
                foreach (var file in matches)
                    yield return ReadFile(file);
                continue;
            }
            if (entry.Kind == EntryKind.Missing)
            {
                yield return new PageInput(argument, null, "no such file or folder");
                continue;
            }
            yield return ReadFile(argument, entry);
        }
    }

    /// <summary>The page a walk step stands for: a file read, a refusal, or none for a note (which is told).</summary>
    private PageInput? Take(WalkStep step)
    {
        switch (step.Kind)
        {
            case WalkStepKind.File:
                return ReadFile(step.Path);
            case WalkStepKind.Refused:
                return new PageInput(step.Path, null, step.Message);
            default:
                _note(step.Path, step.Message!);
                return null;
        }
    }

    private static (List<string> Files, IReadOnlyList<WalkStep> Steps) ExpandGlob(string pattern)
    {
        // The folder part before the first wildcard is the root the matcher walks from.
        var normalized = pattern.Replace('\\', '/');
        var firstWildcard = normalized.IndexOfAny(['*', '?', '[']);
        var lastSlash = normalized.LastIndexOf('/', firstWildcard);
        var root = lastSlash < 0 ? "." : normalized[..(lastSlash + 1)];
        var relative = lastSlash < 0 ? normalized : normalized[(lastSlash + 1)..];
        var rootEntry = FileEntry.Of(root);
        if (rootEntry.Kind != EntryKind.Folder)
            return ([], []);
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(relative);
        var directory = GuardedDirectory.Root(root, rootEntry);
        var files = matcher.Execute(directory).Files
            .Select(match => Path.GetFullPath(Path.Combine(root, match.Path)))
            .Select(full => lastSlash < 0 ? Path.GetRelativePath(".", full) : Path.Combine(root, Path.GetRelativePath(root, full)))
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return (files, directory.Steps);
    }

    private PageInput ReadFile(string path) => ReadFile(path, FileEntry.Of(path));

    private PageInput ReadFile(string path, FileEntry entry)
    {
        // Examined just before opening, whatever found the path: opening a FIFO would wait for a writer forever.
        if (entry.Kind != EntryKind.File)
            return new PageInput(path, null, FolderWalk.Examined(path, entry).Message ?? "not a file");
        try
        {
            var info = new FileInfo(path);
            // A web archive, JSON Lines or a feed is opened again when it is read, and read record by record: its
            // size is bounded by the records' limit only. Anything else is read whole, under the page limit.
            var head = new byte[Formats.FormatSniffer.Window];
            int headLength;
            using (var peek = File.OpenRead(path))
                headLength = peek.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var (sniffed, error) = Formats.FormatSniffer.Sniff(path, head.AsSpan(0, headLength));
            var format = Format ?? (error is null ? sniffed : null);
            if (format is { } streamed && Formats.PageFormatNames.IsStreamed(streamed))
                return new PageInput(path, null, null) { Open = () => File.OpenRead(path) };
            if (info.Length > _maxBytes)
                return new PageInput(path, null, $"file is {info.Length:N0} bytes, over the size limit of {_maxBytes:N0} bytes");
            using var stream = File.OpenRead(path);
            return ReadStream(path, stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PageInput(path, null, $"cannot read: {e.Message}");
        }
    }

    /// <summary>
    /// Standard input, which can be read only once: its first bytes decide its format; a container (a web archive,
    /// JSON Lines, a feed, a Telegram export) is then streamed record by record from those bytes and the rest of the
    /// stream, anything else read whole under the page limit.
    /// </summary>
    private PageInput ReadStandardInput(Stream stream)
    {
        var head = new byte[Formats.FormatSniffer.Window];
        int headLength;
        try
        {
            headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (IOException e)
        {
            return new PageInput("-", null, $"cannot read: {e.Message}");
        }
        Array.Resize(ref head, headLength);
        var (sniffed, error) = Formats.FormatSniffer.Sniff("-", head);
        var format = Format ?? (error is null ? sniffed : null);
        // Standard input that ended within its first bytes is whole already.
        if (format is { } small && Formats.PageFormatNames.IsStreamed(small) && headLength < Formats.FormatSniffer.Window)
            return new PageInput("-", head, null);
        if (format is { } streamed && Formats.PageFormatNames.IsStreamed(streamed))
        {
            var opened = 0;
            return new PageInput("-", null, null)
            {
                Prefix = head,
                Open = () => Interlocked.Exchange(ref opened, 1) == 0
                    ? new PrefixedStream(head, stream)
                    : throw new InvalidOperationException("standard input can be read only once"),
            };
        }
        return ReadStream("-", new PrefixedStream(head, stream));
    }

    private PageInput ReadStream(string source, Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > _maxBytes)
                return new PageInput(source, null, $"input is over the size limit of {_maxBytes:N0} bytes");
        }
        return new PageInput(source, buffer.ToArray(), null);
    }
}
