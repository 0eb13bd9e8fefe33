using System.Reflection;

namespace Muster;

/// <summary>Reads the data files compiled into the library (lexicons, gazetteer).</summary>
internal static class EmbeddedData
{
    public static string Read(string fileName)
    {
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
