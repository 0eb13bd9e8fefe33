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
}
