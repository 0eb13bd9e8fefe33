using Muster.Places;
using Muster.Text;
using System.Text.RegularExpressions;

namespace Muster.Attribution;

/// <summary>
/// Finds who a sentence says is speaking: "X said (that) …", "X, head of Y, in a June 3 statement said …",
/// "… , X reported on Aug. 16.", "…,” X wrote.", "…, said X, the mayor.", "According to X, …", "…, according
/// to X.", "…, X, as quoted by Y, insisted.", "X has denied …", and returns the frame with the content span.
/// Rules work on the sentence's own words; nothing is learned or guessed beyond them.
/// </summary>
public static class AttributionFinder
{
    private static readonly string ReportingVerbs = AttributionLexicon.Alternation("say");

    private static readonly string DenialVerbs = AttributionLexicon.Alternation("deny");

    // Adverbs that may stand between a subject and its verb: "has also said", "также сообщил", "також повідомив";
    // each script's automaton holds its own only (together they pass the engine's size limit).
    private const string LatinAdverbs = @"(?:(?:also|thus|repeatedly|again|flatly|categorically|previously|earlier|later|further|reportedly|recently|publicly|officially)\s+)?";

    private const string CyrillicAdverbs = @"(?:(?:также|ранее|уже|еще|ещё|позже|недавно|також|раніше|вже|ще|пізніше|нещодавно)\s+)?";

    // The verbs of three languages in all their forms are hundreds of alternatives, tried at every word of every
    // sentence: a backtracking engine walks them at each position, the non-backtracking one scans once (word
    // boundaries stand for the lookarounds it does not support). One automaton per script keeps each within the
    // engine's size limit.
    private static readonly ScriptPattern Verb = new("say");

    private static readonly ScriptPattern Denial = new("deny");

    /// <summary>A verb pattern split by script (Latin, Cyrillic), matched as one.</summary>
    private sealed class ScriptPattern
    {
        private readonly Regex[] _patterns;

        // Which script each pattern is for: a sentence without a letter of that script skips it.
        private readonly bool[] _cyrillic;

        private bool MayMatch(int pattern, ReadOnlySpan<char> text) =>
            text.IndexOfAny(_cyrillic[pattern] ? Scripts.CyrillicLetters : Scripts.LatinLetters) >= 0;

        public ScriptPattern(string kind)
        {
            var forms = AttributionLexicon.Forms(kind);
            var patterns = new List<Regex>();
            var cyrillicFlags = new List<bool>();
            foreach (var cyrillic in new[] { false, true })
            {
                var list = forms.Where(f => IsCyrillic(f) == cyrillic).ToList();
                if (list.Count == 0)
                    continue;
                foreach (var pattern in Build(list, cyrillic))
                {
                    patterns.Add(pattern);
                    cyrillicFlags.Add(cyrillic);
                }
            }
            _patterns = [.. patterns];
            _cyrillic = [.. cyrillicFlags];
        }

        // A lexicon that grows past the engine's automaton limit is split in halves until each half fits: the
        // matches of the pieces are merged, earliest and then longest first, as one alternation would give.
        private static IEnumerable<Regex> Build(List<string> forms, bool cyrillic)
        {
            Regex regex;
            try
            {
                regex = new Regex($@"\b(?:(?:has|have|had)\s+)?{(cyrillic ? CyrillicAdverbs : LatinAdverbs)}(?<verb>{AttributionLexicon.Alternation(forms)})\b",
                    RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            }
            catch (NotSupportedException) when (forms.Count > 1)
            {
                return Build(forms[..(forms.Count / 2)], cyrillic).Concat(Build(forms[(forms.Count / 2)..], cyrillic));
            }
            return [regex];
        }

        private static bool IsCyrillic(string form) => Scripts.HasCyrillic(form);

        public Match Match(string text, int start, int length)
        {
            Match? best = null;
            for (var p = 0; p < _patterns.Length; p++)
            {
                if (!MayMatch(p, text.AsSpan(start, length)))
                    continue;
                var match = _patterns[p].Match(text, start, length);
                while (match.Success && IsPassiveParticiple(text, match.Index + match.Length))
                    match = match.NextMatch();
                if (match.Success && (best is null || match.Index < best.Index || match.Index == best.Index && match.Length > best.Length))
                    best = match;
            }
            return best ?? System.Text.RegularExpressions.Match.Empty;
        }

        public List<Match> Matches(string text) =>
            _patterns.Where((_, p) => MayMatch(p, text)).SelectMany(p => p.Matches(text))
                .Where(m => !IsPassiveParticiple(text, m.Index + m.Length)).OrderBy(m => m.Index).ThenByDescending(m => m.Length).ToList();

        public bool IsMatch(string text) => Matches(text).Count > 0;

        // "the call-up announced by the governor", "a decree signed by Putin": a participle with its agent
        // qualifies a noun; nobody speaks in it. ("…, as reported by X" is a frame of its own.)
        private static bool IsPassiveParticiple(string text, int end)
        {
            var i = end;
            while (i < text.Length && text[i] == ' ')
                i++;
            return i > end && i + 2 < text.Length && text[i] == 'b' && text[i + 1] == 'y' && text[i + 2] == ' ';
        }
    }

    // "was told", "is said to", "were reported": a passive verb has no speaker for a subject.
    private static readonly Regex PassiveBefore = new(@"(?:^|\s)(?:was|were|is|are|been|be|being|reportedly|widely)\s+$", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex LeadingConnector = new(@"^(?:(?:However|But|And|Also|Meanwhile|Still|Yet|Separately|Earlier|Later|Moreover|Furthermore|Однако|Также|Ранее|Тем временем|В ответ|В итоге|В результате|В свою очередь|В частности|При этом|Однак|Також|Раніше|Тим часом|У відповідь|У підсумку|У результаті|Своєю чергою|Зокрема|При цьому),?\s+)+",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    // "according to X", "по данным X", "за словами X", "як повідомляє X", "citing X": the party runs to a comma or the end.
    // The party runs to a comma, a colon or the end; a dot inside a word ("Censor.NET", "Новини.LIVE") is the name's.
    private static readonly Regex AccordingTo = new($@"(?:^|(?<=[,;—–]\s*))(?<frame>(?:как|як)\s+(?:{ReportingVerbs})|{AttributionLexicon.Alternation("according")}|{AttributionLexicon.Alternation("back")}|{AttributionLexicon.Alternation("citing")})\s+(?!(?:which|whom|чему|которому|которым|которой|которых|якому|яким|якою|якої|яких)(?![\p{{L}}]))(?<party>(?:[^,;.:]|\.(?=\p{{L}})){{2,120}}?)(?=\s*(?:[,;:]|\s[—–]\s|\.?$|[.”""»]\s*$))",
        RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // "По его словам, …", "За її словами, …": the pronoun stands for the party named before.
    private static readonly Regex PronounAccording = new(@"^(?:по|за|на)\s+(?<party>его|её|ее|их|його|її|їх)(?:\s+же)?\s+(?:словам|словами|данным|даними|мнению|думку|оценкам|оцінками|подсчетам|підрахунками|информации|інформацією)(?![\p{L}])\s*,?\s*",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    // "У заяві Міноборони йдеться, що …", "В сообщении ведомства говорится": the statement's author speaks.
    private static readonly Regex StatementOf = new(@"^(?:в|у|во)\s+(?:заяві|повідомленні|зверненні|звіті|документі|заявлении|сообщении|обращении|докладе|отчете|отчёте|документе|публикации|публікації|statement)\s+(?<party>[^,;:]{2,80}?)\s+(?:йдеться|ідеться|говориться|зазначається|наголошується|говорится|сказано|отмечается|подчеркивается|указано|указывается)(?![\p{L}])",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex Citing = new($@"^(?:{AttributionLexicon.Alternation("citing")})$", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex BackFrame = new($@"^(?:{AttributionLexicon.Alternation("back")})$", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    // A citing phrase inside a trailing party: "…, повідомляє сільрада з посиланням на очевидців".
    private static readonly Regex CitingInside = new($@"\s+(?:{AttributionLexicon.Alternation("citing")})\s+", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    // "Как отмечается, …", "…, йдеться в повідомленні": no party is named; the statement named before speaks.
    private static readonly Regex Impersonal = new($@"(?:^|(?<=[,;—–]\s*))(?:{AttributionLexicon.Alternation("impersonal")})(?![\p{{L}}])[^,;]{{0,30}}?(?=\s*(?:[,;]|\.?$|[.”""»]\s*$))",
        RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // "Об этом «Вестнику» рассказали в мэрии", "Про це повідомив мер": the opener points back; the party follows the verb.
    private static readonly Regex BackOpener = new($@"^(?:{AttributionLexicon.Alternation("opener")})(?![\p{{L}}])", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    // "ISW: …", "Генштаб: …": a headline frame names its party before a colon.
    private static readonly Regex HeadlineFrame = new(@"^(?<party>\p{Lu}[\p{L}\p{N}.’'&-]*(?:\s+[\p{L}\p{N}.’'&«»""-]+){0,5}):\s+(?=\S)", RegexOptions.Compiled);

    private static readonly HashSet<string> NotHeadlineParties = new(StringComparer.OrdinalIgnoreCase)
    {
        "Photo", "Photos", "Video", "Media", "Update", "UPD", "Analysis", "Opinion", "Explainer", "Exclusive", "Source", "Read also", "Watch",
        "Фото", "Видео", "Відео", "Источник", "Джерело", "Читайте также", "Читайте також", "Обновлено", "Оновлено", "Важно", "Важливо",
    };

    // "January 2024 set a record: …", "В 2023 году: …": a date or a clause with a year is no party.
    private static readonly Regex DateLike = new(@"^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Январ|Феврал|Март|Апрел|Май|Мая|Июн|Июл|Август|Сентябр|Октябр|Ноябр|Декабр|Січ|Лют|Берез|Квіт|Трав|Черв|Лип|Серп|Верес|Жовт|Листопад|Груд)|(?<!\p{L})(?:1[89]|20)\d\d(?!\p{N})",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

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

    private static readonly Regex NounFollower = new(@"^\s+(?:of|about|from|on|in|to|by|were|was|are|is|said|say|says|suggest|suggested|indicate|indicated|claimed|emerged)\b", RegexOptions.Compiled);

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

    // "A group of Kenyan workers have written …", "In a video, the four men, identified as …": a plural noun phrase
    // opening the sentence, up to a comma or an auxiliary.
    private static readonly Regex OpeningPlural = new(@"^(?:(?:In|On|At|During|After|Before)\s[^,]{1,80},\s+)?(?<group>(?:(?:A|An|The|the|a|an)\s+)?(?:(?:group|number|couple|handful|dozen)\s+of\s+)?(?:[\p{L}\d’'-]+\s+){0,3}?(?:men|women|people|residents|soldiers|conscripts|recruits|reservists|prisoners|relatives|mothers|wives|workers|students|[\p{L}-]+ers|[\p{L}-]+ists))(?=\s*,|\s+(?:have|has|had|were|are|was|is|will|would|could|can|also|then|\p{Ll}+ed)\s)",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>
    /// The plural noun phrase a sentence opens with, for a "they" in the sentence after: "A group of Kenyan workers
    /// have appealed … . They have said that …". Null when the sentence opens with none.
    /// </summary>
    public static Party? OpeningGroup(string text, TextSpan sentence)
    {
        var match = OpeningPlural.Match(text, sentence.Start, Math.Min(200, sentence.Length));
        if (!match.Success || match.Index != sentence.Start)
            return null;
        var group = match.Groups["group"];
        if (ClauseWord.IsMatch(group.Value) || Words.Count(group.Value) > 7)
            return null;
        return MakeParty(text, group.Index, group.Index + group.Length);
    }

    /// <summary>Reads the frame of the sentence <paramref name="sentence"/> in <paramref name="text"/>.</summary>
    public static SentenceFrame Find(string text, TextSpan sentence)
    {
        var start = sentence.Start;
        var end = sentence.End;
        // Closing punctuation and quotes are not content.
        while (end > start && text[end - 1] is '.' or '!' or '?' or '”' or '"' or '’' or ')' or '…' or ' ' or '»')
            end--;
        var parties = new List<Party>();
        var outer = new List<Party>();
        var denial = false;
        var pointsBack = false;

        // Trailing frame: "…, X said.", "…,” X wrote in a letter to Y.", "…, said X, the mayor.", "…, according
        // to X.", "…, – заявили в X", "…, сообщила X."
        // "Про це в ефірі «Радіо Схід» сказав X.": a sentence that opens by pointing back is attribution throughout,
        // whatever quote marks stand inside it.
        var backFirst = BackReference(text, SkipConnectors(text, start, end), end);
        if (backFirst is not null)
            return new SentenceFrame(backFirst, new TextSpan(start, sentence.End), false, true);
        var speech = false;
        if (Trailing(text, start, end) is { } trailing)
        {
            speech = trailing.Speech;
            outer.AddRange(trailing.Parties);
            end = trailing.ContentEnd;
        }

        // Leading frame: "According to X, …", "X, head of Y, said (that) …", "X has denied …", "ISW: …".
        var contentStart = SkipConnectors(text, start, end);
        var framed = outer.Count > 0;
        if (outer.Count == 0 && LeadingHeadline(text, contentStart, end) is { } headline)
        {
            outer.Add(headline.Party);
            contentStart = headline.ContentStart;
        }
        if (LeadingAccordingTo(text, contentStart, end) is { } according)
        {
            outer.Insert(0, according.Party);
            framed = true;
            contentStart = according.ContentStart;
            speech = according.Speech;
            pointsBack = according.PointsBack;
            // "This was stated by X, Olena Koval, at a hearing": what follows the party is the party's
            // name or the occasion; the sentence is attribution throughout.
            if (pointsBack)
                contentStart = end;
        }
        if (BackReference(text, contentStart, end) is { } back)
        {
            // "Об этом сообщил X.", "Про це повідомляє X з посиланням на Y.": the whole sentence is attribution.
            parties.AddRange(back);
            pointsBack = true;
            contentStart = end;
        }
        // A sentence that opens with a quotation has its speaker after it: "“…,” the group said."
        else if (!OpensQuote(text, start) && LeadingSubject(text, contentStart, end,
                     afterConnector: contentStart > SkipQuotes(text, start, end) && (AlsoConnector.IsMatch(text, SkipQuotes(text, start, end)) || (contentStart < end && text[contentStart] is >= 'a' and <= 'z'))) is { } subject)
        {
            parties.Add(subject.Party);
            framed = false;
            contentStart = subject.ContentStart;
            denial = subject.Denial;
            // "The border service reported this", "X сообщил об этом": what the verb reports is what came before.
            if (DemonstrativeOnly.IsMatch(text.AsSpan(contentStart, end - contentStart).ToString()))
            {
                pointsBack = true;
                contentStart = end;
            }
        }
        parties.AddRange(outer);
        // "Approximately half of them, according to the group’s estimate, are contract soldiers": a frame between
        // commas in the middle of the sentence names its party; the content is the sentence around it.
        if (parties.Count == 0 && MidAccordingTo(text, contentStart, end) is { } middle)
        {
            parties.Add(middle.Party);
            framed = true;
            speech = middle.Speech;
        }
        while (contentStart < end && text[contentStart] is ' ' or ',' or ':')
            contentStart++;
        if (contentStart >= end)
            return new SentenceFrame(parties, new TextSpan(start, sentence.End), denial, pointsBack && parties.Count > 0);
        // "…, пишет издание X.", "Как сообщили X, …": a frame around the content, not a subject's, also covers the
        // unattributed sentence right before it.
        var lends = framed && speech && parties.Count > 0 && !denial && !parties[0].Pronoun && !parties[0].Impersonal;
        return new SentenceFrame(parties, new TextSpan(contentStart, end), denial) { Lends = lends };
    }

    private static readonly Regex DemonstrativeOnly = new(@"^\s*(?:this|that|it|so|об этом|это|о том|про це|це)\s*$", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static bool OpensQuote(string text, int start)
    {
        while (start < text.Length && text[start] == ' ')
            start++;
        if (start >= text.Length || text[start] is not ('“' or '"' or '«' or '„'))
            return false;
        // «Медиазона» рассказывает: a name in quotes is followed by a word; a quotation by punctuation or a dash.
        var close = text.IndexOfAny(['”', '"', '»'], start + 1);
        if (close < 0)
            return true;
        var after = text.AsSpan(close + 1).TrimStart(' ');
        // "“This means we can now …,” the group said": punctuation before the closing mark, or more words than
        // a name holds, make it a quotation whatever follows.
        return after.Length == 0 || after[0] is ',' or '.' or '!' or '?' or '—' or '–' or '-' or ':'
            || text[close - 1] is ',' or '.' or '!' or '?' or '…' || Words.Count(text.AsSpan(start, close - start).ToString()) > 6;
    }

    // "Також мати строковика поділилася", "Также мать рассказала": "also" adds another speaker, lower case and all.
    private static readonly Regex AlsoConnector = new(@"\G(?:Также|Також|Кроме того|Крім того),?\s+\p{Ll}", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex FunctionWordBefore = new(@"(?<![\p{L}])(?:the|a|an|of|to|in|on|for|with|by|from|and|or|its|their|his|her)\s*$", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static int SkipQuotes(string text, int start, int end)
    {
        while (start < end && text[start] is '“' or '"' or '‘' or '«' or ' ' or '—' or '–' or '-')
            start++;
        return start;
    }

    private static int SkipConnectors(string text, int start, int end)
    {
        start = SkipQuotes(text, start, end);
        var match = LeadingConnector.Match(text, start, end - start);
        return match.Success && match.Index == start ? start + match.Length : start;
    }

    // "We have documented such cases: …": a personal pronoun or an auxiliary before the colon makes it a clause.
    private static readonly Regex HeadlineClause = new(@"(?<![\p{L}])(?:I|we|you|they|he|she|have|has|had|is|are|was|were|will|would|мы|я|вы|они|ми|ви|вони)(?![\p{L}])",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static (Party Party, int ContentStart)? LeadingHeadline(string text, int start, int end)
    {
        var match = HeadlineFrame.Match(text, start, Math.Min(end, start + 80) - start);
        if (!match.Success || match.Index != start)
            return null;
        var name = match.Groups["party"].Value;
        // "Фото: Reuters", "Update: …" label the text, and a colon after a clause ("He said: …") is no headline frame.
        if (NotHeadlineParties.Contains(name) || Verb.IsMatch(name) || ClauseWord.IsMatch(name) || DateLike.IsMatch(name) || HeadlineClause.IsMatch(name))
            return null;
        var party = MakeParty(text, start, start + name.Length);
        return party is null ? null : (party, match.Index + match.Length);
    }

    private static (Party Party, int ContentStart, bool PointsBack, bool Speech)? LeadingAccordingTo(string text, int start, int end)
    {
        if (Impersonal.Match(text, start, end - start) is { Success: true } impersonal && impersonal.Index == start)
            return (ImpersonalParty(impersonal), SkipComma(text, impersonal.Index + impersonal.Length, end), false, false);
        if (PronounAccording.Match(text, start, end - start) is { Success: true } pronoun && pronoun.Index == start)
        {
            var named = pronoun.Groups["party"];
            return (new Party(named.Value, new TextSpan(named.Index, named.Index + named.Length)) { Pronoun = true }, SkipComma(text, pronoun.Index + pronoun.Length, end), false, false);
        }
        if (StatementOf.Match(text, start, end - start) is { Success: true } statement && statement.Index == start
            && MakeParty(text, statement.Groups["party"].Index, statement.Groups["party"].Index + statement.Groups["party"].Length) is { } speaker)
        {
            var next = statement.Index + statement.Length;
            var that = Regex.Match(text[next..end], @"^,?\s*(?:что|що)?\s*");
            return (speaker, next + that.Length, false, true);
        }
        var match = AccordingTo.Match(text, start, end - start);
        if (!match.Success || match.Index != start)
            return null;
        var group = match.Groups["party"];
        var party = MakeParty(text, group.Index, group.Index + group.Length);
        if (party is null)
            return null;
        return (party, SkipComma(text, match.Index + match.Length, end), BackFrame.IsMatch(match.Groups["frame"].Value), IsSpeechFrame(match.Groups["frame"].Value));
    }

    // ", according to X, …": the frame between commas, its party running to the next comma.
    private static readonly Regex MidFrame = new($@",\s*(?<frame>{AttributionLexicon.Alternation("according")})\s+(?!(?:which|whom|чему|которому|которым|которой|которых|якому|яким|якою|якої|яких)(?![\p{{L}}]))(?<party>[^,;.:]{{2,80}}?)\s*,\s*\S",
        RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static (Party Party, bool Speech)? MidAccordingTo(string text, int start, int end)
    {
        var match = MidFrame.Match(text, start, end - start);
        if (!match.Success || match.Index <= start)
            return null;
        var group = match.Groups["party"];
        return MakeParty(text, group.Index, group.Index + group.Length) is { Pronoun: false } party ? (party, IsSpeechFrame(match.Groups["frame"].Value)) : null;
    }

    private static int SkipComma(string text, int next, int end)
    {
        while (next < end && text[next] is ',' or ' ' or '—' or '–')
            next++;
        return next;
    }

    // The statement named before speaks: PartyRegistry resolves it to the party whose statement it is.
    private static Party ImpersonalParty(Match match) =>
        new("statement", new TextSpan(match.Index, match.Index + match.Length)) { Impersonal = true };

    /// <summary>"Об этом «Вестнику» рассказали в мэрии", "Про це повідомив мер Петро Коваль у Telegram": the parties after the verb.</summary>
    private static List<Party>? BackReference(string text, int start, int end)
    {
        var opener = BackOpener.Match(text, start, end - start);
        if (!opener.Success || opener.Index != start)
            return null;
        var verb = Verb.Match(text, opener.Index + opener.Length, Math.Min(end, opener.Index + opener.Length + 60) - opener.Index - opener.Length);
        if (!verb.Success)
            return null;
        // Between the opener and the verb only a hearer may stand: "Об этом «Ъ» сообщили", "Об этом агентству сообщил".
        // "Про це ввечері у вівторок, 3 травня, пише X": a time phrase, commas and all, is no hearer.
        var between = TimeBetween.Replace(text[(opener.Index + opener.Length)..verb.Index], " ");
        if (Words.Count(between) > 3 || between.Contains(','))
            return null;
        var after = verb.Index + verb.Length;
        // "Про це сказала під час брифінгу в пресцентрі речниця …": the occasion before the party is no part of it.
        var occasion = LeadingOccasion.Match(text, after, end - after);
        if (occasion.Success && occasion.Index == after)
            after += occasion.Length;
        return InvertedParties(text, after, end);
    }

    // Times of day, weekdays and dates between a pointing-back opener and its verb, with the commas around them.
    private static readonly Regex TimeBetween = new(@"\s*,?\s*(?<![\p{L}])(?:вранці|зранку|вдень|увечері|ввечері|вночі|сьогодні|вчора|напередодні|утром|днем|днём|вечером|ночью|сегодня|вчера|накануне|(?:в|у|во)\s+(?:понеділок|вівторок|середу|четвер|п['’]ятницю|суботу|неділю|понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|\d{1,2}\s+\p{L}+(?:\s+\d{4}(?:\s+(?:року|года))?)?)(?![\p{L}])\s*,?",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex LeadingOccasion = new(@"\G\s*(?:під\s+час|во\s+время|в\s+ходе|during|in|at|в|у|на)\s+(?:брифінгу|брифинга|брифинге|ефірі|эфире|інтерв[’']ю|интервью|пресконференції|прес-конференції|пресс-конференции|a\s+briefing|an\s+interview)(?:\s+(?:в|у|на|з|с|with|to|on)\s+(?:«[^»]{1,40}»|“[^”]{1,40}”|""[^""]{1,40}""|\p{Lu}[\p{L}.-]*))?(?=\s)",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex IntroductoryPhrase = new(@"^(?:In|On|At|During|After|Amid|Before|Since|Following|Speaking|Writing|Citing|Earlier|Later|Last|This|В|На|После|У|Під|Після)\b[^,]{0,100},\s+",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static (Party Party, int ContentStart, bool Denial, int VerbIndex)? LeadingSubject(string text, int start, int end, bool afterConnector = false)
    {
        // "Також мати строковика поділилася: …": after a connector the subject may open with a lower-case word.
        // "However, the text of the signed order …": a subject ends in a noun, not in an article or preposition.
        if (afterConnector && start < end && char.IsLower(text[start]) && LeadingSubjectAt(text, start, end, afterIntroduction: true) is { } afterLink
            && !FunctionWordBefore.IsMatch(text[start..afterLink.VerbIndex]))
            return afterLink;
        // "In a video appeal addressed to the president, wives of soldiers said …": the subject follows the
        // introductory phrase.
        var intro = IntroductoryPhrase.Match(text, start, Math.Min(end, start + 160) - start);
        if (intro.Success && intro.Index == start && LeadingSubjectAt(text, start + intro.Length, end, afterIntroduction: true) is { } afterIntro)
            return afterIntro;
        return LeadingSubjectAt(text, start, end, afterIntroduction: false) ?? SubjectAfterClause(text, start, end);
    }

    // A sentence opening with a gerund or a past-tense verb ("Изучив", "Вивчивши", "Having studied") opens a clause, not a name.
    private static readonly Regex VerbalOpener = new(@"^(?:\p{L}+(?:вши|вшись|ив|ав|ев|ыв|ли|ючи|учи|ячи)|Having|Studying|Analy[sz]ing|Reviewing|Examining|Comparing)(?![\p{L}])",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    // ", что", ", що", " that" right after a verb: what it reports follows.
    private static readonly Regex ThatAfterVerb = new(@"^,?\s+(?:that|что|що)(?![\p{L}])", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    /// <summary>
    /// "Сравнив списки, которые …, аналитики сделали вывод, что …", "Having read the files, the monitors
    /// concluded that …": a clause before the subject ends at a comma; the subject is the short noun phrase
    /// between that comma and a reporting verb whose content a "that" opens.
    /// </summary>
    private static (Party Party, int ContentStart, bool Denial, int VerbIndex)? SubjectAfterClause(string text, int start, int end)
    {
        // Most sentences hold no such clause: a comma and a "that" must both be there before a verb is looked for.
        var span = text.AsSpan(start, end - start);
        if (span.IndexOf(',') < 0 || span.IndexOf(" что", StringComparison.Ordinal) < 0 && span.IndexOf(" що", StringComparison.Ordinal) < 0
            && span.IndexOf(" that", StringComparison.Ordinal) < 0)
            return null;
        var window = Math.Min(end, start + 300);
        var verb = Verb.Match(text, start, window - start);
        while (verb.Success && IsNounUse(text, verb))
            verb = verb.NextMatch();
        if (!verb.Success || verb.Index <= start)
            return null;
        var that = ThatAfterVerb.Match(text, verb.Index + verb.Length, end - verb.Index - verb.Length);
        if (!that.Success || that.Index != verb.Index + verb.Length)
            return null;
        var comma = text.LastIndexOf(',', verb.Index - 1, verb.Index - start);
        if (comma <= start)
            return null;
        var piece = text[(comma + 1)..verb.Index];
        if (Words.Count(piece) is 0 or > 4 || ClauseWord.IsMatch(piece) || HasVerb(piece) || RelativeClause.IsMatch(piece)
            || SubjectEndsInConjunction.IsMatch(piece) || PassiveBefore.IsMatch(piece) || piece.Contains('“') || piece.Contains('"'))
            return null;
        var party = MakeParty(text, comma + 1, verb.Index);
        if (party is null || party.Pronoun)
            return null;
        return (party, that.Index + that.Length, false, verb.Index);
    }

    // Words that open or join a clause: a subject holding one is a clause, not a noun phrase.
    private static readonly Regex ClauseWord = new(@"(?<![\p{L}])(?:that|which|because|if|when|while|although|что|чтобы|который|которая|которое|которые|которых|когда|если|потому|хотя|поскольку|що|щоб|який|яка|яке|які|яких|коли|якщо|тому|хоча|оскільки|бо|where|whereas|где|де)(?![\p{L}])",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex HearerBeforeVerb = new(@"\s(?:им|ему|ей|мне|нам|їм|йому|їй|мені)\s*$", RegexOptions.Compiled);

    private static readonly Regex SubjectEndsInConjunction = new(@"(?<![\p{L}])(?:and|or|but|after|before|и|или|а|но|і|й|та|або|але)\s*$", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    // "В пресс-службе сообщили", "У ТЦК пояснили": an institution named by where its statement comes from.
    private static readonly Regex LocativeSubject = new(@"^(?:В|Во|У|в|во|у)\s+(?=\p{L})", RegexOptions.Compiled);

    // The rest of a quoted name whose opening mark was skipped: a capitalized phrase of at most six words, closed.
    private static readonly Regex QuotedName = new(@"^\p{Lu}[^“”""«»„:;,.!?]{0,60}[”""»]$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static (Party Party, int ContentStart, bool Denial, int VerbIndex)? LeadingSubjectAt(string text, int start, int end, bool afterIntroduction)
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
        // "reports emerged that …" reports; "a video had emerged where …" only appeared.
        if (found.Groups["verb"].Value is "emerged" && !ThatAfterVerb.Match(text, found.Index + found.Length, end - found.Index - found.Length).Success)
            return null;
        var subjectEnd = found.Index;
        var subject = text[start..subjectEnd].TrimEnd();
        // The subject is a name with at most one appositive between commas; a clause (a second verb, a quote,
        // a colon, a subordinator, a dash) before the verb means this is not the sentence's frame.
        // A name in quotes is a subject: “Example Post” noted that …, "Медиазона" сообщила, что …
        var unquoted = QuotedName.IsMatch(subject) ? subject[..^1] : subject;
        if (unquoted.Contains('“') || unquoted.Contains('"') || subject.Contains(':') || subject.Contains(';') || subject.Contains(" — ") || subject.Contains(" – "))
            return null;
        if (PassiveBefore.IsMatch(text[start..subjectEnd]))
            return null;
        var pieces = subject.Split(',');
        // "…, said X" and "…, заявил губернатор": a clause that ends in a comma right before the verb is content,
        // and the party follows the verb. A subject ends in a comma only after an appositive ("X, head of Y, said").
        var filled = pieces.Count(p => p.Trim().Length > 0);
        // "they hand over the papers and tell": a subject that ends in a conjunction is half a clause.
        if (SubjectEndsInConjunction.IsMatch(pieces[0]))
            return null;
        if (filled == 1 && pieces.Length > 1 || filled > 3 || Words.Count(pieces[0]) > 14 || ClauseWord.IsMatch(pieces[0]))
            return null;
        // "… in Aryk, Belen and Koza townships, said village residents.": a subject that ends in a comma, with
        // only a short noun phrase after the verb to the sentence's end, is the content of an inverted frame.
        if (subject.EndsWith(',') && InvertedTail.IsMatch(text.AsSpan(found.Index + found.Length, end - found.Index - found.Length).ToString()))
            return null;
        // "Изучив жетоны, …, журналисты пришли к выводу": a participle clause opens the sentence, and the subject
        // is the piece before the verb.
        if (filled > 1 && VerbalOpener.IsMatch(pieces[0].TrimStart()))
            return null;
        for (var i = 1; i < pieces.Length; i++)
        {
            var piece = pieces[i];
            if (piece.Trim().Length == 0)
                continue;
            if (!Appositive.IsMatch(piece) && !StatementPhrase.IsMatch(" " + piece.Trim()) && !IsPlaceLike(piece) && !char.IsDigit(piece.Trim()[0])
                && !RelativeClause.IsMatch(piece) && !IsCyrillicAppositive(piece) && !Parentheticals.Contains(piece.Trim()))
                return null;
        }
        var partyStart = start;
        var locative = LocativeSubject.Match(text, start, subjectEnd - start);
        if (locative.Success && locative.Index == start)
            partyStart += locative.Length;
        var partyEnd = start + pieces[0].Length;
        // "В ДНР им заявили", "У військкоматі йому сказали": where the hearers were told names no speaker; the
        // hearers' account is the story's last speaker's.
        var party = locative.Success && locative.Index == start && HearerBeforeVerb.IsMatch(pieces[0])
            ? new Party("statement", new TextSpan(partyStart, partyEnd)) { Impersonal = true }
            : MakeParty(text, partyStart, partyEnd);
        if (party is null)
            return null;
        // "told Kyiv Post that", "told journalists that": the hearer is part of the frame.
        var contentStart = found.Index + found.Length;
        var after = text[contentStart..end];
        var that = Regex.Match(after, @"^,?\s+(?:[^,.“”""]{0,60}?\s)?(?:that|что|що)(?![\p{L}])");
        if (found.Groups["verb"].Value is "told" or "tells" or "asked" && !that.Success)
        {
            var hearer = Regex.Match(after, @"^\s+(?:the\s+)?(?:\p{Lu}[\p{L}.’'-]*\s+){0,4}|^\s+(?:reporters|journalists|media|us|him|her|them)\s+");
            contentStart += hearer.Length;
        }
        else if (that.Success)
            contentStart += that.Length;
        return (party, contentStart, denial, found.Index);
    }

    // "Анна Петрова, мать срочника, служащего в Брянской области, написала": Russian and Ukrainian
    // appositives and participle phrases open with a lower-case word and hold no subordinator.
    private static bool IsCyrillicAppositive(string piece)
    {
        var trimmed = piece.Trim();
        return trimmed.Length > 0 && char.IsLower(trimmed[0]) && trimmed[0] is >= 'а' and <= 'ӿ' && Words.Count(trimmed) <= 6 && !ClauseWord.IsMatch(trimmed) && !IsOpenerPiece(trimmed);
    }

    private static bool IsPlaceLike(string piece)
    {
        var trimmed = piece.Trim();
        // "The administration in Tokmak, Zaporizhzhia Oblast, claimed": a place appositive.
        return trimmed.Length > 0 && char.IsUpper(trimmed[0]) && Words.Count(trimmed) <= 4;
    }

    private sealed record TrailingFrame(List<Party> Parties, int ContentEnd)
    {
        // A reporting verb or words ("…, пишет X", "…, as X said"), not a count or a data source ("по данным X").
        public bool Speech { get; init; }
    }

    // "как сообщили X", "як повідомляє X", "по словам X", "за словами X", "in the words of X": someone speaks;
    // "по данным X", "according to X's estimate", "по подсчетам X" only source a figure.
    private static bool IsSpeechFrame(string frame) =>
        frame.StartsWith("как ", StringComparison.OrdinalIgnoreCase) || frame.StartsWith("як ", StringComparison.OrdinalIgnoreCase)
        || frame.Contains("слов", StringComparison.OrdinalIgnoreCase) || frame.Contains("words", StringComparison.OrdinalIgnoreCase);

    private static readonly Regex QuotedBy = new(@"^\s*(?:as\s+)?(?:quoted|cited) by\s+(?<via>.+?)\s*$", RegexOptions.Compiled);

    private static readonly Regex IndefiniteAppositive = new(@"^\s*(?:a|an)\s+\p{Ll}", RegexOptions.Compiled);

    private static readonly Regex TrailingTail = new(@"^\s*(?:$|,|(?:on|in|at|to|during|last|this|earlier|later|late|yesterday|today|recently|previously|when|after|before|while|on|via|from|of|with|for|—|–|\(|в|у|на|во|со|з|із|сегодня|вчера|сьогодні|вчора|ранее|раніше|также|також|журналистам|журналістам|изданию|виданню|агентству|агентству)(?![\p{L}])|\()",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex TailClause = new(@",\s*(?:adding|noting|explaining|saying|stressing|who|whose|добавив|добавила|добавили|отметив|отметила|уточнив|уточнила|подчеркнув|подчеркнула|который|которая|которые|чей|чья|чьё|чье|додавши|зазначивши|уточнивши|наголосивши|який|яка|які|чий|чия|чиє)(?![\p{L}])",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex RelativeClause = new(@"^\s*(?:who|which|whose|where|который|которая|которые|кто|який|яка|які|хто)(?![\p{L}])", RegexOptions.Compiled);

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
            // "…,” said a neighbour, adding that …", "…, says Pavlo, who …": a clause after the party's comma
            // describes it and is no part of the frame's tail.
            if (TailClause.Match(tail) is { Success: true } clause)
                tail = tail[..clause.Index];
            var hears = verb.Groups["verb"].Value is "told" or "tells" or "asked";
            if (Words.Count(tail) > 16 || tail.Contains(" that ", StringComparison.Ordinal) || ThatAfterVerb.IsMatch(tail) || ClauseWord.IsMatch(tail) && !tail.Contains(','))
                continue;
            var boundary = LastBoundary(text, start, verbStart);
            if (boundary < 0)
                continue;
            var invertedForm = !hears && (IsEmptyPiece(text[(boundary + 1)..verbStart]) || IsOpenerPiece(text[(boundary + 1)..verbStart]));
            if (!invertedForm && !(hears ? Words.Count(tail) <= 8 : TrailingTail.IsMatch(tail)))
                continue;
            var relays = new List<Party>();
            Party? party = null;
            var pieceEnd = verbStart;
            var afterComma = false;
            // Walk back over the pieces between commas: "…, X, as quoted by Y, insisted", "…” X, who heads Z, wrote".
            for (var step = 0; step < 4 && boundary >= 0; step++)
            {
                var piece = text[(boundary + 1)..pieceEnd];
                if (IsEmptyPiece(piece) || step == 0 && IsOpenerPiece(piece))
                {
                    if (step == 0)
                    {
                        // "…, said X, the mayor.", "…, – заявили в Генштабі.", "…, повідомляє X з посиланням на Y."
                        // "Оксана Деева, мать срочника, опубликовала петицию": a subject before the verb makes the
                        // words after it the object, not the party.
                        var subject = LeadingSubject(text, SkipConnectors(text, start, end), end);
                        if (!hears && subject?.VerbIndex != verbStart && InvertedParties(text, verbEnd, end) is { } named)
                        {
                            party = named[0];
                            relays.AddRange(named.Skip(1));
                            break;
                        }
                        // "…, X, who heads Z, wrote": the walk goes on over the appositive. Without one, the clause
                        // before the comma is content, never the party ("…, заявил губернатор").
                        afterComma = true;
                    }
                }
                else if (QuotedBy.Match(piece) is { Success: true } quoted)
                {
                    var via = MakeParty(text, boundary + 1 + quoted.Groups["via"].Index, boundary + 1 + quoted.Groups["via"].Index + quoted.Groups["via"].Length);
                    if (via is not null)
                        relays.Add(via);
                }
                else if (IndefiniteAppositive.IsMatch(piece) && boundary > start && LastBoundary(text, start, boundary) is var previous && previous >= 0 && text[previous] is '”' or '"' or '»')
                {
                    // "…,” one of the detained men, a citizen of Tajikistan, told …": the appositive describes the
                    // speaker named right after the quote.
                }
                else if (!RelativeClause.IsMatch(piece))
                {
                    if (afterComma && step == 1)
                        break;
                    // A party before the verb is a noun phrase: a clause ("…, губернатор признал, что …" aside)
                    // with a subordinator or another reporting verb is content.
                    // "— they hand over the papers and tell them to come": a piece ending in a conjunction is half a clause.
                    if (!ClauseWord.IsMatch(piece) && !HasVerb(piece) && !SubjectEndsInConjunction.IsMatch(piece))
                        party = MakeParty(text, boundary + 1, pieceEnd);
                    break;
                }
                pieceEnd = boundary;
                boundary = LastBoundary(text, start, boundary);
            }
            if (party is null || boundary < 0 || Words.Count(party.Name) > 12)
                continue;
            frame = new TrailingFrame([party, .. relays], ContentEndBefore(text, start, boundary)) { Speech = true };
        }
        var impersonal = Impersonal.Match(text, start, end - start);
        if (frame is null && impersonal.Success && impersonal.Index > start && impersonal.Index + impersonal.Length >= end - 1)
            return new TrailingFrame([ImpersonalParty(impersonal)], ContentEndBefore(text, start, impersonal.Index));
        var according = AccordingTo.Match(text, start, end - start);
        while (according.Success && according.Index == start)
            according = according.NextMatch();
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
                        return new TrailingFrame([party], contentEnd) { Speech = IsSpeechFrame(according.Groups["frame"].Value) };
                    // "…, the outlet reported, citing witnesses": the outlet makes the claim; the witnesses it cites
                    // follow it. "…, X said, according to Y": Y relays X.
                    return frame with
                    {
                        Parties = [.. frame.Parties, party],
                        ContentEnd = Math.Min(frame.ContentEnd, contentEnd),
                    };
                }
            }
        }
        return frame;
    }

    // "officials and news reports said": "reports" is a noun there, not a second verb.
    private static bool HasVerb(string piece) => Verb.Matches(piece).Any(m => !IsNounUse(piece, m));

    // "…, о чем сообщил X", "…, про що повідомив X": the opener points back to the clause before.
    private static bool IsOpenerPiece(string piece) => BackOpener.Match(piece.Trim()) is { Success: true } opener && opener.Length == piece.Trim().Length;

    private static bool IsEmptyPiece(string piece) => piece.Trim().Trim('-', '—', '–', ' ').Length == 0;

    // What ends a party named after its verb: a medium or occasion ("in a statement", "у Telegram", "на брифинге"),
    // a date, or a time word.
    private static readonly Regex MediumTail = new(@"\s+(?:(?:в|у|на|во|in|on|at|via|to|during)\s+(?:своем\s+|своём\s+|своей\s+|своєму\s+|своїй\s+|его\s+|її\s+|його\s+|his\s+|her\s+|their\s+|its\s+|an?\s+|the\s+)?(?:Telegram|Телеграм|телеграм|Telegram-канал|Facebook|Фейсбук|фейсбук|Instagram|Twitter|X|соцсет|соцмереж|интервью|інтерв|эфир|ефір|брифинг|брифінг|пресс-конференц|прес-конференц|пресконференц|обращени|звернен|видео|відео|заявлени|заяв|комментари|коментар|statement|interview|post|video|briefing|press|social|a\s+letter|letter|televised|TV|телеэфир|телемарафон|разговор|розмов|беседе|бесіді)|\s*\d|(?:сегодня|вчера|сьогодні|вчора|ранее|раніше|также|також|today|yesterday|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)))(?![\p{L}]).*$",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    // A hearer right after the verb, before the party: "рассказывает "Медиазоне" X", "сообщил журналистам X".
    private static readonly Regex LeadingHearer = new(@"^(?:«[^»]{1,40}»|""[^""]{1,40}""|“[^”]{1,40}”|журналистам|журналістам|изданию|виданню|агентству|нам|мне|мені|ему|йому|ей|їй|reporters|journalists)\s+(?=\S)",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    // English words after an inverted verb that show it was no inversion: "said to be", "said that", "said in".
    private static readonly Regex NotInvertedStart = new(@"^(?:to|that|in|on|at|by|it|so|this|there|about|of|for|as|и|и|что|що|о|об|про|по|до|не|ни|ні)(?![\p{L}])",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    /// <summary>
    /// The party named after an inverted verb ("said Ivan Federiv, the mayor", "said officials in Belgorod",
    /// "заявил губернатор", "повідомили в Генштабі", "повідомляє сільрада з посиланням на очевидців"): a noun
    /// phrase up to a comma or the end, then the party it cites, if any.
    /// </summary>
    private static List<Party>? InvertedParties(string text, int verbEnd, int end)
    {
        var from = verbEnd;
        while (from < end && text[from] is ' ' or '—' or '–')
            from++;
        if (from >= end || NotInvertedStart.IsMatch(text.AsSpan(from, Math.Min(8, end - from)).ToString() + " "))
            return null;
        var stop = from;
        var depth = 0;
        for (; stop < end; stop++)
        {
            var c = text[stop];
            if (c is '(' or '[')
                depth++;
            else if (c is ')' or ']')
                depth = Math.Max(0, depth - 1);
            else if (depth == 0 && c is ',' or ';' or ':' or '(')
                break;
        }
        var phrase = text[from..stop];
        if (ClauseWord.Match(phrase) is { Success: true } clause)
            phrase = phrase[..clause.Index];
        var hearer = LeadingHearer.Match(phrase);
        var skip = hearer.Success ? hearer.Length : 0;
        var result = new List<Party>();
        // The cited party comes after the hearer ("told reporters, citing …"), never inside it.
        var citing = CitingInside.Match(phrase, skip);
        var mainEnd = citing.Success ? citing.Index : phrase.Length;
        var main = phrase[skip..mainEnd];
        var locative = LocativeSubject.Match(main);
        if (locative.Success)
            skip += locative.Length;
        var medium = MediumTail.Match(phrase, skip, mainEnd - skip);
        var partyEnd = medium.Success && medium.Index > skip ? medium.Index : mainEnd;
        if (Words.Count(text.AsSpan(from + skip, partyEnd - skip).ToString()) > 12)
            return null;
        var party = MakeParty(text, from + skip, from + partyEnd);
        if (party is null)
            return null;
        result.Add(party);
        if (citing.Success && MakeParty(text, from + citing.Index + citing.Length, from + phrase.Length) is { } cited)
            result.Add(cited);
        return result;
    }

    /// <summary>The last comma, dash or closing quote before <paramref name="position"/>, not inside brackets.</summary>
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
            else if (depth == 0 && (c is ',' or '”' or '"' or '—' or '–' or '»' || c == '-' && text[i - 1] == ' ' && i + 1 < text.Length && text[i + 1] == ' '))
                return i;
        }
        return -1;
    }

    private static int ContentEndBefore(string text, int start, int boundary)
    {
        var end = boundary;
        // A closing quote belongs to the content; the comma or dash before it does not.
        if (end < text.Length && text[end] is '”' or '"' or '»')
            end++;
        while (end > start && text[end - 1] is ',' or ' ' or '”' or '"' or '»' or '—' or '–' or '-')
            end--;
        return end;
    }

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "he", "she", "they", "him", "her", "his", "them", "their",
        "он", "она", "они", "его", "ее", "её", "их", "него", "нее", "неё", "них",
        "він", "вона", "вони", "його", "її", "їх", "нього", "неї", "них",
    };

    // Words that stand where a party would but name none: "it", "we", "this" ("Это говорит о том, что …").
    private static readonly HashSet<string> NotParties = new(StringComparer.OrdinalIgnoreCase)
    {
        "it", "we", "I", "this", "that", "there", "here", "мы", "я", "это", "то", "все", "всё", "там", "тут", "здесь", "тогда", "ми", "це", "те", "усі", "всі", "тоді",
    };

    /// <summary>True when the name <paramref name="raw"/> (found at or after <paramref name="start"/>) follows "в", "во" or "у".</summary>
    private static bool Located(string text, int start, string raw)
    {
        if (Regex.IsMatch(raw, @"^(?:в|во|у)\s", RegexOptions.IgnoreCase))
            return true;
        var i = start;
        while (i > 0 && text[i - 1] == ' ')
            i--;
        var word = i;
        while (word > 0 && char.IsLetter(text[word - 1]))
            word--;
        return i - word is 1 or 2 && text.AsSpan(word, i - word) is var w
            && (w.Equals("в", StringComparison.OrdinalIgnoreCase) || w.Equals("во", StringComparison.OrdinalIgnoreCase) || w.Equals("у", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when the whole of <paramref name="name"/> is one place of the gazetteer.</summary>
    private static bool IsPlaceName(string name)
    {
        var bare = Regex.Replace(name, @"^(?:в|во|у)\s+|\s+(?:им|ему|ей|мне|нам|їм|йому|їй|мені)$", "", RegexOptions.IgnoreCase);
        var offset = name.IndexOf(bare, StringComparison.Ordinal);
        var mentions = Gazetteer.Default.Find(name, offset, offset + bare.Length);
        return mentions.Count == 1 && mentions[0].Start == offset && mentions[0].End == offset + bare.Length;
    }

    // What follows an inverted verb to the sentence's end: a party of a few words ("village residents", "the mayor of
    // Kherson"), no clause.
    private static readonly Regex InvertedTail = new(@"^\s+(?:the\s+|a\s+|an\s+)?\p{Lu}[\p{L}’'.-]*(?:\s+[\p{L}’'.-]+){0,5}\s*$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    // "X, however, denied …", "X, в свою очередь, заявил …": a word between commas that leaves the subject as it is.
    private static readonly HashSet<string> Parentheticals = new(AttributionLexicon.Forms("parenthetical"), StringComparer.OrdinalIgnoreCase);

    // "Напомним, в сентябре объявили …": the writer's aside, never a party.
    private static readonly HashSet<string> Asides = new(AttributionLexicon.Forms("aside"), StringComparer.OrdinalIgnoreCase);

    private static bool ClosesNoQuoteInside(string text, int start, int end) => text[end - 1] switch
    {
        '»' => text.IndexOf('«', start, end - 1 - start) < 0,
        '”' => text.IndexOfAny(['“', '„'], start, end - 1 - start) < 0,
        '"' => text.IndexOf('"', start, end - 1 - start) < 0,
        _ => false,
    };

    private static Party? MakeParty(string text, int start, int end)
    {
        while (start < end && text[start] is ' ' or ',' or '“' or '"' or '”' or '—' or '–' or '-' or '«' or '»')
            start++;
        // A closing quote stays only when its opening one is inside the name: «Русь Сидящая», not “Example Post”.
        while (end > start && (text[end - 1] is ' ' or ',' or '.' or '—' or '–' or '-' || ClosesNoQuoteInside(text, start, end)))
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
        var medium = MediumTail.Match(raw);
        if (medium.Success && medium.Index > 0)
            raw = raw[..medium.Index];
        raw = raw.Trim();
        if (raw.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
            raw = raw[4..];
        // "в пресс-службе", "у ГУР": the institution, without the preposition that says its statement came from it.
        if (Regex.Match(raw, @"^(?:в|во|у)\s+(?=\p{L})") is { Success: true } locative)
            raw = raw[locative.Length..];
        var words = Words.Count(raw);
        if (words is 0 or > 14)
            return null;
        // "В Крыму объявили мобилизацию", "у Херсоні повідомили": where it was said, not who said it; an institution
        // after the preposition ("в Минобороны", "у ГУР") is a party.
        if (Located(text, start, raw) && IsPlaceName(raw))
            return null;
        // "В ДНР им заявили": the hearer is no part of the name.
        raw = Regex.Replace(raw, @"\s+(?:им|ему|ей|мне|нам|їм|йому|їй|мені|нам)$", "");
        // "по его же словам": the particle is no part of the name.
        var bare = Regex.Replace(raw, @"\s+(?:же|ж)$", "");
        var offset = text.IndexOf(raw, start, end - start, StringComparison.Ordinal);
        var span = new TextSpan(offset < 0 ? start : offset, (offset < 0 ? start : offset) + raw.Length);
        // A pronoun stands for a party named before; "it", "we" and "I" rarely name one the story has named.
        if (Pronouns.Contains(bare))
            return new Party(bare, span) { Pronoun = true };
        if (NotParties.Contains(raw) || Asides.Contains(raw) || raw.Contains(" that ", StringComparison.Ordinal))
            return null;
        return new Party(raw, span);
    }
}
