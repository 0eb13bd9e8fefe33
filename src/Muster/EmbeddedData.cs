using System.Reflection;

namespace Muster;

/// <summary>Reads the data files compiled into the library (lexicons, gazetteer).</summary>
internal static class EmbeddedData
{
    /// <summary>
    /// A data file's text: from the folder named by <c>MUSTER_DATA_DIR</c> when it holds the file (so that a
    /// lexicon can be edited and tried without a rebuild), else the copy compiled into the library.
    /// </summary>
    public static string Read(string fileName)
    {
        if (Environment.GetEnvironmentVariable("MUSTER_DATA_DIR") is { Length: > 0 } folder && File.Exists(Path.Combine(folder, fileName)))
            return File.ReadAllText(Path.Combine(folder, fileName));
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Muster." + fileName)
            ?? throw new InvalidOperationException($"the embedded data file {fileName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The entries of a line-based data file: trimmed, with their 1-based line numbers for error messages;
    /// blank lines and <c>#</c> comments skipped.
    /// </summary>
    public static IEnumerable<(string Line, int Number)> Lines(string content)
    {
        var number = 0;
        foreach (var raw in content.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
                yield return (line, number);
        }
    }
}
