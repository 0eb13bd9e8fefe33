using System.Text.RegularExpressions;
using Muster.Dates;

namespace Muster.Segmentation;

/// <summary>What a line of a flattened page is, judged by its shape and the clutter lexicon.</summary>
public enum LineKind
{
    /// <summary>Empty or whitespace.</summary>
    Blank,
    /// <summary>A label between stories ("News Feed", "Show More").</summary>
    Divider,
    /// <summary>A divider that announces an author card ("Avatar").</summary>
    AuthorMarker,
    /// <summary>Furniture inside a story: read-time badges, captions, follow prompts.</summary>
    Furniture,
    /// <summary>Part of a membership or donation appeal.</summary>
    Appeal,
    /// <summary>A dateline: a date stated as the page's ("Published Aug. 16, 2023").</summary>
    Dateline,
    /// <summary>A byline: "By Jane Doe".</summary>
    Byline,
    /// <summary>A headline: short, capitalized, no sentence-ending punctuation.</summary>
    Headline,
    /// <summary>Running text.</summary>
    Paragraph,
}

/// <summary>One line of the page: its trimmed span and what it is.</summary>
/// <param name="Start">Offset of the first non-space character.</param>
/// <param name="End">Offset just past the last non-space character.</param>
/// <param name="Text">The trimmed text.</param>
/// <param name="Kind">What the line is.</param>
/// <param name="Date">For a dateline, its date.</param>
/// <param name="CutOff">The page's last line, a sentence the page cuts off (it ends in mid-word or mid-phrase).</param>
public sealed record PageLine(int Start, int End, string Text, LineKind Kind, PartialDate? Date = null, bool CutOff = false);

/// <summary>
/// Splits a page into lines and classifies each by shape — length, capitalization, end punctuation — and by the
/// clutter lexicon. Appeals are stateful: once one opens, it runs while its lines stay appeal-like.
/// </summary>
public sealed class LineClassifier(ClutterLexicon lexicon)
{
    private static readonly Regex DatelinePrefix = new(
        @"^(?:(?:published|updated|posted|last updated|date|опубликовано|обновлено|оновлено|опубліковано|дата)\s*(?:on|:)?\s*)",
        RegexOptions.IgnoreCase | RegexOptions.Compiled | RegexOptions.CultureInvariant);

    // A machine-written date field (ISO 8601) glued before a line's text; written dates ("5 May") open sentences.
    private static readonly Regex GluedDateline = new(
        @"(?<dateline>(?:published|updated|posted|date|опубликовано|обновлено|оновлено|опубліковано|дата)[ \t]*:?[ \t]*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)[ \t]+(?=[\p{Lu}«""“„])",
        RegexOptions.IgnoreCase | RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex DatelineNoise = new(
        @"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|\b(?:GMT|UTC|EET|EEST|MSK|CET|CEST|Kyiv time|Moscow time)\b(?:\s*[+-]\s*\d{1,2})?|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?|\b(?:at|on|updated|ago|min|mins|hours?|read)\b|[\s,.|•·\-–—/()+\d]+",
        RegexOptions.IgnoreCase | RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex BylinePattern = new(
        @"^(?:By|Автор:?|Авторка:?)\s+(?<name>\p{Lu}[\p{L}.'’\-]+(?:\s+(?:and\s+)?\p{Lu}[\p{L}.'’\-]+){0,4})$",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex Words = new(@"\w+", RegexOptions.Compiled);

    private static readonly Regex InnerSentenceBreak = new(@"\p{Ll}[.!?…][ \t]+[\p{Lu}«""“]", RegexOptions.Compiled);

    /// <summary>Splits <paramref name="text"/> into classified lines.</summary>
    public IReadOnlyList<PageLine> Classify(string text)
    {
        var lines = new List<PageLine>();
        var inAppeal = false;
        var position = 0;
        while (position <= text.Length)
        {
            var newline = text.IndexOf('\n', position);
            var lineEnd = newline < 0 ? text.Length : newline;
            var start = position;
            var end = lineEnd;
            while (start < end && char.IsWhiteSpace(text[start]))
                start++;
            while (end > start && char.IsWhiteSpace(text[end - 1]))
                end--;
            // "date 2024-03-11 The army called up …": a scrape that flattened the page's date field into its first
            // line; the dateline is read as its own line and the text after it as the next.
            if (GluedDateline.Match(text, start, end - start) is { Success: true } glued && glued.Index == start
                && AsDateline(glued.Groups["dateline"].Value) is { } gluedDate)
            {
                lines.Add(new PageLine(start, start + glued.Groups["dateline"].Length, glued.Groups["dateline"].Value, LineKind.Dateline, gluedDate));
                start += glued.Length;
            }
            var trimmed = text[start..end];
            var line = ClassifyOne(trimmed, start, end, ref inAppeal);
            lines.Add(line);
            if (newline < 0)
                break;
            position = newline + 1;
        }
        MendCutOffEnd(lines);
        return lines;
    }

    /// <summary>Words a cut-off sentence has at least, so that a page ending in a short headline keeps it.</summary>
    private const int CutOffMinimumWords = 8;

    /// <summary>
    /// A page cut off in the middle of a sentence (a scrape stored up to a size) ends in a line that looks like a
    /// headline only because its end is missing: when the page's last line follows a paragraph and is as long as
    /// a sentence, it is that paragraph's story going on, not a new story's title.
    /// </summary>
    private static void MendCutOffEnd(List<PageLine> lines)
    {
        var last = lines.FindLastIndex(l => l.Kind != LineKind.Blank);
        if (last < 1 || lines[last].Kind != LineKind.Headline || Words.Count(lines[last].Text) < CutOffMinimumWords)
            return;
        var before = lines.FindLastIndex(last - 1, l => l.Kind != LineKind.Blank);
        // A crosshead may stand between the paragraph and the cut-off sentence.
        if (before >= 1 && lines[before].Kind == LineKind.Headline)
            before = lines.FindLastIndex(before - 1, l => l.Kind != LineKind.Blank);
        if (before >= 0 && lines[before].Kind == LineKind.Paragraph)
            lines[last] = lines[last] with { Kind = LineKind.Paragraph, CutOff = true };
    }

    private PageLine ClassifyOne(string line, int start, int end, ref bool inAppeal)
    {
        if (line.Length == 0)
            return new PageLine(start, end, line, LineKind.Blank);
        if (lexicon.IsAuthorMarker(line))
        {
            inAppeal = false;
            return new PageLine(start, end, line, LineKind.AuthorMarker);
        }
        var present = lexicon.Scan(line);
        if (lexicon.IsDivider(line, present))
        {
            inAppeal = false;
            return new PageLine(start, end, line, LineKind.Divider);
        }
        if (lexicon.IsAppealStart(line, present))
        {
            inAppeal = true;
            return new PageLine(start, end, line, LineKind.Appeal);
        }
        if (inAppeal)
        {
            var score = lexicon.ScoreAppeal(line);
            // Inside an appeal, short buttons ("Monthly", "Remind me later.") and any line that speaks to the
            // reader about support keep it going.
            if (score.Words <= 5 || score.Strong + score.Context >= 1 || score.Address >= 2)
                return new PageLine(start, end, line, LineKind.Appeal);
            inAppeal = false;
        }
        if (lexicon.IsFurniture(line, present))
            return new PageLine(start, end, line, LineKind.Furniture);
        if (AsDateline(line) is { } date)
            return new PageLine(start, end, line, LineKind.Dateline, date);
        if (BylinePattern.IsMatch(line))
            return new PageLine(start, end, line, LineKind.Byline);
        {
            var score = lexicon.ScoreAppeal(line);
            // A short line that asks for support, in the outlet's voice or with a second appeal word, opens an
            // appeal by itself.
            if (score.Words <= 40 && score.Strong >= 1 && score.Strong + score.Context + score.Address >= 2)
            {
                inAppeal = true;
                return new PageLine(start, end, line, LineKind.Appeal);
            }
        }
        if (IsHeadlineShaped(line))
            return new PageLine(start, end, line, LineKind.Headline);
        if (Words.Count(line) <= 1 && !EndsSentence(line))
            return new PageLine(start, end, line, LineKind.Furniture); // a bare label ("Politics") is no story
        return new PageLine(start, end, line, LineKind.Paragraph);
    }

    /// <summary>Returns the date of a line that is only a date (with an optional "Published"/"Updated" and a time).</summary>
    internal static PartialDate? AsDateline(string line)
    {
        if (line.Length > 90)
            return null;
        var body = DatelinePrefix.Replace(line, "");
        var dates = DateRecognizer.Find(body);
        if (dates.Count != 1 || dates[0].Relative)
            return null;
        var rest = body.Remove(dates[0].Start, dates[0].End - dates[0].Start);
        rest = DatelineNoise.Replace(rest, "");
        return rest.Length <= 3 ? dates[0].Date : null;
    }

    /// <summary>
    /// A headline is short, starts with a capital, a digit or a quote, and does not end like a sentence.
    /// </summary>
    internal static bool IsHeadlineShaped(string line)
    {
        if (line.Length is < 8 or > 250)
            return false;
        var first = line[0];
        if (!(char.IsUpper(first) || char.IsDigit(first) || first is '"' or '“' or '‘' or '«' or '\'' or '„'))
            return false;
        var words = Words.Count(line);
        if (words is < 2 or > 35)
            return false;
        // "Some were wounded. Some died. Those who refused are in solitary": a standfirst of sentences whose last lost
        // its full stop; a headline holds one sentence, two at most.
        if (InnerSentenceBreak.Count(line) >= 2)
            return false;
        if (EndsSentence(line))
        {
            // A question can be a headline when it is one short sentence.
            return line.EndsWith('?') && line.Length <= 140 && !line[..^1].Contains(". ", StringComparison.Ordinal);
        }
        return !line.EndsWith(':');
    }

    /// <summary>True when the line ends with sentence punctuation, possibly inside closing quotes or brackets.</summary>
    internal static bool EndsSentence(string line)
    {
        var i = line.Length - 1;
        while (i >= 0 && line[i] is '"' or '”' or '’' or '\'' or '»' or ')' or ']')
            i--;
        return i >= 0 && line[i] is '.' or '!' or '?' or '…' or ';';
    }
}
