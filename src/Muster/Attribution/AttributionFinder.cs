using System.Text.RegularExpressions;

namespace Muster.Attribution;

/// <summary>
/// Finds who a sentence says is speaking: "X said (that) …", "X, head of Y, in a May 20 statement said …",
/// "… , X reported on Aug. 16.", "…,” X wrote.", "…, said X, the mayor.", "According to X, …", "…, according
/// to X.", "…, X, as quoted by Y, insisted.", "X has denied …", and returns the frame with the content span.
/// Rules work on the sentence's own words; nothing is learned or guessed beyond them.
/// </summary>
public static class AttributionFinder
{
    private const string ReportingVerbs =
        "said|says|say|told|tells|reported|reports|wrote|writes|claimed|claims|noted|notes|added|adds|stated|states|insisted|insists|" +
        "confirmed|confirms|announced|announces|explained|explains|estimated|estimates|reiterated|reiterates|warned|warns|" +
        "alleged|alleges|showed|shows|revealed|reveals|suggested|suggests|believes|believed|asked|argued|argues|" +
        "сообщил|сообщила|сообщили|сообщает|заявил|заявила|заявили|рассказал|рассказала|рассказали|написал|написала|пишет|" +
        "повідомив|повідомила|повідомили|повідомляє|заявив|заявила|заявили|розповів|розповіла|написав|написала|пише";

    private const string DenialVerbs = "denied|denies|deny|dismissed|dismisses|rejected|rejects|refuted|refutes|опроверг|опровергли|отрицает|спростував|спростували|заперечує";

    private static readonly Regex Verb = new($@"(?<![\p{{L}}])(?:(?:has|have|had)\s+)?(?:also\s+|repeatedly\s+|again\s+|flatly\s+|previously\s+|earlier\s+|later\s+|further\s+)?(?<verb>{ReportingVerbs})(?![\p{{L}}])",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex Denial = new($@"(?<![\p{{L}}])(?:(?:has|have|had)\s+)?(?:also\s+|repeatedly\s+|again\s+|flatly\s+|categorically\s+|previously\s+)?(?<verb>{DenialVerbs})(?![\p{{L}}])",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex LeadingConnector = new(@"^(?:(?:However|But|And|Also|Meanwhile|Still|Yet|Separately|Earlier|Later|Moreover|Furthermore|Однако|Также|Тем временем|Однак|Також),?\s+)+",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex AccordingTo = new(@"(?:^|(?<=[,;]\s*))(?:according to|citing|as reported by|по (?:данным|словам|информации)|за (?:даними|словами|інформацією)|як повідомляє|как сообщает)\s+(?<party>[^,;.]{2,120}?)(?=\s*(?:[,;]|\.?$|[.”""]\s*$))",
        RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex TimePhrase = new(@"\s+(?:on|in|at|during|since|earlier|late|last|this)\s+(?:an?\s+|its\s+|their\s+|his\s+|her\s+|the\s+)?(?:latest\s+|recent\s+)?(?:\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|week|month|year|day|morning|evening|night|yesterday|today|weekend|spring|summer|autumn|fall|winter)[^,]*$|\s+(?:also|further|previously|earlier|later|yesterday|today)$",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex Appositive = new(@"^\s*(?:who|which|whose|as quoted by|quoted by|head of|the head of|a |an |the |spokesman|spokeswoman|spokesperson|chief|deputy|director|commander|leader|member|founder|editor|(?:in|on) an? [^,]*(?:statement|estimate|interview|report|post|letter|video))",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex StatementPhrase = new(@"\s+(?:in|on)\s+an?\s+[^,]{0,40}?(?:statement|estimate|interview|report|post|video|letter|briefing|address|update|assessment)$",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex Words = new(@"[\p{L}\p{N}]+", RegexOptions.Compiled);

    private static readonly HashSet<string> NounLikeVerbs = new(StringComparer.Ordinal) { "reports", "claims", "notes", "shows", "states", "estimates", "says" };

    private static readonly Regex DeterminerBefore = new(@"(?:^|\s)(?:the|those|these|this|that|media|news|of|such|many|several|some|his|her|their|its|our|a|an|amid|recent|earlier|unconfirmed|numerous|multiple)\s+$",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex NounFollower = new(@"^\s+(?:of|about|from|on|in|to|by|were|was|are|is|said|say|says|suggest|suggested|indicate|indicated|claimed)\b", RegexOptions.Compiled);

    /// <summary>"media reports said", "those reports were", "reports of": the word is a noun here, not the verb.</summary>
    private static bool IsNounUse(string text, Match verb)
    {
        var word = verb.Groups["verb"].Value;
        if (!NounLikeVerbs.Contains(word) || verb.Value != word)
            return false;
        var before = text[Math.Max(0, verb.Index - 30)..verb.Index];
        var after = text[(verb.Index + verb.Length)..Math.Min(text.Length, verb.Index + verb.Length + 20)];
        return DeterminerBefore.IsMatch(before) || NounFollower.IsMatch(after);
    }

    /// <summary>Reads the frame of the sentence <paramref name="sentence"/> in <paramref name="text"/>.</summary>
    public static SentenceFrame Find(string text, TextSpan sentence)
    {
        var start = sentence.Start;
        var end = sentence.End;
        // Closing punctuation and quotes are not content.
        while (end > start && text[end - 1] is '.' or '!' or '?' or '”' or '"' or '’' or ')' or '…' or ' ')
            end--;
        var parties = new List<Party>();
        var outer = new List<Party>();
        var denial = false;

        // Trailing frame: "…, X said.", "…,” X wrote in a letter to Y.", "…, said X, the mayor.", "…, according to X."
        if (Trailing(text, start, end) is { } trailing)
        {
            outer.AddRange(trailing.Parties);
            end = trailing.ContentEnd;
        }

        // Leading frame: "According to X, …", "X, head of Y, said (that) …", "X has denied …".
        var contentStart = SkipConnectors(text, start, end);
        if (LeadingAccordingTo(text, contentStart, end) is { } according)
        {
            outer.Insert(0, according.Party);
            contentStart = according.ContentStart;
        }
        if (LeadingSubject(text, contentStart, end) is { } subject)
        {
            parties.Add(subject.Party);
            contentStart = subject.ContentStart;
            denial = subject.Denial;
        }
        parties.AddRange(outer);
        while (contentStart < end && text[contentStart] is ' ' or ',')
            contentStart++;
        if (contentStart >= end)
            return new SentenceFrame(parties, new TextSpan(start, sentence.End), denial);
        return new SentenceFrame(parties, new TextSpan(contentStart, end), denial);
    }

    private static int SkipConnectors(string text, int start, int end)
    {
        while (start < end && text[start] is '“' or '"' or '‘' or '«' or ' ')
            start++;
        var match = LeadingConnector.Match(text, start, end - start);
        return match.Success && match.Index == start ? start + match.Length : start;
    }

    private static (Party Party, int ContentStart)? LeadingAccordingTo(string text, int start, int end)
    {
        var match = AccordingTo.Match(text, start, end - start);
        if (!match.Success || match.Index != start)
            return null;
        var group = match.Groups["party"];
        var party = MakeParty(text, group.Index, group.Index + group.Length);
        if (party is null)
            return null;
        var next = match.Index + match.Length;
        while (next < end && text[next] is ',' or ' ')
            next++;
        return (party, next);
    }

    private static readonly Regex IntroductoryPhrase = new(@"^(?:In|On|At|During|After|Amid|Before|Since|Following|Speaking|Writing|Citing|Earlier|Later|Last|This|В|На|После|У|Під)\b[^,]{0,100},\s+",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static (Party Party, int ContentStart, bool Denial)? LeadingSubject(string text, int start, int end)
    {
        // "In a video appeal addressed to the president, wives of soldiers said …": the subject follows the
        // introductory phrase.
        var intro = IntroductoryPhrase.Match(text, start, Math.Min(end, start + 160) - start);
        if (intro.Success && intro.Index == start && LeadingSubjectAt(text, start + intro.Length, end, afterIntroduction: true) is { } afterIntro)
            return afterIntro;
        return LeadingSubjectAt(text, start, end, afterIntroduction: false);
    }

    private static (Party Party, int ContentStart, bool Denial)? LeadingSubjectAt(string text, int start, int end, bool afterIntroduction)
    {
        if (start >= end || !(afterIntroduction || char.IsUpper(text[start]) || char.IsDigit(text[start])))
            return null;
        var window = Math.Min(end, start + 300);
        Match? found = null;
        var denial = false;
        var reporting = Verb.Match(text, start, window - start);
        while (reporting.Success && IsNounUse(text, reporting))
            reporting = reporting.NextMatch();
        var denying = Denial.Match(text, start, window - start);
        if (reporting.Success && (!denying.Success || reporting.Index < denying.Index))
            found = reporting;
        else if (denying.Success)
        {
            found = denying;
            denial = true;
        }
        if (found is null || found.Index <= start)
            return null;
        var subjectEnd = found.Index;
        var subject = text[start..subjectEnd].TrimEnd();
        // The subject is a name with at most one appositive between commas; a clause (a second verb, a quote,
        // a colon) before the verb means this is not the sentence's frame.
        if (subject.Contains('“') || subject.Contains('"') || subject.Contains(':') || subject.Contains(';'))
            return null;
        var pieces = subject.Split(',');
        if (pieces.Length > 3 || Words.Count(pieces[0]) > 14)
            return null;
        for (var i = 1; i < pieces.Length; i++)
        {
            var piece = pieces[i];
            if (piece.Trim().Length == 0)
                continue;
            if (!Appositive.IsMatch(piece) && !StatementPhrase.IsMatch(" " + piece.Trim()) && !IsPlaceLike(piece))
                return null;
        }
        var partyEnd = start + pieces[0].Length;
        var party = MakeParty(text, start, partyEnd);
        if (party is null)
            return null;
        // "told Kyiv Post that", "told journalists that": the hearer is part of the frame.
        var contentStart = found.Index + found.Length;
        var after = text[contentStart..end];
        var that = Regex.Match(after, @"^\s+(?:[^,.“”""]{0,60}?\s)?(?:that|что|що)\b");
        if (found.Groups["verb"].Value is "told" or "tells" or "asked" && !that.Success)
        {
            var hearer = Regex.Match(after, @"^\s+(?:the\s+)?(?:\p{Lu}[\p{L}.’'-]*\s+){0,4}|^\s+(?:reporters|journalists|media|us|him|her|them)\s+");
            contentStart += hearer.Length;
        }
        else if (that.Success)
            contentStart += that.Length;
        return (party, contentStart, denial);
    }

    private static bool IsPlaceLike(string piece)
    {
        var trimmed = piece.Trim();
        // "The administration in Horlivka, Donetsk Oblast, claimed": a place appositive.
        return trimmed.Length > 0 && char.IsUpper(trimmed[0]) && Words.Count(trimmed) <= 4;
    }

    private sealed record TrailingFrame(List<Party> Parties, int ContentEnd);

    private static readonly Regex QuotedBy = new(@"^\s*(?:as\s+)?(?:quoted|cited) by\s+(?<via>.+?)\s*$", RegexOptions.Compiled);

    private static readonly Regex IndefiniteAppositive = new(@"^\s*(?:a|an)\s+\p{Ll}", RegexOptions.Compiled);

    private static readonly Regex TrailingTail = new(@"^\s*(?:$|,|(?:on|in|at|to|during|last|this|earlier|later|late|yesterday|today|recently|previously|when|after|before|while|on|via|from|of|with|for|—|–|\()\b|\()",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex RelativeClause = new(@"^\s*(?:who|which|whose|where)\b", RegexOptions.Compiled);

    private static TrailingFrame? Trailing(string text, int start, int end)
    {
        TrailingFrame? frame = null;
        var segment = text[start..end];
        var verbs = Verb.Matches(segment);
        for (var v = verbs.Count - 1; v >= 0 && frame is null; v--)
        {
            var verb = verbs[v];
            if (IsNounUse(segment, verb))
                continue;
            var verbStart = start + verb.Index;
            var verbEnd = verbStart + verb.Length;
            // What follows the verb is short: a time, a hearer, a medium ("in a letter to …"), never a clause.
            var tail = text[verbEnd..end];
            var hears = verb.Groups["verb"].Value is "told" or "tells" or "asked";
            if (Words.Count(tail) > 14 || tail.Contains(" that ", StringComparison.Ordinal))
                continue;
            var boundary = LastBoundary(text, start, verbStart);
            if (boundary < 0)
                continue;
            var invertedForm = !hears && text[(boundary + 1)..verbStart].Trim().Length == 0;
            if (!invertedForm && !(hears ? Words.Count(tail) <= 8 : TrailingTail.IsMatch(tail)))
                continue;
            var relays = new List<Party>();
            Party? party = null;
            var pieceEnd = verbStart;
            // Walk back over the pieces between commas: "…, X, as quoted by Y, insisted", "…” X, who heads Z, wrote".
            for (var step = 0; step < 4 && boundary >= 0; step++)
            {
                var piece = text[(boundary + 1)..pieceEnd];
                if (piece.Trim().Length == 0)
                {
                    if (step == 0 && !hears && Inverted(text, verbEnd, end) is { } named && text[boundary] is ',' or '”' or '"')
                    {
                        party = named; // "…, said X, the mayor."
                        break;
                    }
                }
                else if (QuotedBy.Match(piece) is { Success: true } quoted)
                {
                    var via = MakeParty(text, boundary + 1 + quoted.Groups["via"].Index, boundary + 1 + quoted.Groups["via"].Index + quoted.Groups["via"].Length);
                    if (via is not null)
                        relays.Add(via);
                }
                else if (IndefiniteAppositive.IsMatch(piece) && boundary > start && LastBoundary(text, start, boundary) is var previous && previous >= 0 && text[previous] is '”' or '"')
                {
                    // "…,” one of the detained men, a citizen of Tajikistan, told …": the appositive describes the
                    // speaker named right after the quote.
                }
                else if (!RelativeClause.IsMatch(piece))
                {
                    party = MakeParty(text, boundary + 1, pieceEnd);
                    break;
                }
                pieceEnd = boundary;
                boundary = LastBoundary(text, start, boundary);
            }
            if (party is null || boundary < 0 || Words.Count(party.Name) > 12)
                continue;
            frame = new TrailingFrame([party, .. relays], ContentEndBefore(text, start, boundary));
        }
        var according = AccordingTo.Match(text, start, end - start);
        if (according.Success && according.Index > start)
        {
            var group = according.Groups["party"];
            if (group.Index + group.Length >= end - 1)
            {
                var party = MakeParty(text, group.Index, group.Index + group.Length);
                if (party is not null)
                {
                    var contentEnd = ContentEndBefore(text, start, according.Index);
                    if (frame is null)
                        return new TrailingFrame([party], contentEnd);
                    // "…, the outlet reported, citing witnesses": the witnesses are the outlet's source.
                    var citing = according.Value.TrimStart(',', ' ').StartsWith("citing", StringComparison.OrdinalIgnoreCase);
                    return frame with
                    {
                        Parties = citing ? [party, .. frame.Parties] : [.. frame.Parties, party],
                        ContentEnd = Math.Min(frame.ContentEnd, contentEnd),
                    };
                }
            }
        }
        return frame;
    }

    /// <summary>The party named after an inverted verb: "said Ivan Federiv, the mayor": a capitalized name, or "a/the …".</summary>
    private static Party? Inverted(string text, int verbEnd, int end)
    {
        var from = verbEnd;
        while (from < end && text[from] == ' ')
            from++;
        if (from >= end || !(char.IsUpper(text[from]) || text.AsSpan(from).StartsWith("a ") || text.AsSpan(from).StartsWith("an ") || text.AsSpan(from).StartsWith("the ")))
            return null;
        var comma = text.IndexOf(',', from, end - from);
        return MakeParty(text, from, comma < 0 ? end : comma);
    }

    /// <summary>The last comma or closing quote before <paramref name="position"/>, not inside brackets.</summary>
    private static int LastBoundary(string text, int start, int position)
    {
        var depth = 0;
        for (var i = position - 1; i > start; i--)
        {
            var c = text[i];
            if (c is ')' or ']')
                depth++;
            else if (c is '(' or '[')
                depth = Math.Max(0, depth - 1);
            else if (depth == 0 && c is ',' or '”' or '"' or '—' or '–')
                return i;
        }
        return -1;
    }

    private static int ContentEndBefore(string text, int start, int boundary)
    {
        var end = boundary;
        // A closing quote belongs to the content; the comma before it does not.
        if (end < text.Length && text[end] is '”' or '"')
            end++;
        while (end > start && text[end - 1] is ',' or ' ' or '”' or '"')
            end--;
        return end;
    }

    private static Party? MakeParty(string text, int start, int end)
    {
        while (start < end && text[start] is ' ' or ',' or '“' or '"' or '”')
            start++;
        while (end > start && text[end - 1] is ' ' or ',' or '.')
            end--;
        if (end <= start)
            return null;
        var raw = text[start..end];
        // Drop a time or medium phrase at the end: "the Center reported on Aug. 16", "Kim, in a May 20 statement".
        var cut = StatementPhrase.Match(raw);
        if (cut.Success)
            raw = raw[..cut.Index];
        var time = TimePhrase.Match(raw);
        if (time.Success && time.Index > 0 && !Regex.IsMatch(time.Value, @"^\s+in\s+\p{Lu}"))
            raw = raw[..time.Index];
        raw = raw.Trim();
        if (raw.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
            raw = raw[4..];
        var words = Words.Count(raw);
        if (words is 0 or > 14)
            return null;
        // A party is a noun phrase: no pronoun alone, no clause.
        if (raw is "he" or "she" or "they" or "it" or "we" or "I" or "He" or "She" or "They" or "It" or "We" || raw.Contains(" that ", StringComparison.Ordinal))
            return null;
        var offset = text.IndexOf(raw, start, end - start, StringComparison.Ordinal);
        return new Party(raw, new TextSpan(offset < 0 ? start : offset, (offset < 0 ? start : offset) + raw.Length));
    }
}
