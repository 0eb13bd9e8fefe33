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

    /// <param name="maxBytes">Pages larger than this are refused.</param>
    /// <param name="standardInput">Opens standard input; injected so tests can feed it.</param>
    public PageReader(long maxBytes = DefaultMaxBytes, Func<Stream>? standardInput = null)
    {
        if (maxBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxBytes), "the size limit must be positive");
        _maxBytes = maxBytes;
        _standardInput = standardInput ?? Console.OpenStandardInput;
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

    private static IEnumerable<string> EnumerateFolder(string folder)
    {
        string[] files;
        try
        {
            files = Directory.GetFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

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
