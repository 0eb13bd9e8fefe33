using System.Text;
using System.Text.RegularExpressions;

namespace Muster.Claims;

/// <summary>One concept of a trigger lexicon: the phrases of one language that report one kind of happening.</summary>
/// <param name="Type">The claim type's code (<c>summons</c>).</param>
/// <param name="Kind">What the concept's match does: <c>trigger</c>, <c>weak</c>, <c>context</c> or <c>exclude</c>.</param>
/// <param name="Name">The concept's name, unique in its type and language (<c>serve-summons</c>).</param>
/// <param name="Language">The language code (<c>ru</c>).</param>
/// <param name="Phrases">The phrases as written in the file.</param>
/// <param name="Pattern">The phrases compiled to one regular expression (case-insensitive, matched at a word start).</param>
/// <param name="Line">The line of the file that defines it.</param>
public sealed record LexiconConcept(string Type, string Kind, string Name, string Language, IReadOnlyList<string> Phrases, string Pattern, int Line);

/// <summary>
/// A trigger lexicon (<c>Claims/Data/lexicon.LANG.txt</c>): per claim type, one concept per line, each a list of
/// phrases written as words, so that a linguist can read and extend it without writing regular expressions.
/// </summary>
/// <remarks>
/// <para>A file has <c>[type]</c> sections named by taxonomy codes (and <c>[*]</c> for exclusions), and lines
/// <c>KIND NAME = PHRASE ; PHRASE …</c>, where KIND is <c>trigger</c> (may be left out), <c>weak</c>, <c>context</c>
/// or, under <c>[*]</c>, <c>exclude</c>.</para>
/// <para>A phrase is words separated by spaces, matched in order with only spaces (and quotation marks) between them:</para>
/// <list type="bullet">
/// <item><c>повестк*</c>: a stem, any word that begins with it (повестка, повестки, повесткой…);</item>
/// <item><c>draft</c>: the word itself, whole;</item>
/// <item><c>вруч*|разнос*|выда*</c>: any of these at this position;</item>
/// <item><c>…</c> (or <c>...</c>): up to three other words; <c>…6</c>: up to six;</item>
/// <item><c>(the)</c>: an optional word; <c>#</c>: a number written in digits (<c>3,000</c>, <c>20–30</c>).</item>
/// </list>
/// <para>Russian е also matches ё (заключен* finds заключённые), and an apostrophe matches every apostrophe
/// Ukrainian is typed with (ув'язн* finds ув’язнених and увʼязнених).</para>
/// <para>Hand-written because no library here compiles such phrase lists: Lucene's analyzers stem whole words,
/// but a trigger is a sequence of stems with gaps, and compiling it to one regular expression keeps the single
/// scan per sentence (with the literal prefilter) that the claim finder already does.</para>
/// </remarks>
public static class TriggerLexicon
{
    private static readonly string[] Kinds = ["trigger", "weak", "context", "exclude"];

    // A word inside a gap: letters, digits and the marks words carry, then spaces or light punctuation.
    private const string GapWord = @"[\p{L}\p{N}\p{Mn}\p{Sc}%’'ʼ«»""“”„\-–—.,]+\s+";

    /// <summary>Parses and validates a lexicon file of <paramref name="language"/>; a fault names the file and line.</summary>
    public static IReadOnlyList<LexiconConcept> Parse(string content, string fileName, string language)
    {
        var concepts = new List<LexiconConcept>();
        string? section = null;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, number) in EmbeddedData.Lines(content))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1].Trim();
                if (section != "*" && !Regex.IsMatch(section, "^[a-z][a-z_]*$"))
                    throw new FormatException($"{fileName}:{number}: a type code is lower-case letters and underscores, not '{section}'");
                continue;
            }
            if (section is null)
                throw new FormatException($"{fileName}:{number}: a concept before any [type] header");
            var equals = line.IndexOf('=');
            if (equals <= 0)
                throw new FormatException($"{fileName}:{number}: expected 'NAME = phrase ; phrase'");
            var head = line[..equals].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (kind, name) = head.Length switch
            {
                1 => (section == "*" ? "exclude" : "trigger", head[0]),
                2 => (head[0], head[1]),
                _ => throw new FormatException($"{fileName}:{number}: expected 'KIND NAME = …', not '{line[..equals].Trim()}'"),
            };
            if (!Kinds.Contains(kind))
                throw new FormatException($"{fileName}:{number}: unknown kind '{kind}' (trigger, weak, context or exclude)");
            if ((kind == "exclude") != (section == "*"))
                throw new FormatException($"{fileName}:{number}: 'exclude' belongs under [*], and only it does");
            if (!Regex.IsMatch(name, @"^[\p{L}\p{N}][\p{L}\p{N}_-]*$"))
                throw new FormatException($"{fileName}:{number}: a concept name is letters, digits, '-' and '_', not '{name}'");
            if (!names.Add(section + "/" + name))
                throw new FormatException($"{fileName}:{number}: concept '{name}' is defined twice in [{section}]");
            var phrases = line[(equals + 1)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (phrases.Length == 0)
                throw new FormatException($"{fileName}:{number}: concept '{name}' has no phrase");
            string pattern;
            try
            {
                pattern = string.Join("|", phrases.Select(p => "(?:" + CompilePhrase(p) + ")"));
                _ = new Regex(pattern);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{fileName}:{number}: {e.Message}");
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"{fileName}:{number}: the phrase does not compile: {e.Message}");
            }
            concepts.Add(new LexiconConcept(section, kind, name, language, phrases, pattern, number));
        }
        return concepts;
    }

    /// <summary>The regular expression of one phrase (see the class remarks for the syntax).</summary>
    public static string CompilePhrase(string phrase)
    {
        var tokens = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var pattern = new StringBuilder();
        var pendingGap = 0;
        var first = true;
        foreach (var token in tokens)
        {
            if (token is "…" or "..." || token.StartsWith('…') && int.TryParse(token[1..], out _) || token.StartsWith("...") && int.TryParse(token[3..], out _))
            {
                var digits = token.TrimStart('…', '.');
                pendingGap += digits.Length == 0 ? 3 : int.Parse(digits);
                continue;
            }
            var optional = token.StartsWith('(') && token.EndsWith(')') && token.Length > 2;
            var word = Word(optional ? token[1..^1] : token, phrase);
            // Between two words: spaces, and the quotation marks and dashes news put around words.
            // Before a gap a comma may close the word ("хто відмовиться, той піде під суд").
            var separator = first ? "" : pendingGap > 0 ? @"[,;:]?[\s«»""“”„]+" : @"[\s«»""“”„]+";
            // After a gap, the word may open with a quotation mark: announced a “partial mobilization”.
            var gap = pendingGap > 0 ? $@"(?:{GapWord}){{0,{pendingGap}}}[«""“„‘]?" : "";
            if (first && pendingGap > 0)
                throw new FormatException($"a phrase cannot begin with a gap: '{phrase}'");
            pattern.Append(optional ? $"(?:{separator}{gap}{word})?" : $"{separator}{gap}{word}");
            pendingGap = 0;
            first = false;
        }
        if (first)
            throw new FormatException($"an empty phrase in '{phrase}'");
        if (pendingGap > 0)
            throw new FormatException($"a phrase cannot end with a gap: '{phrase}'");
        return pattern.ToString();
    }

    private static string Word(string token, string phrase)
    {
        var alternatives = token.Split('|');
        var parts = new List<string>();
        foreach (var alternative in alternatives)
        {
            if (alternative == "#")
            {
                // The no-break spaces stand as characters, not escapes: the literal prefilter reads classes of plain
                // characters, and a pattern it cannot read would run on every sentence.
                parts.Add("\\d[\\d,.\u00A0\u202F]*(?:[–-]\\d[\\d,.]*)?(?![\\p{L}\\p{N}])");
                continue;
            }
            var stem = alternative.EndsWith('*');
            var body = stem ? alternative[..^1] : alternative;
            if (body.Length == 0 || body.Any(c => !(char.IsLetterOrDigit(c) || c is '-' or '\'' or '’' or 'ʼ')))
                throw new FormatException($"'{alternative}' is not a word, a stem* or # in '{phrase}'");
            var escaped = new StringBuilder();
            foreach (var c in body)
            {
                escaped.Append(c switch
                {
                    'е' or 'ё' => "[её]",
                    'Е' or 'Ё' => "[ЕЁ]",
                    '\'' or '’' or 'ʼ' => "['’ʼ]",
                    '-' => @"\-",
                    _ => c.ToString(),
                });
            }
            parts.Add(stem ? escaped + @"[\p{L}\p{Mn}’'ʼ-]*" : escaped + @"(?![\p{L}\p{Mn}])");
        }
        return parts.Count == 1 ? parts[0] : "(?:" + string.Join("|", parts) + ")";
    }
}
