using System.Globalization;
using System.Text.RegularExpressions;
using Muster.Claims;
using Muster.Dates;
using Muster.Text;

namespace Muster.Quantities;

/// <summary>A count found in a text.</summary>
/// <param name="Start">Offset of the first character (including a bound such as "more than").</param>
/// <param name="End">Offset just past the counted noun, or the number when no noun follows.</param>
/// <param name="Value">The quantity.</param>
public readonly record struct QuantityMention(int Start, int End, Quantity Value);

/// <summary>
/// Finds counts: digits with separators ("20,000", "1.5 million"), number words ("eight", "one-hundred",
/// "seventy"), vague amounts with the conservative conventions of event datasets ("dozens" = at least 12,
/// "hundreds" = at least 100, "thousands" = at least 1,000), ranges ("between 20 and 40 percent", "20-40"),
/// bounds ("more than", "at least", "up to") and approximation ("about", "approximately", "some"). The unit is
/// <c>people</c> for any count of persons, <c>percent</c>, else the noun counted. Dates, ordinals and years are
/// not counts.
/// </summary>
public static class QuantityRecognizer
{
    private static readonly Dictionary<string, long> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20,
        ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80,
        ["ninety"] = 90, ["hundred"] = 100, ["a hundred"] = 100, ["thousand"] = 1000, ["a thousand"] = 1000,
        ["dozen"] = 12, ["a dozen"] = 12,
    };

    // Vague plurals: the lower bound event coders use, never a point value.
    private static readonly Dictionary<string, long> Vague = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dozens"] = 12, ["scores"] = 20, ["hundreds"] = 100, ["thousands"] = 1000, ["tens of thousands"] = 10000,
        ["hundreds of thousands"] = 100000, ["десятки"] = 20, ["сотни"] = 100, ["тысячи"] = 1000, ["десятки тысяч"] = 10000,
        ["сотні"] = 100, ["тисячі"] = 1000, ["десятки тисяч"] = 10000,
    };

    private static readonly HashSet<string> PersonNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "people", "persons", "person", "men", "man", "women", "woman", "residents", "resident", "soldiers", "soldier",
        "recruits", "recruit", "conscripts", "conscript", "troops", "servicemen", "serviceman", "personnel", "citizens",
        "volunteers", "volunteer", "prisoners", "prisoner", "detainees", "detainee", "migrants", "migrant", "workers",
        "worker", "employees", "employee", "students", "student", "reservists", "reservist", "mobilized", "mobilised",
        "draftees", "draftee", "fighters", "fighter", "civilians", "children", "relatives", "wives", "mothers",
        "locals", "inhabitants", "officers", "officer", "members", "candidates", "servicemembers", "inmates", "refusers",
        "deserters", "males", "individuals", "teenagers", "boys", "sons", "husbands", "fathers", "families", "of us",
        "человек", "мужчин", "мужчины", "военнослужащих", "мобилизованных", "призывников", "жителей", "солдат",
        "осіб", "чоловіків", "людей", "військовослужбовців", "мобілізованих", "призовників", "мешканців",
    };

    private static readonly string NumberWord = string.Join("|", Words.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));
    private static readonly string VagueWord = string.Join("|", Vague.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));

    private const string Digits = @"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
    private const string Scale = @"(?:\s*(?<scale>million|billion|thousand|mln|bn|млн|млрд|тыс\.?|тис\.?))?";

    private static readonly Regex Pattern = new(
        @"(?<bound>\b(?:more than|over|at least|no fewer than|not less than|upwards of|in excess of|up to|fewer than|less than|as many as|no more than|under|almost|nearly|approximately|about|around|roughly|some|an estimated|estimated|close to|more than a|более|больше|свыше|не менее|около|почти|примерно|до|понад|більше|щонайменше|близько|майже|приблизно)\s+)?" +
        $@"(?:between\s+(?<lo>{Digits})\s+and\s+(?<hi>{Digits})|(?<lo>{Digits})\s*(?:-|–|—|to)\s*(?<hi>{Digits})|(?<num>{Digits}){Scale}|(?<word>\b(?:{NumberWord})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?:[- ]?(?:hundred|thousand))?\b)|(?<vague>\b(?:{VagueWord})\b))" +
        @"(?<unit>\s*(?:%|percent|per cent|процент\w*|відсот\w*))?" +
        @"(?:\s+(?:of\s+)?(?<noun>[\p{L}-]+(?:\s+[\p{L}-]+){0,3}))?",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Muster.Text.Patterns.Timeout);

    // A count needs a digit or one of the number words: a text with neither has none, and the pattern (which tries
    // its bounds at every word) is not run on it.
    private static readonly (LiteralPrefilter Scanner, LiteralPrefilter.Condition Needs) NumberWords = BuildNumberWords();

    private static (LiteralPrefilter, LiteralPrefilter.Condition) BuildNumberWords()
    {
        var builder = new LiteralPrefilter.Builder();
        var needs = builder.Add($"(?:{NumberWord}|{VagueWord})");
        return (builder.Build(), needs);
    }

    private static readonly Regex Ordinal = new(@"^(?:st|nd|rd|th)\b", RegexOptions.Compiled);

    private static readonly Regex OfNext = new(@"^\s+of\s", RegexOptions.Compiled);

    /// <summary>Finds the counts in <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>).</summary>
    public static IReadOnlyList<QuantityMention> Find(string text, int start, int end)
    {
        if (!MayHoldCount(text, start, end))
            return [];
        var segment = text[start..end];
        IReadOnlyList<DateMention>? dates = null; // found when the first count needs them
        var found = new List<QuantityMention>();
        foreach (Match match in Pattern.Matches(segment))
        {
            var numberGroup = match.Groups["num"].Success ? match.Groups["num"] : match.Groups["lo"].Success ? match.Groups["lo"] : match.Groups["word"].Success ? match.Groups["word"] : match.Groups["vague"];
            var numberStart = numberGroup.Index;
            var numberEnd = (match.Groups["hi"].Success ? match.Groups["hi"] : numberGroup) is var g ? g.Index + g.Length : 0;
            dates ??= DateRecognizer.Find(segment);
            if (dates.Any(d => d.Start < numberEnd && numberStart < d.End))
                continue; // "Aug. 16", "in 2022"
            if (numberEnd < segment.Length && Ordinal.IsMatch(segment.AsSpan(numberEnd)))
                continue; // "4th battalion"
            if (numberStart > 0 && segment[numberStart - 1] is '$' or '€' or '£' or '№' or '#')
                continue; // money and numbers of things are not counts of anything Muster records
            if (match.Groups["word"].Success && OfNext.IsMatch(segment.AsSpan(numberEnd)))
                continue; // "one of the detained men" picks one out; it counts nothing
            var quantity = Interpret(match);
            if (quantity is null)
                continue;
            var unitEnd = match.Groups["unit"].Success && match.Groups["unit"].Length > 0 ? match.Groups["unit"].Index + match.Groups["unit"].Length
                : match.Groups["noun"].Success ? match.Groups["noun"].Index + NounLength(match.Groups["noun"].Value) : numberEnd;
            found.Add(new QuantityMention(start + match.Index, start + unitEnd, quantity));
        }
        return found;
    }

    private static bool MayHoldCount(string text, int start, int end)
    {
        if (Muster.Text.Digits.In(text.AsSpan(start, end - start)))
            return true;
        return NumberWords.Needs.Holds(NumberWords.Scanner.Scan(text, start, end));
    }

    private static Quantity? Interpret(Match match)
    {
        var bound = match.Groups["bound"].Value.Trim().ToLowerInvariant();
        var unit = Unit(match);
        if (match.Groups["vague"].Success)
            return new Quantity(Vague[match.Groups["vague"].Value], null, true, unit);
        double? lo, hi;
        if (match.Groups["lo"].Success)
        {
            lo = ParseDigits(match.Groups["lo"].Value);
            hi = ParseDigits(match.Groups["hi"].Value);
            if (lo is null || hi is null || hi < lo)
                return null;
            return new Quantity(lo, hi, bound is "about" or "approximately" or "around" or "roughly" or "some", unit);
        }
        double? value;
        if (match.Groups["num"].Success)
        {
            value = ParseDigits(match.Groups["num"].Value);
            if (value is null)
                return null;
            value *= match.Groups["scale"].Value.ToLowerInvariant().TrimEnd('.') switch
            {
                "million" or "mln" or "млн" => 1e6,
                "billion" or "bn" or "млрд" => 1e9,
                "thousand" or "тыс" or "тис" => 1e3,
                _ => 1,
            };
            // A bare four-digit number from 1900 to 2100 with no noun is a year, not a count.
            if (value is >= 1900 and <= 2100 && !match.Groups["num"].Value.Contains(',') && unit == "" )
                return null;
        }
        else
        {
            value = ParseWords(match.Groups["word"].Value);
            if (value is null)
                return null;
        }
        return bound switch
        {
            "more than" or "over" or "at least" or "no fewer than" or "not less than" or "upwards of" or "in excess of" or "more than a"
                or "более" or "больше" or "свыше" or "не менее" or "понад" or "більше" or "щонайменше" => new Quantity(value, null, false, unit),
            "up to" or "fewer than" or "less than" or "no more than" or "under" or "as many as" or "до" => new Quantity(null, value, false, unit),
            "almost" or "nearly" or "почти" or "майже" => new Quantity(null, value, true, unit),
            "approximately" or "about" or "around" or "roughly" or "some" or "an estimated" or "estimated" or "close to"
                or "около" or "примерно" or "близько" or "приблизно" => new Quantity(value, value, true, unit),
            _ => new Quantity(value, value, false, unit),
        };
    }

    private static string Unit(Match match)
    {
        if (match.Groups["unit"].Success && match.Groups["unit"].Length > 0)
            return "percent";
        if (!match.Groups["noun"].Success)
            return "";
        var words = match.Groups["noun"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var person = PersonIndex(words);
        if (person >= 0)
            return "people";
        return words.Length > 0 ? words[0].ToLowerInvariant() : "";
    }

    // Adjectives come before the noun ("local residents", "conscripted Russian soldiers"): the first person noun
    // within the next four words makes the count one of people.
    private static int PersonIndex(string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (PersonNouns.Contains(words[i]))
                return i;
            // A plural noun first ("three hostels housing workers") is the thing counted.
            if (words[i].Length > 3 && words[i].EndsWith('s') && !words[i].EndsWith("ss") && !words[i].EndsWith("ous"))
                return -1;
        }
        return -1;
    }

    private static int NounLength(string noun)
    {
        var words = noun.Split(' ');
        var person = PersonIndex(words);
        var count = person >= 0 ? person + 1 : 1;
        return string.Join(' ', words.Take(count)).Length;
    }

    private static double? ParseDigits(string text)
    {
        var clean = text.Replace(",", "").Replace("\u00a0", "").Replace("\u202f", "").Replace(" ", "");
        return double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static double? ParseWords(string text)
    {
        var parts = text.ToLowerInvariant().Replace("a hundred", "hundred").Replace("a thousand", "thousand").Replace("a dozen", "dozen")
            .Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        double total = 0, current = 0;
        foreach (var part in parts)
        {
            if (!Words.TryGetValue(part, out var n))
                return null;
            if (n == 100)
                current = Math.Max(1, current) * 100;
            else if (n == 1000)
            {
                total += Math.Max(1, current) * 1000;
                current = 0;
            }
            else
                current += n;
        }
        return total + current;
    }
}
