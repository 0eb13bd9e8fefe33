namespace Muster.Cli.Commands;

/// <summary>How a document's source is recorded by the commands that store (<c>ingest</c>) or queue (<c>enqueue</c>) it.</summary>
internal static class SourceNames
{
    /// <summary>
    /// Files are recorded by full path, so a later run from another folder finds the same source; records inside a
    /// container keep their URL, or the container's full path with their locator; standard input stays <c>-</c>.
    /// </summary>
    public static string Full(string source)
    {
        if (source == "-" || source.Contains("://", StringComparison.Ordinal))
            return source;
        var hash = source.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 || File.Exists(source)
            ? Path.GetFullPath(source)
            : Path.GetFullPath(source[..hash]) + source[hash..];
    }
}
