namespace Muster.Text;

/// <summary>
/// Splits a paragraph into sentences. A period ends a sentence only when it is not part of an abbreviation
/// ("Aug.", "U.K.", "U.S.", "St. Petersburg", "Lt. Col.", "Dr."), an initial ("J. Smith") or a number ("1.5"),
/// and the next word starts like a sentence. Closing quotes and brackets after the end mark stay with the
/// sentence; text inside quotes or parentheses never ends the outer sentence early at "?" or "!".
/// </summary>
public static class SentenceSplitter
{
    // Abbreviations that never end a sentence by themselves (titles, months, places, units), compared
    // lower-case without the period.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr",
        "gov", "sen", "rep", "rev", "st", "mt", "ft", "jr", "sr", "no", "nos", "vol", "vs", "etc", "approx", "est",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "u.s", "u.k", "u.n", "e.u", "u.s.s.r", "a.m", "p.m", "i.e", "e.g", "inc", "ltd", "co", "corp", "dept", "univ",
        "г", "гг", "ул", "им", "т.е", "т.д", "т.п", "обл", "руб", "тыс", "млн", "млрд", "р", "вул", "тис", "грн",
    };

    /// <summary>Returns the sentence spans of <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>).</summary>
    public static IReadOnlyList<TextSpan> Split(string text, int start, int end)
    {
        var sentences = new List<TextSpan>();
        var sentenceStart = SkipSpace(text, start, end);
        var depth = 0; // parentheses and brackets
        for (var i = sentenceStart; i < end; i++)
        {
            var c = text[i];
            if (c is '(' or '[')
                depth++;
            else if (c is ')' or ']')
                depth = Math.Max(0, depth - 1);
            if (c is not ('.' or '!' or '?' or '…'))
                continue;
            // Runs of marks ("?!", "...") end together.
            var markEnd = i + 1;
            while (markEnd < end && text[markEnd] is '.' or '!' or '?' or '…')
                markEnd++;
            var closeEnd = markEnd;
            while (closeEnd < end && text[closeEnd] is '"' or '”' or '’' or '\'' or '»' or ')' or ']')
                closeEnd++;
            if (closeEnd < end && !char.IsWhiteSpace(text[closeEnd]) && !GluedSentence(text, sentenceStart, i, closeEnd, end))
            {
                i = markEnd - 1;
                continue; // "U.S.", "1.5", "...text" — no space, no boundary
            }
            if (depth > 0 && closeEnd == markEnd)
            {
                i = markEnd - 1;
                continue; // inside parentheses
            }
            if (c == '.' && markEnd == i + 1 && IsAbbreviation(text, sentenceStart, i))
                continue;
            var next = SkipSpace(text, closeEnd, end);
            if (next < end && !StartsSentence(text[next]))
            {
                i = markEnd - 1;
                continue;
            }
            sentences.Add(new TextSpan(sentenceStart, closeEnd));
            sentenceStart = next;
            depth = 0;
            i = next - 1;
        }
        var last = TrimEnd(text, sentenceStart, end);
        if (last > sentenceStart)
            sentences.Add(new TextSpan(sentenceStart, last));
        return sentences.Any(s => s.Length > MaxSentence) ? Bounded(text, sentences) : sentences;
    }

    /// <summary>The longest sentence the later stages see; real sentences are far shorter.</summary>
    public const int MaxSentence = 1500;

    // A "sentence" longer than any real one (a run-on scrape, a list without full stops, a hostile page) is cut into
    // pieces at its last comma, semicolon or space before the limit: attribution and triggers look at a sentence
    // several times, and their work must stay linear in the page.
    private static List<TextSpan> Bounded(string text, List<TextSpan> sentences)
    {
        var bounded = new List<TextSpan>(sentences.Count + 4);
        foreach (var sentence in sentences)
        {
            var start = sentence.Start;
            while (sentence.End - start > MaxSentence)
            {
                var limit = start + MaxSentence;
                var cut = text.LastIndexOfAny([',', ';'], limit - 1, MaxSentence / 2);
                if (cut < 0)
                    cut = text.LastIndexOf(' ', limit - 1, MaxSentence / 2);
                var pieceEnd = cut < 0 ? limit : cut + 1;
                bounded.Add(new TextSpan(start, TrimEnd(text, start, pieceEnd)));
                start = SkipSpace(text, pieceEnd, sentence.End);
            }
            if (sentence.End > start)
                bounded.Add(new TextSpan(start, sentence.End));
        }
        return bounded;
    }

    /// <summary>
    /// Scrapes glue sentences where markup stood between them: «…видно не всегда".С марта 2023…». A mark after a
    /// lower-case word or a closing quote, followed at once by a capitalized word, ends a sentence ("U.S.Army",
    /// "e.g.The" and "1.5" do not).
    /// </summary>
    private static bool GluedSentence(string text, int sentenceStart, int mark, int next, int end)
    {
        if (next + 1 >= end || !char.IsUpper(text[next]) || !(char.IsLower(text[next + 1]) || text[next + 1] == ' ') || mark == sentenceStart)
            return false;
        var before = text[mark - 1];
        if (before is '"' or '”' or '»' or ')')
            return true;
        return char.IsLower(before) && !(text[mark] == '.' && IsAbbreviation(text, sentenceStart, mark));
    }

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '‘' or '«' or '\'' or '(' or '[' or '—' or '–' or '-' or '„';

    private static bool IsAbbreviation(string text, int sentenceStart, int period)
    {
        var wordStart = period;
        while (wordStart > sentenceStart && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
            wordStart--;
        var word = text[wordStart..period].ToLowerInvariant();
        if (word.Length == 0)
            return false;
        if (Abbreviations.Contains(word))
            return true;
        // A single capital letter is an initial ("J. Smith"), unless it is the word "I".
        return word.Length == 1 && char.IsUpper(text[wordStart]) && text[wordStart] != 'I';
    }

    private static int SkipSpace(string text, int i, int end)
    {
        while (i < end && char.IsWhiteSpace(text[i]))
            i++;
        return i;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
            end--;
        return end;
    }
}
