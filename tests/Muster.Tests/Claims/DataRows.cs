using System.Text;

namespace Muster.Tests.Claims;

/// <summary>Reads the tab-separated table rows beside the tests (<c>Claims/Data/*.tsv</c>): comments and blank lines skipped.</summary>
internal static class DataRows
{
    /// <summary>
    /// Fails naming every concept of <paramref name="concepts"/> (from files <c>FILE.LANG.txt</c>) that no row names
    /// as <c>(language, "type/name")</c>.
    /// </summary>
    public static void AssertEveryConceptHasARow(IEnumerable<Muster.Claims.LexiconConcept> concepts, IEnumerable<(string Language, string Concept)> rows, string file)
    {
        var named = rows.ToHashSet();
        var missing = concepts.Where(c => !named.Contains((c.Language, $"{c.Type}/{c.Name}")))
            .Select(c => $"{file}.{c.Language}.txt:{c.Line} {c.Type}/{c.Name}").ToList();
        Assert.True(missing.Count == 0, "concepts without a table row: " + string.Join("; ", missing));
    }

    /// <summary>The rows of <paramref name="fileName"/> with their 1-based line numbers; each must have <paramref name="columns"/> cells.</summary>
    public static IEnumerable<(string[] Cells, int Line)> Read(string fileName, int columns, string columnNames)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Claims", "Data", fileName);
        var number = 0;
        foreach (var line in File.ReadAllLines(path, Encoding.UTF8))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var cells = line.Split('\t');
            if (cells.Length != columns)
                throw new FormatException($"{path}:{number}: expected {columnNames} separated by tabs");
            yield return (cells, number);
        }
    }
}
