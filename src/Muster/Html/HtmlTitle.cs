using System.Text.RegularExpressions;

namespace Muster.Html;

/// <summary>
/// The headline hidden in a page's <c>&lt;title&gt;</c>, found the way Readability.js finds it: the site's
/// name is cut at the last separator (<c> | </c>, <c> - </c>, <c> – </c>, <c> — </c>, <c> \ </c>, <c> / </c>,
/// <c> &gt; </c>, <c> » </c>), or at a colon unless a heading repeats the whole title; a title too short or
/// too long gives way to the page's only <c>h1</c>; and a cut that leaves four words or fewer keeps the
/// title whole.
/// </summary>
public static partial class HtmlTitle
{
    [GeneratedRegex(@" [\|\-–—\\/>»] ")]
    private static partial Regex Separator();

    [GeneratedRegex(@" [\\/>»] ")]
    private static partial Regex HierarchicalSeparator();

    [GeneratedRegex(@"^[^\|\-–—\\/>»]*[\|\-–—\\/>»]")]
    private static partial Regex FirstPart();

    [GeneratedRegex(@"[\|\-–—\\/>»]+")]
    private static partial Regex SeparatorRun();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The headline in <paramref name="title"/>.</summary>
    /// <param name="title">The text of the page's <c>&lt;title&gt;</c>.</param>
    /// <param name="headings">The texts of the page's <c>h1</c> and <c>h2</c> elements, read only when needed.</param>
    /// <param name="onlyH1">The text of the page's <c>h1</c> when it has exactly one, read only when needed.</param>
    public static string FromTitle(string title, Func<IEnumerable<string>> headings, Func<string?> onlyH1)
    {
        var original = title.Trim();
        var current = original;
        var hierarchical = false;
        if (Separator().IsMatch(current))
        {
            hierarchical = HierarchicalSeparator().IsMatch(current);
            var separators = Separator().Matches(original);
            current = original[..separators[^1].Index];
            // Too little before the last separator: the site's name came first, so drop the first part.
            if (WordCount(current) < 3)
                current = FirstPart().Replace(original, "", 1);
        }
        else if (current.Contains(": ", StringComparison.Ordinal))
        {
            // A heading that repeats the whole title says the colon belongs to the headline.
            if (!headings().Any(h => h.Trim() == current))
            {
                current = original[(original.LastIndexOf(':') + 1)..];
                if (WordCount(current) < 3)
                    current = original[(original.IndexOf(':') + 1)..];
                else if (WordCount(original[..original.IndexOf(':')]) > 5)
                    current = original;
            }
        }
        else if (current.Length is > 150 or < 15 && onlyH1() is { } h1)
        {
            current = h1;
        }
        current = Normalize(current);
        // Four words or fewer left: the cut went wrong unless it removed exactly one hierarchical level.
        var words = WordCount(current);
        if (words <= 4 && (!hierarchical || words != WordCount(SeparatorRun().Replace(original, "")) - 1))
            current = original;
        return current;
    }

    /// <summary>Collapses whitespace runs to one space and trims.</summary>
    public static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    // As JavaScript's str.split(/\s+/).length: leading or trailing whitespace counts as an empty word.
    private static int WordCount(string text) => Whitespace().Split(text).Length;
}
