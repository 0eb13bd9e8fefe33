using System.Text.RegularExpressions;
using Muster.Attribution;
using Muster.Dates;
using Muster.Pipeline;
using Muster.Places;
using Muster.Quantities;
using Muster.Relevance;
using Muster.Text;

namespace Muster.Claims;

/// <summary>
/// Finds a story's claims: each sentence of an article (or of a relevant sidebar) is framed for attribution,
/// split into clauses, and matched against the taxonomy's triggers; each claim gets its evidence (the clause),
/// stance, places, quantity, source and relay chain, date and a confidence. A story with a claim is relevant.
/// Teasers (truncated leads of other stories) and author cards give no claims.
/// </summary>
public sealed class ClaimFinder : IStoryAnnotator
{
    // The words of these patterns are data (Claims/Data/clauses.LANG.txt); the patterns give them their places.
    // Clauses joined by a contrast are separate statements (a hedge or a count in one does not reach the other).
    private static readonly Regex ClauseBreak = new($@"(?:,\s+(?:{ClauseLexicon.Alternation("clause_break")})\s+|;\s+|\s+—\s+(?:{ClauseLexicon.Alternation("dash_break")})\s+)",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex PurposeCut = Clause($@",?\s+(?:{ClauseLexicon.Alternation("purpose")})(?![\p{{L}}])");

    private static readonly Regex DemandObject = Clause(Word("demand_object"));

    private static readonly Regex SpeechActVerb = Clause($@"(?<![\p{{L}}])(?:(?:have|has|had)\s+)?(?:{ClauseLexicon.Alternation("speech_act")})(?![\p{{L}}])");

    private static readonly Regex Hypothetical = Clause(Word("hypothetical"));

    private static readonly Regex Modal = Clause($@"(?<![\p{{L}}])(?:{ClauseLexicon.Alternation("modal")})\s+$");

    private static readonly Regex Contrast = Clause(Opening("contrast_opener"));

    // "Напомним, …", "Since February 2022 …", "Раніше …": the outlet's own background, which neither it nor the
    // sentences after it take from a party quoted before.
    private static readonly Regex Background = Clause(Opening("background_opener"));

    // "… villages of one street: there they took 20 men": a word right after a colon that points back through it.
    private static readonly Regex AnaphorAfterColon = Clause(Opening("anaphor"));

    private static readonly Regex Additive = Clause(Word("additive"));

    private static readonly Regex LeadingConnectors = Clause($@"^(?:(?:{ClauseLexicon.Alternation("connector")}),?\s+)+");

    private static readonly Regex LeadingClauseWord = Clause($@"^(?:{ClauseLexicon.Alternation("clause_word")})\s+");

    private static Regex Clause(string pattern) => new(pattern, RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // A section's phrases as whole words anywhere, or at the start of the text.
    private static string Word(string section) => $@"(?<![\p{{L}}])(?:{ClauseLexicon.Alternation(section)})(?![\p{{L}}])";

    private static string Opening(string section) => $@"^(?:{ClauseLexicon.Alternation(section)})(?![\p{{L}}])";

    private readonly ClaimTaxonomy _taxonomy;
    private readonly PlaceResolver _places;
    private readonly RelevanceClassifier _relevance;

    /// <summary>Creates the stage with a taxonomy, a place resolver and the subject relevance classifier.</summary>
    public ClaimFinder(ClaimTaxonomy taxonomy, PlaceResolver places, RelevanceClassifier relevance)
    {
        _taxonomy = taxonomy;
        _places = places;
        _relevance = relevance;
    }

    /// <summary>The stage with Muster's taxonomy and gazetteer.</summary>
    public static ClaimFinder Default => new(ClaimTaxonomy.Default, PlaceResolver.Default, RelevanceClassifier.Default);

    private sealed record Candidate(ClaimType Type, TextSpan Trigger, TextSpan Clause, bool Weak);

    /// <inheritdoc />
    public Story Annotate(PageDocument page, Story story)
    {
        if (story.Role is StoryRole.Teaser or StoryRole.Author)
            return story;
        if (story.Role == StoryRole.Sidebar && !story.Relevant)
            return story;
        var text = page.Text;
        // Surveyed only when the story has a claim to place: most sidebars and many articles have none.
        var survey = new Lazy<StoryGeography>(() => _places.Survey(text, story.Paragraphs));
        var registry = new PartyRegistry();
        registry.NoteHeadline(story.Title);
        var claims = new List<Claim>();
        SentenceFrame? carried = null;
        for (var p = 0; p < story.Paragraphs.Count; p++)
        {
            var paragraph = story.Paragraphs[p];
            var sentences = SentenceSplitter.Split(text, paragraph.Start, paragraph.End);
            var frames = sentences.Select(s =>
            {
                Pipeline.PageBudget.Check("attribution");
                return AttributionFinder.Find(text, s);
            }).ToList();
            var inParagraph = new List<Claim>();
            // The next paragraph's opening frame, found once, only if a claim here needs a source to borrow.
            var nextParagraph = new Lazy<SentenceFrame?>(() => NextParagraphFrame(text, story, p), LazyThreadSafetyMode.None);
            var leadLender = new Lazy<SentenceFrame?>(() => NextParagraphLender(text, story, p), LazyThreadSafetyMode.None);
            var openings = new Openings(text, sentences);
            for (var s = 0; s < sentences.Count; s++)
            {
                Pipeline.PageBudget.Check("claims");
                var sentence = sentences[s];
                var frame = frames[s];
                var sentenceText = text[sentence.Start..sentence.End];
                // The literals the taxonomy's patterns need, found once: most patterns cannot match most sentences.
                var present = _taxonomy.Literals.Scan(text, sentence.Start, sentence.End);
                if (_taxonomy.Exclude?.IsMatch(sentenceText, present) == true)
                    continue;
                var candidates = Candidates(text, sentence, sentenceText, frame, present);
                if (candidates.Count == 0)
                {
                    registry.Note(frame.Parties);
                    continue;
                }
                var (source, via, sourceHead) = Attribute(text, sentences, frames, s, page.Outlet, registry, nextParagraph, carried, p == 0, leadLender, openings);
                var quantities = AssignQuantities(text, frame.Content, candidates);
                var dates = DateRecognizer.Find(sentenceText, story.Published, sentence.Start);
                foreach (var candidate in candidates)
                {
                    var evidence = Trim(text, candidate.Clause);
                    var stance = StanceDetector.Decide(text, sentence, candidate.Clause, candidate.Trigger, frame.Denial, candidate.Type.Code);
                    var (claimSource, claimVia, head) = (source, via, sourceHead);
                    if (candidate.Type.Code == "grievance" && SpeechActSubject(text, candidate.Clause, sentence) is { } complainer)
                    {
                        claimVia = source is null ? claimVia : [source, .. claimVia.Where(v => v != source)];
                        claimSource = complainer.Name;
                        head = complainer.Span;
                    }
                    var geography = survey.Value;
                    var places = _places.Resolve(text, evidence, geography).ToList();
                    // A claim whose own words name no region takes the one its source is placed in: "the Tula
                    // region's administration told reporters", "an enlistment officer in Krasnodar insisted".
                    if (head is { } h && places.All(pl => pl.Code is null))
                        places.AddRange(_places.ResolveSource(text, h, geography).Where(pl => pl.Code is not null));
                    var claim = new Claim
                    {
                        Type = candidate.Type.Code,
                        Stance = stance,
                        Evidence = text[evidence.Start..evidence.End],
                        Span = evidence,
                        Places = places,
                        Quantity = quantities.GetValueOrDefault(candidate),
                        Source = claimSource,
                        Via = claimVia,
                        Date = ClaimDate(dates, frame, candidate.Trigger),
                        Confidence = Confidence(candidate, frame),
                    };
                    // One claim of a type per paragraph: a paragraph that goes on about the same happening
                    // ("…, the Center reported. Another round of mobilization will …") is one claim, unless the
                    // places differ or the sentence gives a count of its own (another count is another happening). A
                    // sentence with an attribution of its own reports on its own, even from the same party.
                    // "Passersby were also seized in …", "повестки получили также …": an additive word reports another
                    // happening of the kind, never the same one again.
                    if (!frame.Attributed && !Additive.IsMatch(sentenceText)
                        && inParagraph.Any(c => c.Type == claim.Type && c.Source == claim.Source && CompatiblePlaces(c, claim) && SameCount(c, claim)))
                        continue;
                    inParagraph.Add(claim);
                }
            }
            claims.AddRange(inParagraph);
            // A paragraph that is one attributed sentence ("Про це інформує пресцентр СБУ.") is the report line of
            // the short paragraphs after it, until one attributes again or opens the outlet's background.
            if (frames.Count == 1 && frames[0].Attributed && !frames[0].Denial && frames[0].PointsBack)
                carried = frames[0];
            else if (carried is not null && (frames.Any(f => f.Attributed) || openings.Since(sentences.Count - 1) > 0))
                carried = null;
        }
        return story with { Claims = claims, Relevant = story.Relevant || claims.Count > 0 };
    }

    private List<Candidate> Candidates(string text, TextSpan sentence, string sentenceText, SentenceFrame frame, LiteralPrefilter.Present present)
    {
        var content = frame.Content;
        List<TextSpan>? clauses = null;
        var found = new List<Candidate>();
        foreach (var type in _taxonomy.Types)
        {
            if (type.Context is not null && !type.Context.IsMatch(sentenceText, present))
                continue;
            var match = type.Triggers?.FirstMatch(text, content, present);
            // A reporting verb that is itself the happening ("Власти объявили мобилизацию", "Матери жалуются на
            // условия"): the trigger is the frame's verb or runs from it into the content (a space, a comma and
            // "что"/"що"/"that" may stand between).
            if (match is null && frame.Attributed && content.Start > sentence.Start
                && type.Triggers?.FirstMatch(text, sentence, present) is { } wide && wide.Start < content.Start && wide.End > content.Start - 7)
                match = wide;
            var weak = false;
            if (match is null && type.Weak is not null)
            {
                match = type.Weak.FirstMatch(text, content, present);
                weak = match is not null;
            }
            if (match is not { } trigger)
                continue;
            clauses ??= Clauses(text, content);
            var clause = trigger.Start < content.Start
                ? new TextSpan(trigger.Start, clauses[0].End)
                : clauses.FirstOrDefault(c => c.Start <= trigger.Start && trigger.Start < c.End, content);
            // "… letters describing the same thing: recruiters came to the colony and …": what follows a colon is
            // the content the words before it announce; a trigger after the colon has its evidence there.
            var colon = text.LastIndexOf(':', Math.Max(clause.Start, trigger.Start - 1), Math.Max(0, trigger.Start - clause.Start));
            // An anaphor right after the colon ("… villages of one street: there they took 20 men") points back to
            // what came before it, and the clause goes on through the colon.
            if (colon > clause.Start && colon + 2 <= trigger.Start && text[colon + 1] == ' '
                && !AnaphorAfterColon.IsMatch(text.AsSpan(colon + 2, Math.Min(12, text.Length - colon - 2))))
                clause = new TextSpan(colon + 2, clause.End);
            // A trigger that runs past a clause break ("отправить на передовую, а затем …") keeps its whole match
            // in its evidence.
            if (trigger.End > clause.End)
                clause = new TextSpan(clause.Start, Math.Min(trigger.End, content.End));
            found.Add(new Candidate(type, trigger, clause, weak));
        }
        // What a demand asks to stop ("called on the ministry to stop deploying conscripts", "measures against the
        // deployment of conscripts") is the grievance's object, not a report that the thing happens.
        found.RemoveAll(c => c.Type.Code != "grievance" && DemandedAgainst(text, c.Clause.Start, c.Trigger.Start));
        // "will avoid the front if they can": a hypothetical, not a report that something happens.
        found.RemoveAll(c => Hypothetical.IsMatch(text[c.Trigger.End..Math.Max(c.Trigger.End, c.Clause.End)]) && Modal.IsMatch(text[Math.Max(c.Clause.Start, c.Trigger.Start - 12)..c.Trigger.Start]));
        return found;
    }

    private static bool DemandedAgainst(string text, int clauseStart, int triggerStart)
    {
        var from = Math.Max(clauseStart, triggerStart - 40);
        var before = text[from..triggerStart];
        var match = DemandObject.Matches(before).LastOrDefault();
        if (match is null)
            return false;
        var gap = before[(match.Index + match.Length)..];
        return gap.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3;
    }

    private static List<TextSpan> Clauses(string text, TextSpan content)
    {
        var clauses = new List<TextSpan>();
        var start = content.Start;
        foreach (Match match in ClauseBreak.Matches(text[content.Start..content.End]))
        {
            var breakStart = content.Start + match.Index;
            if (breakStart > start)
                clauses.Add(new TextSpan(start, breakStart));
            start = breakStart + match.Length;
        }
        if (content.End > start)
            clauses.Add(new TextSpan(start, content.End));
        return clauses;
    }

    /// <summary>The evidence: the clause, without leading connectors, cut before a purpose or contrast tail.</summary>
    private static TextSpan Trim(string text, TextSpan clause)
    {
        var start = clause.Start;
        var end = clause.End;
        var lead = LeadingConnectors.Match(text, start, end - start);
        if (lead.Success)
            start += lead.Length;
        var cut = PurposeCut.Match(text, start, end - start);
        if (cut.Success && cut.Index > start + 20)
            end = cut.Index;
        while (end > start && text[end - 1] is ',' or ' ' or ';' or ':' or '—' or '–')
            end--;
        return new TextSpan(start, end);
    }

    private static (string? Source, IReadOnlyList<string> Via, TextSpan? Head) Attribute(string text, IReadOnlyList<TextSpan> sentences,
        IReadOnlyList<SentenceFrame> frames, int index, string? outlet, PartyRegistry registry, Lazy<SentenceFrame?> nextParagraph,
        SentenceFrame? carried, bool lead, Lazy<SentenceFrame?> leadLender, Openings openings)
    {
        var frame = frames[index];
        if (!frame.Attributed)
        {
            // A quotation running over several sentences takes the attribution at its end; otherwise the
            // paragraph goes on reporting the party it named before, or names after.
            // A denial is its party's alone, and a sentence opening with "However" turns away from what came before.
            var opensQuote = OpensQuotation(text, sentences[index].Start);
            // A paragraph that opens a quotation ("“…", "— …", "- …") holds it until the sentence that attributes
            // it: every sentence before that one is inside the quotation.
            // A quotation opened by a quote mark holds while that mark is still open: "“… . … ,” X said."
            var inQuote = opensQuote || OpensQuotation(text, sentences[0].Start) && frames.Take(index).All(f => !f.Attributed)
                && (text[sentences[0].Start] is '—' or '–' or '-' || frames.All(f => !f.Attributed)
                    || QuoteStillOpen(text, sentences[0].Start, sentences[index].Start));
            var contrasts = openings.Turns(index);
            // A later sentence lends its party only when it points back ("Об этом сообщил X."); an attributed
            // sentence after this one speaks for itself ("Власти признали, что …" does not make the sentence
            // before theirs). A paragraph with no attribution takes the next paragraph's pointing-back sentence,
            // else the report line carried from the paragraphs before, else (in a story's lead) the party its next
            // paragraph frames; otherwise it is the outlet's own.
            var next = frames.Skip(index + 1).FirstOrDefault(f => f.Attributed && !f.Denial);
            var paragraphAttributed = frames.Any(f => f.Attributed);
            var borrowed = inQuote
                ? frames.Skip(index + 1).FirstOrDefault(f => f.Attributed) ?? QuotationLeadIn(text, sentences, frames)
                : contrasts ? null
                : (next is { PointsBack: true } ? next : null)
                  ?? (index + 1 < frames.Count && frames[index + 1] is { Lends: true } lender ? lender : null)
                  ?? frames.Take(index).Skip(openings.Since(index)).LastOrDefault(f => f.Attributed && !f.Denial)
                  ?? (paragraphAttributed ? null : nextParagraph.Value is { PointsBack: true } pointsBack ? pointsBack : null)
                  ?? (paragraphAttributed || carried is null || openings.Since(index) > 0 ? null : carried)
                  // A story's lead states the news and its next paragraph says who reported it ("…, пишет
                  // издание X.", "…, повідомляє ДПСУ.").
                  ?? (paragraphAttributed || !lead ? null : leadLender.Value);
            if (borrowed is not null)
                frame = borrowed;
        }
        if (!frame.Attributed)
            return (outlet, [], null);
        var parties = frame.Parties;
        // "Павел тоже из Гомеля. Он рассказал …": a pronoun stands for the name the sentence before opens with,
        // when that sentence attributed nothing (a speaker named in a frame is the registry's to resolve).
        var at = -1;
        for (var f = 0; f < frames.Count && parties[0].Pronoun && at < 0; f++)
            at = ReferenceEquals(frames[f], frame) ? f : -1;
        if (at > 0 && SingularPronoun.IsMatch(parties[0].Name) && !frames[at - 1].Attributed && OpeningName(text, sentences[at - 1]) is { } named)
            parties = [named, .. parties.Skip(1)];
        // "A group of Kenyan workers have written … . They have said that …": "they" stands for the group the sentence
        // before opens with, when that sentence attributed nothing.
        else if (at > 0 && PluralPronoun.IsMatch(parties[0].Name) && !frames[at - 1].Attributed && AttributionFinder.OpeningGroup(text, sentences[at - 1]) is { } group)
            parties = [group, .. parties.Skip(1)];
        var names = registry.ResolveFrame(parties);
        // A frame borrowed from another sentence is registered there already; resolving twice is harmless.
        var via = names.Skip(1).ToList();
        if (outlet is not null && !names.Any(n => n.Contains(outlet, StringComparison.OrdinalIgnoreCase) || outlet.Contains(n, StringComparison.OrdinalIgnoreCase)))
            via.Add(outlet);
        var head = parties[0].Span;
        return (names[0], via, head);
    }

    /// <summary>
    /// How the sentences of a paragraph open, read once and only when a claim borrows a party: which turn away
    /// («Однако …», "However, …") and, for each sentence, the first one it may take an earlier party from — the one
    /// after the last sentence up to it that opens as the outlet's background («Напомним, …») or the last before it
    /// that turns away, else the paragraph's first.
    /// </summary>
    private sealed class Openings(string text, IReadOnlyList<TextSpan> sentences)
    {
        private bool[]? _turns;
        private int[]? _since;

        public bool Turns(int index)
        {
            Read();
            return _turns![index];
        }

        public int Since(int index)
        {
            Read();
            return _since![index];
        }

        private void Read()
        {
            if (_since is not null)
                return;
            _turns = new bool[sentences.Count];
            _since = new int[sentences.Count];
            var barrier = 0;
            for (var i = 0; i < sentences.Count; i++)
            {
                var opening = text.AsSpan(sentences[i].Start, Math.Min(40, sentences[i].Length));
                _turns[i] = Contrast.IsMatch(opening);
                _since[i] = Background.IsMatch(opening) ? i + 1 : barrier;
                barrier = _turns[i] ? i + 1 : _since[i];
            }
        }
    }

    /// <summary>True when the quote mark at <paramref name="start"/> is not closed before <paramref name="at"/>.</summary>
    private static bool QuoteStillOpen(string text, int start, int at)
    {
        var open = text[start];
        if (open is not ('“' or '"' or '«' or '„'))
            return false;
        // Straight quotes open and close alike: an odd count is one still open ('"… "inner" … .').
        if (open == '"')
            return text.AsSpan(start, at - start).Count('"') % 2 == 1;
        var close = open switch { '“' => '”', '«' => '»', _ => '“' };
        var depth = 1;
        for (var i = start + 1; i < at && depth > 0; i++)
        {
            if (text[i] == close)
                depth--;
            else if (text[i] == open)
                depth++;
        }
        return depth > 0;
    }

    /// <summary>True when a quotation opens at <paramref name="start"/>: a quote mark, or a dialogue dash.</summary>
    private static bool OpensQuotation(string text, int start) =>
        start < text.Length && (text[start] is '“' or '"' or '«' or '„'
            || text[start] is '—' or '–' or '-' && start + 1 < text.Length && text[start + 1] == ' ');

    /// <summary>
    /// A paragraph that is a quotation and names no speaker is the speaker's whom the paragraph before ends
    /// with: "X told Y that …" or "…,” he said." followed by "“…”" is X going on.
    /// </summary>
    private static SentenceFrame? QuotationLeadIn(string text, IReadOnlyList<TextSpan> sentences, IReadOnlyList<SentenceFrame> frames)
    {
        if (!OpensQuotation(text, sentences[0].Start) || frames.Any(f => f.Attributed))
            return null;
        // The paragraph before ends at the line break before this one; only blank lines may stand between.
        var end = sentences[0].Start;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
            end--;
        if (end == 0 || !text.AsSpan(end, sentences[0].Start - end).Contains('\n'))
            return null;
        var start = text.LastIndexOf('\n', end - 1) + 1;
        var previous = SentenceSplitter.Split(text, start, end);
        if (previous.Count == 0)
            return null;
        // The paragraph before is its last speaker's from the sentence that names them on ("He gave examples. In
        // Kharkiv, … . In Volyn, … ." then "“…”"): the sentences after that one report in the same voice.
        for (var i = previous.Count - 1; i >= 0; i--)
        {
            var frame = AttributionFinder.Find(text, previous[i]);
            if (frame.Attributed)
                return frame.Denial ? null : frame;
        }
        return null;
    }

    // Words that open a sentence without naming anyone: connectors, demonstratives, prepositions.
    private static readonly Regex NotAName = new(@"^(?:The|A|An|This|That|These|Those|It|In|On|At|But|And|However|After|Before|Then|There|Here|Meanwhile|Earlier|Later|Also|Some|Many|Most|All|Он|Она|Они|Это|Этот|Эта|Эти|Там|Тут|Но|И|А|Однако|Также|После|До|В|На|Потом|Затем|Ранее|Позже|Все|Вони|Він|Вона|Це|Цей|Ця|Ці|Там|Тут|Але|І|Й|Та|Однак|Також|Після|До|У|На|Потім|Згодом|Раніше|Пізніше|Усі|Всі)$",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex LeadingProperName = new(@"^(?<name>\p{Lu}[\p{Ll}’'-]+(?:\s+\p{Lu}[\p{Ll}’'-]+){0,2})(?=\s+\p{Ll})", RegexOptions.Compiled);

    private static readonly Regex PluralPronoun = new(@"^(?:they)$", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex SingularPronoun = new(@"^(?:he|she|он|она|він|вона)$", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    // Plurals, adjectives and demonyms are capitalized at a sentence's start too: "Росіяни", "Российские", "Russians".
    private static readonly Regex NotPersonal = new(@"(?:и|ы|і|ї|ые|ие|ий|ый|ій|ая|ская|ська|ські|ские|s)$", RegexOptions.Compiled);

    /// <summary>"Игорь тоже из Минска.", "Anna Petrova lives in Kharkiv.": the proper name a sentence opens with, as a party.</summary>
    private static Party? OpeningName(string text, TextSpan sentence)
    {
        var match = LeadingProperName.Match(text, sentence.Start, Math.Min(60, sentence.Length));
        if (!match.Success || match.Index != sentence.Start)
            return null;
        var name = match.Groups["name"];
        if (name.Value.Split(' ').Any(w => NotAName.IsMatch(w) || NotPersonal.IsMatch(w)))
            return null;
        return new Party(name.Value, new TextSpan(name.Index, name.Index + name.Length));
    }

    /// <summary>The frame of the first sentence of the paragraph after <paramref name="p"/>, or null.</summary>
    private static SentenceFrame? NextParagraphFrame(string text, Story story, int p)
    {
        if (p + 1 >= story.Paragraphs.Count)
            return null;
        var next = story.Paragraphs[p + 1];
        var first = SentenceSplitter.Split(text, next.Start, next.End).FirstOrDefault();
        return first.End > first.Start ? AttributionFinder.Find(text, first) : null;
    }

    /// <summary>
    /// The frame the next paragraph's first attributed sentence puts around its content ("…, пишет издание X."),
    /// when that frame lends.
    /// </summary>
    private static SentenceFrame? NextParagraphLender(string text, Story story, int p)
    {
        if (p + 1 >= story.Paragraphs.Count)
            return null;
        var next = story.Paragraphs[p + 1];
        foreach (var sentence in SentenceSplitter.Split(text, next.Start, next.End))
        {
            var frame = AttributionFinder.Find(text, sentence);
            if (frame.Attributed)
                return frame.Lends || frame.PointsBack ? frame : null;
        }
        return null;
    }

    private static Party? SpeechActSubject(string text, TextSpan clause, TextSpan sentence)
    {
        var match = SpeechActVerb.Match(text, clause.Start, clause.End - clause.Start);
        if (!match.Success)
            return null;
        // The complainer is the noun phrase right before the verb, back to the last comma or the sentence start.
        var from = sentence.Start;
        for (var i = match.Index - 1; i > sentence.Start; i--)
        {
            if (text[i] is ',' or ';' or '(' or '“' or '"')
            {
                from = i + 1;
                break;
            }
        }
        var phrase = text[from..match.Index].Trim();
        phrase = LeadingClauseWord.Replace(phrase, "");
        if (phrase.Length < 3 || phrase.Split(' ').Length > 16)
            return null;
        var offset = text.IndexOf(phrase, from, match.Index - from, StringComparison.Ordinal);
        return new Party(phrase, new TextSpan(offset, offset + phrase.Length));
    }

    private static Dictionary<Candidate, Quantity> AssignQuantities(string text, TextSpan content, List<Candidate> candidates)
    {
        var assigned = new Dictionary<Candidate, Quantity>();
        foreach (var mention in QuantityRecognizer.Find(text, content.Start, content.End))
        {
            if (mention.Value.Unit is not ("people" or "percent" or "contracts" or "summonses" or "notices" or "colonies" or "regions"
                or "cases" or "villages" or "cities" or "units"))
                continue; // budgets, distances, prices are never a claim's count
            var clauseMates = candidates.Where(c => c.Clause.Start <= mention.Start && mention.Start < c.Clause.End).ToList();
            // A count belongs to the nearest trigger after it ("20,000 residents were killed"), or inside it ("a
            // target of 30 recruits"), else to the nearest before it ("called to training, including 100 men").
            var owner = clauseMates.Where(c => c.Trigger.Start <= mention.Start && mention.Start < c.Trigger.End).FirstOrDefault()
                        ?? clauseMates.Where(c => c.Trigger.Start >= mention.Start).OrderBy(c => c.Trigger.Start).FirstOrDefault()
                        ?? clauseMates.Where(c => c.Trigger.Start < mention.Start).OrderByDescending(c => c.Trigger.Start).FirstOrDefault();
            if (owner is not null && !assigned.ContainsKey(owner))
                assigned[owner] = mention.Value;
        }
        return assigned;
    }

    /// <summary>
    /// The date a claim's sentence gives: the date of the statement when the attribution names one ("reported on
    /// Aug. 16", "in a May 20 statement"), else the date nearest the trigger in the content.
    /// </summary>
    private static PartialDate? ClaimDate(IReadOnlyList<DateMention> dates, SentenceFrame frame, TextSpan trigger)
    {
        if (dates.Count == 0)
            return null;
        var inFrame = dates.Where(d => d.End <= frame.Content.Start || d.Start >= frame.Content.End).ToList();
        var pool = frame.Attributed && inFrame.Count > 0 ? inFrame : dates.Where(d => d.Start >= frame.Content.Start && d.End <= frame.Content.End).ToList();
        return pool.Count == 0 ? null : pool.OrderBy(d => Math.Abs(d.Start - trigger.Start)).First().Date;
    }

    private static double Confidence(Candidate candidate, SentenceFrame frame)
    {
        var confidence = candidate.Weak ? 0.5 : 0.8;
        if (frame.Attributed)
            confidence += 0.1;
        return Math.Round(confidence, 2);
    }

    /// <summary>True when <paramref name="b"/> gives no count, or the same as <paramref name="a"/>.</summary>
    private static bool SameCount(Claim a, Claim b) => b.Quantity is null || a.Quantity == b.Quantity;

    private static bool CompatiblePlaces(Claim a, Claim b)
    {
        var codesA = a.Places.Select(p => p.Code).Where(c => c is not null).ToHashSet();
        var codesB = b.Places.Select(p => p.Code).Where(c => c is not null).ToHashSet();
        return codesA.Count == 0 || codesB.Count == 0 || codesA.Overlaps(codesB);
    }
}
