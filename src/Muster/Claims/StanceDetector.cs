using System.Text.RegularExpressions;

namespace Muster.Claims;

/// <summary>
/// Decides a claim's stance from its own clause: denied when the source denies or dismisses it or the trigger
/// itself is negated ("we don't have mobilization"); hedged when the clause qualifies it ("most likely",
/// "allegedly", "reportedly", "may have"); else asserted. A hedge in another clause of the sentence ("X is
/// allegedly Y, but Z") does not reach this one.
/// </summary>
public static class StanceDetector
{
    private static readonly string[] Languages = ["en", "ru", "uk"];

    /// <summary>The concepts of the stance lexicons shipped with Muster (<c>stance.LANG.txt</c>: sections hedge, denial, negation, absence).</summary>
    public static IReadOnlyList<LexiconConcept> Lexicon { get; } =
        Languages.SelectMany(l => TriggerLexicon.Parse(EmbeddedData.Read($"stance.{l}.txt"), $"stance.{l}.txt", l)).ToList();

    private static readonly Regex Hedge = Compile("hedge");

    private static readonly Regex Denial = Compile("denial");

    private static readonly Regex NegatedTrigger = Compile("negation");

    private static readonly Regex PurposeNegation = new(@"(?<![\p{L}])(?:щоб|аби|чтобы|дабы|so\s+that)(?:\s+[\p{L}’'-]+){0,2}?\s+(?:не|not|never)(?![\p{L}])",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // "облав нет", "повісток не було": the thing named is said not to exist.
    private static readonly Regex Absence = new($@"^[\s,]*(?:{string.Join("|", Lexicon.Where(c => c.Type == "absence").Select(c => c.Pattern))})(?![\p{{L}}])",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static Regex Compile(string section)
    {
        var concepts = Lexicon.Where(c => c.Type == section).ToList();
        if (concepts.Count == 0)
            throw new FormatException($"the stance lexicons have no [{section}] section");
        var unknown = Lexicon.FirstOrDefault(c => c.Type is not ("hedge" or "denial" or "negation" or "absence"));
        if (unknown is not null)
            throw new FormatException($"stance.{unknown.Language}.txt:{unknown.Line}: [{unknown.Type}] is not a stance section (hedge, denial, negation or absence)");
        // Whole words only: a hedge or a negation inside another word ("note", "nothing") is none.
        return new Regex($@"(?<![\p{{L}}])(?:{string.Join("|", concepts.Select(c => c.Pattern))})(?![\p{{L}}])",
            RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Muster.Text.Patterns.Timeout);
    }

    /// <summary>The stance of a claim whose trigger is <paramref name="trigger"/> in the clause <paramref name="clause"/>.</summary>
    /// <param name="text">The page text.</param>
    /// <param name="sentence">The whole sentence.</param>
    /// <param name="clause">The clause carrying the claim.</param>
    /// <param name="trigger">The trigger's span.</param>
    /// <param name="frameDenies">True when the sentence's source denies its content ("X has denied …").</param>
    public static Stance Decide(string text, TextSpan sentence, TextSpan clause, TextSpan trigger, bool frameDenies) =>
        Decide(text, sentence, clause, trigger, frameDenies, type: null);

    /// <summary>The stance of a claim of <paramref name="type"/>: a refusal is negative in itself ("did not want to
    /// fight", "не явились в военкомат"), so a negation in or before its trigger does not deny it.</summary>
    public static Stance Decide(string text, TextSpan sentence, TextSpan clause, TextSpan trigger, bool frameDenies, string? type)
    {
        if (frameDenies)
            return Stance.Denied;
        // "rejected claims that conscripts were sent": a denial verb before the trigger in its clause (a
        // denial in a clause before a contrast, "…не планируют облав, но повестки вручили", is that clause's).
        var before = text[Math.Min(clause.Start, trigger.Start)..trigger.Start];
        if (Denies(before))
            return Stance.Denied;
        // Russian and Ukrainian put the rejection after what it rejects: "забирать никого не собираются",
        // "необхідності в мобілізації немає".
        if (trigger.End < clause.End && Denies(text[Math.Min(clause.Start, trigger.Start)..clause.End]))
            return Stance.Denied;
        var triggerText = text[trigger.Start..trigger.End];
        // "щоб нікуди не втекли", "чтобы не сбежали", "so that they do not flee": a negation inside a purpose clause is
        // the purpose's, and denies nothing.
        if (PurposeNegation.IsMatch(triggerText))
            triggerText = PurposeNegation.Replace(triggerText, " ");
        if (type != "refusal" && (NegatedTrigger.IsMatch(triggerText) || NegatedJustBefore(text, clause.Start, trigger.Start)
            || Absence.IsMatch(text.AsSpan(trigger.End, Math.Clamp(clause.End - trigger.End, 0, 16)).ToString())))
            return Stance.Denied;
        if (Hedge.IsMatch(text[clause.Start..clause.End]))
            return Stance.Hedged;
        return Stance.Asserted;
    }

    /// <summary>A denial in <paramref name="span"/> that is not itself negated ("не стал опровергать" denies nothing).</summary>
    private static bool Denies(string span)
    {
        foreach (Match match in Denial.Matches(span))
        {
            var words = span[..match.Index].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!words.TakeLast(2).Any(w => NegatedTrigger.IsMatch(w)))
                return true;
        }
        return false;
    }

    private static bool NegatedJustBefore(string text, int clauseStart, int triggerStart)
    {
        // "not sent to the front", "never received summonses": a negation within the two words before, in the
        // trigger's own clause: "Тих, хто не підписує, залякують судом" negates the relative clause only.
        var from = Math.Max(clauseStart, triggerStart - 24);
        var window = text[from..triggerStart];
        var comma = window.LastIndexOfAny([',', ';', ':', '—', '–']);
        if (comma >= 0)
            window = window[(comma + 1)..];
        var words = window.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var last = words.TakeLast(2);
        return last.Any(w => NegatedTrigger.IsMatch(w));
    }
}
