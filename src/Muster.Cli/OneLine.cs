using System.Globalization;
using System.Text;

namespace Muster.Cli;

/// <summary>
/// Text that must stay on one line: a report line carries names from the input (a file name, a record's URL),
/// and a line break or terminal escape in one of them must not split the line or forge another "muster: …" line.
/// </summary>
internal static class OneLine
{
    /// <summary>
    /// The text with every control character (C0, DEL, C1) and the Unicode line and paragraph separators written as
    /// an escape: <c>\n</c>, <c>\r</c>, <c>\t</c>, else <c>\u001B</c>.
    /// </summary>
    
    public static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
            return text;
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!NeedsEscape(c))
                escaped.Append(c);
            else
                escaped.Append(c switch
                {
                    '\n' => @"\n",
                    '\r' => @"\r",
                    '\t' => @"\t",
                    _ => string.Create(CultureInfo.InvariantCulture, $@"\u{(int)c:X4}"),
                });
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
