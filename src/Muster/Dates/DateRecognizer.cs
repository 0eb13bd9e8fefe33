using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using Muster.Text;

namespace Muster.Dates;

/// <summary>A date named in a text: where, as written, and what it means at the precision the text gives.</summary>
/// <param name="Start">UTF-16 offset of the first character.</param>
/// <param name="End">UTF-16 offset just past the last character.</param>
/// <param name="Date">The date.</param>
/// <param name="Relative">True when the text named it relative to the story ("last year").</param>
public readonly record struct DateMention(int Start, int End, PartialDate Date, bool Relative);

/// <summary>
/// Finds dates in English, Russian and Ukrainian text: "Aug. 16", "24 Feb.", "May 24, 2023", "February 2022",
/// "by the end of March 2024", "16.08.2023", "2023-08-16", "in 2022", "24 февраля 2022 года", and relative
/// ones ("last year", "yesterday") when a reference date of enough precision is known. A date whose year the
/// text does not give keeps its year unknown.
/// </summary>
public static class DateRecognizer
{
    private static readonly (string Pattern, int Month)[] MonthNames =
    [
        ("January|Jan\\.?", 1), ("February|Feb\\.?", 2), ("March|Mar\\.?", 3), ("April|Apr\\.?", 4), ("May", 5),
        ("June|Jun\\.?", 6), ("July|Jul\\.?", 7), ("August|Aug\\.?", 8), ("September|Sept\\.?|Sep\\.?", 9),
        ("October|Oct\\.?", 10), ("November|Nov\\.?", 11), ("December|Dec\\.?", 12),
        ("января|январь|січня|січень", 1), ("февраля|февраль|лютого|лютий", 2), ("марта|март|березня|березень", 3),
        ("апреля|апрель|квітня|квітень", 4), ("мая|май|травня|травень", 5), ("июня|июнь|червня|червень", 6),
        ("июля|июль|липня|липень", 7), ("августа|август|серпня|серпень", 8), ("сентября|сентябрь|вересня|вересень", 9),
        ("октября|октябрь|жовтня|жовтень", 10), ("ноября|ноябрь|листопада|листопад", 11), ("декабря|декабрь|грудня|грудень", 12),
    ];

    private static readonly Dictionary<string, int> MonthByName = BuildMonthIndex();

    private const string Year = @"(?<y>(?:19|20)\d{2})(?:\s*(?:года|год|г\.|року|р\.))?";

    private static readonly string Month =
        "(?<m>" + string.Join("|", MonthNames.Select(m => m.Pattern)) + ")";

    private const string RelativePhrase =
        @"\b(?<rel>last year|this year|next year|last month|this month|yesterday|today|в прошлом году|в этом году|вчера|сегодня|минулого року|цього року|вчора|сьогодні)\b";

    // Every relative phrase holds one of these (case-sensitive, as the pattern is).
    private static readonly SearchValues<string> RelativeStems = SearchValues.Create(
        ["year", "month", "yesterday", "today", "году", "вчера", "сегодня", "року", "вчора", "сьогодні"], StringComparison.Ordinal);

    // Every month name begins with one of these.
    private static readonly SearchValues<string> MonthStems = SearchValues.Create(
        MonthNames.SelectMany(m => m.Pattern.Split('|')).Select(n => n[..3]).Distinct().ToArray(), StringComparison.Ordinal);

    private static readonly SearchValues<string> Centuries = SearchValues.Create(["19", "20"], StringComparison.Ordinal);

    // One alternation; longer forms come first so "May 24, 2023" wins over "May 24". It is searched branch by
    // branch, each only on texts that hold what it needs (see Needs).
    private static readonly Alternation Pattern = new(
    [
        .. new[]
        {
            $@"\b{Month}\s+(?<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{Year}\b)?(?!\s*(?:%|percent|per cent))",
            $@"\b(?<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{Month}(?:(?<=\.)|\b)(?:,?\s+{Year}(?:\b|(?<=\.)))?",
            $@"\b{Month}(?:(?<=\.)|\b),?\s+(?:of\s+)?{Year}(?:\b|(?<=\.))",
            @"\b(?<y>(?:19|20)\d{2})-(?<mn>\d{2})-(?<d>\d{2})\b",
            @"\b(?<d>\d{1,2})\.(?<mn>\d{1,2})\.(?<y>(?:19|20)\d{2})\b",
            @"(?<=\b(?:in|In|since|Since|by|By|during|During|until|from|of|early|late|mid-|в|с|до|у|з)\s+(?:the\s+(?:end|start|beginning|spring|summer|autumn|fall|winter)\s+of\s+)?)(?<y>(?:19|20)\d{2})(?:\s*(?:года|году|год|г\.|року|р\.))?\b(?![-–]\d|\s*(?:%|percent))",
            RelativePhrase,
        }.Select(p => new Regex(p, RegexOptions.Compiled | RegexOptions.CultureInvariant, Muster.Text.Patterns.Timeout)),
    ]);

    /// <summary>The branches of <see cref="Pattern"/> that can match <paramref name="text"/>, as a bit mask.</summary>
    private static ulong Needs(string text)
    {
        var span = text.AsSpan();
        var digit = Digits.In(span);
        var month = digit && span.IndexOfAny(MonthStems) >= 0;
        var year = digit && span.IndexOfAny(Centuries) >= 0; // "19" or "20" is the start of a year
        var mask = 0UL;
        if (month)
            mask |= 0b11; // a month name and a day
        if (month && year)
            mask |= 0b100; // a month name and a year
        if (year)
            mask |= 0b111000; // digit forms, "in 2022"
        if (span.IndexOfAny(RelativeStems) >= 0)
            mask |= 0b1000000;
        return mask;
    }

    /// <summary>Finds the dates in <paramref name="text"/>, in order.</summary>
    /// <param name="text">The text to scan.</param>
    /// <param name="reference">The story's publication date, for relative dates; without it they are skipped.</param>
    /// <param name="offset">Added to every reported offset (the position of <paramref name="text"/> in its page).</param>
    public static IReadOnlyList<DateMention> Find(string text, PartialDate? reference = null, int offset = 0)
    {
        var found = new List<DateMention>();
        var needs = Needs(text);
        if (needs == 0)
            return found;
        foreach (var match in Pattern.Matches(text, needs))
        {
            var date = Interpret(match, reference);
            if (date is not null)
                found.Add(new DateMention(offset + match.Index, offset + match.Index + match.Length, date.Value, match.Groups["rel"].Success));
        }
        return found;
    }

    private static PartialDate? Interpret(Match match, PartialDate? reference)
    {
        var inv = CultureInfo.InvariantCulture;
        if (match.Groups["rel"].Success)
            return Resolve(match.Groups["rel"].Value.ToLowerInvariant(), reference);
        int? year = match.Groups["y"].Success ? int.Parse(match.Groups["y"].Value, inv) : null;
        int? day = match.Groups["d"].Success ? int.Parse(match.Groups["d"].Value, inv) : null;
        int? month = match.Groups["m"].Success
            ? MonthByName[match.Groups["m"].Value.TrimEnd('.').ToLowerInvariant()]
            : match.Groups["mn"].Success ? int.Parse(match.Groups["mn"].Value, inv) : null;
        if (month is null && day is null)
            return year is null ? null : new PartialDate(year, null, null);
        return PartialDate.Create(year, month, day);
    }

    private static PartialDate? Resolve(string phrase, PartialDate? reference)
    {
        if (reference is not { } r || r.Year is null)
            return null;
        switch (phrase)
        {
            case "last year" or "в прошлом году" or "минулого року":
                return new PartialDate(r.Year - 1, null, null);
            case "this year" or "в этом году" or "цього року":
                return new PartialDate(r.Year, null, null);
            case "next year":
                return new PartialDate(r.Year + 1, null, null);
        }
        if (r.Month is null)
            return null;
        var firstOfMonth = new DateOnly(r.Year.Value, r.Month.Value, 1);
        switch (phrase)
        {
            case "last month":
                var previous = firstOfMonth.AddMonths(-1);
                return new PartialDate(previous.Year, previous.Month, null);
            case "this month":
                return new PartialDate(r.Year, r.Month, null);
        }
        if (r.Day is null)
            return null;
        var day = new DateOnly(r.Year.Value, r.Month.Value, r.Day.Value);
        var resolved = phrase is "yesterday" or "вчера" or "вчора" ? day.AddDays(-1) : day;
        return new PartialDate(resolved.Year, resolved.Month, resolved.Day);
    }

    private static Dictionary<string, int> BuildMonthIndex()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (pattern, month) in MonthNames)
            foreach (var name in pattern.Split('|'))
                index[name.Replace("\\.?", "").ToLowerInvariant()] = month;
        return index;
    }
}
