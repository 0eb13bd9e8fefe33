namespace Muster.Reading;

/// <summary>Splits a short text (a feed item, a message) into its paragraphs.</summary>
public static class TextBlocks
{
    /// <summary>
    /// Paragraphs separated by blank lines; a text without blank lines but with several lines (as messages
    /// are written) is split at each line.
    /// </summary>
    public static IReadOnlyList<string> Paragraphs(string text)
    {
        var normalized = text.Replace("\r\n", "\n").Trim();
        if (normalized.Length == 0)
            return [];
        var separator = normalized.Contains("\n\n", StringComparison.Ordinal) ? "\n\n" : "\n";
        return normalized.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .Where(p => p.Length > 0)
            .ToList();
    }
}
