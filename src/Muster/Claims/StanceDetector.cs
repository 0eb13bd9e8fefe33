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
    private static readonly Regex Hedge = new(
        @"(?<![\p{L}])(?:most likely|more likely|likely|unlikely|allegedly|alleged|reportedly|purportedly|supposedly|apparently|presumably|possibly|probably|perhaps|may have|might have|may be|might be|could have|could be|is believed to|are believed to|was believed to|it is believed|is said to|are said to|were said to|is thought to|are thought to|unconfirmed|unverified|rumou?red|якобы|предположительно|вероятно|возможно|по слухам|нібито|ймовірно|можливо|імовірно)(?![\p{L}])",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex Denial = new(
        @"(?<![\p{L}])(?:(?:has|have|had)\s+)?(?:denied|denies|deny|denying|dismissed|dismisses|dismissing|rejected|rejects|refuted|refutes|called (?:the )?(?:reports?|claims?) (?:fake|false|lies)|опроверг\w*|отрица\w*|спростув\w*|запереч\w*)(?![\p{L}])",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex NegatedTrigger = new(
        @"(?<![\p{L}])(?:no|not|never|don['’]t|doesn['’]t|didn['’]t|won['’]t|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|нет|не|ні|немає)(?![\p{L}])",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The stance of a claim whose trigger is <paramref name="trigger"/> in the clause <paramref name="clause"/>.</summary>
    /// <param name="text">The page text.</param>
    /// <param name="sentence">The whole sentence.</param>
    /// <param name="clause">The clause carrying the claim.</param>
    /// <param name="trigger">The trigger's span.</param>
    /// <param name="frameDenies">True when the sentence's source denies its content ("X has denied …").</param>
    public static Stance Decide(string text, TextSpan sentence, TextSpan clause, TextSpan trigger, bool frameDenies)
    {
        if (frameDenies)
            return Stance.Denied;
        // "dismissed reports about conscripts being deployed": a denial verb before the trigger in the sentence.
        var before = text[sentence.Start..trigger.Start];
        if (Denial.IsMatch(before))
            return Stance.Denied;
        var triggerText = text[trigger.Start..trigger.End];
        if (NegatedTrigger.IsMatch(triggerText) || NegatedJustBefore(text, clause.Start, trigger.Start))
            return Stance.Denied;
        if (Hedge.IsMatch(text[clause.Start..clause.End]))
            return Stance.Hedged;
        return Stance.Asserted;
    }

    private static bool NegatedJustBefore(string text, int clauseStart, int triggerStart)
    {
        // "not sent to the front", "never received summonses": a negation within the two words before.
        var from = Math.Max(clauseStart, triggerStart - 24);
        var window = text[from..triggerStart];
        var words = window.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var last = words.TakeLast(2);
        return last.Any(w => NegatedTrigger.IsMatch(w));
    }
}
