using System.IO.Enumeration;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Muster.Reading;

/// <summary>
/// Expands what the user named — files, folders (recursively), glob patterns and <c>-</c> for standard
/// input — into pages, reading each with a size limit. A page that cannot be read becomes a
/// <see cref="PageInput"/> with an error; the rest of the batch goes on.
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
    /// Told, with a folder's path and a one-line note, of what a folder walk passed over on purpose (hidden files
    /// and folders); called on the thread that reads.
    /// </param>
    public PageReader(long maxBytes = DefaultMaxBytes, Func<Stream>? standardInput = null, Action<string, string>? note = null)
    {
        if (maxBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxBytes), "the size limit must be positive");
        _maxBytes = maxBytes;
        _standardInput = standardInput ?? Console.OpenStandardInput;
        _note = note ?? ((_, _) => { });
    }

    /// <summary>Reads every page the arguments name, in a stable order.</summary>
    public IEnumerable<PageInput> Read(IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument == "-")
            {
                yield return ReadStream("-", _standardInput());
                continue;
            }
            if (File.Exists(argument))
            {
                yield return ReadFile(argument);
                continue;
            }
            if (Directory.Exists(argument))
            {
                foreach (var file in EnumerateFolder(argument))
                    yield return ReadFile(file);
                continue;
            }
            if (argument.IndexOfAny(['*', '?', '[']) >= 0)
            {
                var matches = ExpandGlob(argument);
                if (matches.Count == 0)
                    yield return new PageInput(argument, null, "no file matches this pattern");
                foreach (var file in matches)
                    yield return ReadFile(file);
                continue;
            }
            yield return new PageInput(argument, null, "no such file or folder");
        }
    }

    private IEnumerable<string> EnumerateFolder(string folder)
    {
        // Hidden entries (names starting with a dot: .git, .DS_Store, editor swap files) are not pages and are
        // passed over, but counted and named in one note, so a page saved as a dotfile is not lost in silence.
        var hiddenFiles = 0;
        var hiddenFolders = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.System };
        var walk = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.ToSpecifiedFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) =>
            {
                if (!entry.IsHidden)
                    return !entry.IsDirectory;
                if (entry.IsDirectory)
                    hiddenFolders++;
                else
                    hiddenFiles++;
                return false;
            },
            ShouldRecursePredicate = (ref FileSystemEntry entry) => !entry.IsHidden,
        };
        string[] files;
        try
        {
            files = walk.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
        Array.Sort(files, StringComparer.Ordinal);
        if (hiddenFiles + hiddenFolders > 0)
            _note(folder, "skipped " + string.Join(" and ", new[] { Count(hiddenFiles, "hidden file"), Count(hiddenFolders, "hidden folder") }.Where(c => c.Length > 0)) +
                          " (names starting with a dot)");
        return files;
    }

    private static string Count(int n, string noun) => n switch { 0 => "", 1 => $"1 {noun}", _ => $"{n} {noun}s" };

    private static List<string> ExpandGlob(string pattern)
    {
        // The folder part before the first wildcard is the root the matcher walks from.
        var normalized = pattern.Replace('\\', '/');
        var firstWildcard = normalized.IndexOfAny(['*', '?', '[']);
        var lastSlash = normalized.LastIndexOf('/', firstWildcard);
        var root = lastSlash < 0 ? "." : normalized[..(lastSlash + 1)];
        var relative = lastSlash < 0 ? normalized : normalized[(lastSlash + 1)..];
        if (!Directory.Exists(root))
            return [];
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(relative);
        var files = matcher.GetResultsInFullPath(root)
            .Select(full => lastSlash < 0 ? Path.GetRelativePath(".", full) : Path.Combine(root, Path.GetRelativePath(root, full)))
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private PageInput ReadFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
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
