namespace Muster.Reading;

/// <summary>
/// An index of a folder of pages (<c>INDEX.tsv</c>, as the development set has): a header row naming its columns,
/// then one page a row, with at least <c>file</c> (the page's file name) and <c>source</c> (the address it was
/// scraped from). A flattened text scrape has lost its address; the index gives it back, so that what a page's
/// address tells (its outlet) is known as it would be for a page fetched from the web.
/// </summary>
public static class PageIndex
{
    /// <summary>The file name read by default beside a gold file or a folder of pages.</summary>
    public const string FileName = "INDEX.tsv";

    /// <summary>
    /// Reads the addresses of an index: file name → address. A row without a file or with an address that is not an
    /// absolute http(s) URL throws <see cref="FormatException"/> naming the line.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Read(string content, string fileName)
    {
        // Tab-separated with a header and no quoting, the way the set is written: splitting on tabs reads it whole.
        var lines = content.Replace("\r\n", "\n").Split('\n');
        var header = lines[0].Split('\t').Select(h => h.Trim()).ToList();
        var file = header.IndexOf("file");
        var source = header.IndexOf("source");
        if (file < 0 || source < 0)
            throw new FormatException($"{fileName}:1: the header names no 'file' and 'source' columns");
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
                continue;
            var cells = lines[i].Split('\t');
            if (cells.Length <= Math.Max(file, source) || cells[file].Trim().Length == 0)
                throw new FormatException($"{fileName}:{i + 1}: a row needs its file and source");
            var url = cells[source].Trim();
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new FormatException($"{fileName}:{i + 1}: '{url}' is not an http(s) address");
            addresses[cells[file].Trim()] = url;
        }
        return addresses;
    }

    /// <summary>
    /// The address an index read from <paramref name="indexPath"/> gives the page at <paramref name="pagePath"/>: by
    /// its path relative to the index's folder, else by its file name; null when the index does not list it.
    /// </summary>
    public static string? AddressOf(IReadOnlyDictionary<string, string> addresses, string indexPath, string pagePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(indexPath))!;
        var relative = Path.GetRelativePath(folder, Path.GetFullPath(pagePath)).Replace('\\', '/');
        return addresses.GetValueOrDefault(relative) ?? addresses.GetValueOrDefault(Path.GetFileName(pagePath));
    }

    /// <summary>The index beside a gold file or a folder of pages, if there is one: the gold's folder first, then the pages' parent and the pages' own.</summary>
    public static string? Find(string goldPath, string pagesFolder) =>
        new[] { Path.GetDirectoryName(Path.GetFullPath(goldPath)), Path.GetDirectoryName(Path.GetFullPath(pagesFolder).TrimEnd(Path.DirectorySeparatorChar)), pagesFolder }
            .Where(d => d is not null).Select(d => Path.Combine(d!, FileName)).FirstOrDefault(File.Exists);
}
