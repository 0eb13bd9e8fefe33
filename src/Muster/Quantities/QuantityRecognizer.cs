using System.Globalization;
using System.Text;
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
/// Finds counts in English, Russian and Ukrainian: digits with separators ("20,000", "1.5 million", "200 тысяч"),
/// number words in their case forms ("eight", "one-hundred", "трёх", "двадцати", "п'яти тисяч"), vague amounts with
/// the conservative conventions of event datasets ("dozens" = at least 12, "сотни" = at least 100, "десятки тысяч"
/// = at least 10,000), ranges ("between 20 and 40 percent", "20–30", "от трех до пяти тысяч"), bounds ("more than",
/// "как минимум", "до", "понад") and approximation ("about", "около", "близько"; "almost"/"почти" is an upper
/// bound). The unit is <c>people</c> for any count of persons, <c>percent</c>, else the noun counted (in English).
/// Dates, ordinals, years, ages, money and distances are not counts.
/// </summary>
/// <remarks>The word lists are the embedded <c>numerals.txt</c>, <c>bounds.txt</c>, <c>persons.txt</c>,
/// <c>units.txt</c> and <c>notcounts.txt</c>.</remarks>
public static class QuantityRecognizer
{
    private enum Kind { Number, Multiplier, Scale, Vague }

    private enum BoundKind { None, Min, Max, Almost, Approx }

    // Every word form, keyed in normal form (lower case, ё as е, one apostrophe): what it is and its value.
    private static readonly Dictionary<string, (Kind Kind, double Value)> Numerals = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, BoundKind> Bounds = new(StringComparer.Ordinal);
    private static readonly StemSet Persons = StemSet.Load("persons.txt");
    private static readonly StemSet NotCounts = StemSet.Load("notcounts.txt");
    private static readonly Dictionary<string, string> UnitOfWord = new(StringComparer.Ordinal);
    private static readonly List<(string Stem, string Unit)> UnitOfStem = [];

    private static readonly HashSet<string> Durations = ["years", "months", "weeks", "days", "hours", "minutes"];

    // Fractions of a group, read as percent: "half of the men", "половина мобилизованных", "третина чоловіків".
    private static readonly Dictionary<string, double> Fractions = new(StringComparer.Ordinal)
    {
        ["half"] = 50, ["a half"] = 50, ["a third"] = 33.3, ["one third"] = 33.3, ["two thirds"] = 66.7, ["a quarter"] = 25,
        ["one quarter"] = 25, ["половина"] = 50, ["половину"] = 50, ["половины"] = 50, ["половине"] = 50, ["половиной"] = 50,
        ["треть"] = 33.3, ["трети"] = 33.3, ["две трети"] = 66.7, ["четверть"] = 25, ["четверти"] = 25, ["половини"] = 50,
        ["половиною"] = 50, ["третина"] = 33.3, ["третину"] = 33.3, ["третини"] = 33.3, ["дві третини"] = 66.7,
        ["чверть"] = 25, ["чверті"] = 25,
    };

    static QuantityRecognizer()
    {
        var forms = new Dictionary<Kind, List<string>> { [Kind.Number] = [], [Kind.Multiplier] = [], [Kind.Scale] = [], [Kind.Vague] = [] };
        foreach (var (line, number) in EmbeddedData.Lines(EmbeddedData.Read("numerals.txt")))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var kind = parts[0] switch
            {
                "n" => Kind.Number, "m" => Kind.Multiplier, "s" => Kind.Scale, "v" => Kind.Vague,
                _ => throw new InvalidOperationException($"numerals.txt:{number}: unknown kind {parts[0]}"),
            };
            var value = double.Parse(parts[1], CultureInfo.InvariantCulture);
            foreach (var form in parts.Skip(2).Select(f => f.Replace('_', ' ')))
            {
                forms[kind].Add(form);
                // A form that is both a scale and a vague plural ("тысячи") is a scale after a number and vague alone.
                if (kind == Kind.Vague)
                    VagueBase[Normal(form)] = value;
                else
                    Numerals.TryAdd(Normal(form), (kind, value));
            }
        }
        var boundForms = new List<string>();
        foreach (var (line, number) in EmbeddedData.Lines(EmbeddedData.Read("bounds.txt")))
        {
            var space = line.IndexOf(' ');
            var kind = line[..space] switch
            {
                "min" => BoundKind.Min, "max" => BoundKind.Max, "almost" => BoundKind.Almost, "approx" => BoundKind.Approx,
                _ => throw new InvalidOperationException($"bounds.txt:{number}: unknown kind"),
            };
            foreach (var form in line[(space + 1)..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Bounds.TryAdd(Normal(form), kind);
                boundForms.Add(form);
            }
        }
        foreach (var (line, _) in EmbeddedData.Lines(EmbeddedData.Read("units.txt")))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var entry in parts.Skip(1).Select(Normal))
            {
                if (entry.EndsWith('*'))
                    UnitOfStem.Add((entry[..^1], parts[0]));
                else
                    UnitOfWord.TryAdd(entry, parts[0]);
            }
        }

        var word = Alternation(forms[Kind.Number].Concat(forms[Kind.Multiplier]).Concat(forms[Kind.Scale]));
        var scale = Alternation(forms[Kind.Scale]);
        var vague = Alternation(forms[Kind.Vague]);
        var scaleOrVague = Alternation(forms[Kind.Scale].Concat(forms[Kind.Vague]));
        string[] fewForms = ["several", "a few", "a couple of", "несколько", "нескольких", "нескольким", "кілька", "декілька", "кількох", "декількох"];
        var few = Alternation(fewForms);
        var fraction = Alternation(Fractions.Keys);
        // Digits: grouped thousands ("20,000", "20 000"), or a number with a decimal point, or a decimal comma of one
        // or two digits ("1,5 млн"). Not glued to a letter or another number ("Су-25", "COVID-19", "3.5.2").
        const string digits = @"(?<![\p{L}\d.,])(?<!\p{L}-)(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?![\d,.]\d)|\d+(?:\.\d+|,\d{1,2}(?![\d]))?)";
        // "двух с половиной тысяч", "two and a half million": a half before the scale.
        const string half = @"\s+(?:с|з|and\s+a)\s+(?:половиной|половиною|half)(?![\p{L}])";
        var numberPattern = $@"(?:{digits}(?:{half})?(?:\s*{scale})?|{word}(?:(?:\s+|-|\s+and\s+){word}|{half}){{0,5}})";
        var single =
            $@"(?:(?<vague>(?:{few}\s+{Alternation(forms[Kind.Scale].Concat(forms[Kind.Multiplier]).Concat(forms[Kind.Vague]))}|{vague})(?:\s+(?:of\s+)?{scaleOrVague})?)" +
            $@"|(?<num>{numberPattern})|(?<fraction>{fraction})(?=\s+(?:of\s+)?\p{{L}}))";
        const string tail =
            @"(?<post>\s+(?:or more|and more|or so|plus|с лишним|с небольшим|с гаком|или больше|или более|и более|и больше|з лишком|з гаком|з лишнім|і більше|або більше|та більше)(?![\p{L}]))?" +
            @"(?<unit>\s*(?:%|percent(?![\p{L}])|per cent(?![\p{L}])|процент\p{L}*|відсот\p{L}*))?" +
            @"(?:\s+(?:of\s+)?(?<noun>[\p{L}'’ʼ-]+(?:\s+[\p{L}'’ʼ-]+){0,3}))?";
        const RegexOptions options = RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
        // Both are tried only where a number starts (\G): the scan in Find finds those places, which is much cheaper
        // than letting the engine try hundreds of word forms at every position.
        RangePattern = new Regex(
            $@"\G(?<lo>{numberPattern})\s*(?<sep>-|–|—|(?<![\p{{L}}])(?:to|and|or|до|по|или|либо|або|чи)(?![\p{{L}}]))\s*(?<hi>{numberPattern})" + tail,
            options, Patterns.Timeout);
        SinglePattern = new Regex(@"\G" + single + tail, options, Patterns.Timeout);
        BoundBefore = new Regex($@"(?<![\p{{L}}'’ʼ-])(?<bound>{Alternation(boundForms)})\s+(?:(?:в|во|у|на|из|с|со|к|по|для|среди|із|з|зі|серед|in|on|for|among)\s+)?\z",
            options | RegexOptions.RightToLeft, Patterns.Timeout);

        // The words a count can start with: the first word of every form.
        foreach (var form in forms.Values.SelectMany(f => f).Concat(fewForms).Concat(Fractions.Keys))
        {
            var firstWord = form.Split(' ')[0];
            foreach (var variant in new[] { firstWord, firstWord.Replace('\'', '’'), firstWord.Replace('\'', 'ʼ') })
                Starts.Add(variant);
        }
        StartLookup = Starts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static readonly Regex RangePattern;
    private static readonly Regex SinglePattern;
    private static readonly Regex BoundBefore;
    private static readonly HashSet<string> Starts = new(StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StartLookup;

    // Before a range: "between 20 and 40", "от трех до пяти", "from 5 to 10", "від 18 до 60".
    private static readonly Regex RangeOpening = new(@"(?<![\p{L}])(?<from>between|from|от|від|з|із|с|со|між)\s+\z",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.RightToLeft | RegexOptions.ExplicitCapture);

    private static readonly Dictionary<string, double> VagueBase = new(StringComparer.Ordinal);

    // Forms as an alternation between word boundaries: longest first; a space matches any run of spaces, an
    // apostrophe any of the three that Ukrainian text uses.
    private static string Alternation(IEnumerable<string> forms) =>
        @"(?<![\p{L}'’ʼ])(?:" + string.Join("|", forms.Distinct().OrderByDescending(f => f.Length)
            .Select(f => Regex.Escape(f).Replace(@"\ ", @"\s+").Replace("'", "['’ʼ]"))) + @")(?![\p{L}'’ʼ])";

    /// <summary>Lower case, ё as е, one apostrophe, single spaces: the form word lists are keyed by.</summary>
    private static string Normal(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
                builder.Append(' ');
            space = false;
            builder.Append(c switch { '’' or 'ʼ' => '\'', 'ё' or 'Ё' => 'е', _ => char.ToLowerInvariant(c) });
        }
        return builder.ToString();
    }

    private static readonly Regex Ordinal = new(@"^(?:st|nd|rd|th|-?(?:й|я|е|го|му|ю|ый|ой|ий|ая|ое|ых|ым|ом|ї|та|те|ту|ша|ше|ий))(?![\p{L}])",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex PronounBefore = new(@"(?<![\p{L}])(?:the|no|any|every|each)\s+$",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.RightToLeft);

    private static readonly Regex OfNext = new(@"^\s+(?:of|из|из числа|з|із|зі|з-поміж)\s", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    // An age is no count: "aged 18 to 60", "в возрасте от 18 до 55 лет", "віком 18-60 років", "14-year-old".
    private static readonly Regex AgeBefore = new(@"(?:\baged?|\bages|age of|возраст\p{L}*|віком|вік\p{L}*|від народження)\s*(?:of\s+|от\s+|від\s+|з\s+|between\s+|до\s+)?(?:\d+\s*(?:and|to|or|-|–|до|и|і|або|или)\s*)?$",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // After a number, a compound adjective of age or length: "14-year-old", "a 60-day deadline", "5-летний",
    // "30-денний", "10-kilometre".
    private static readonly Regex AgeAfter = new(@"^(?:\s*-?\s*(?:year|years)[\s-]+old|-(?:year|day|week|month|hour|minute|mile|km|kilomet)|-?(?:летн|річн|дневн|денн|месячн|місячн|часов|годинн|километр|кілометр|тижн|недельн)|\s+(?:лет|років|роки|года)\s+от\s+роду)",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // "the first half of 2023", "во второй половине года": a part of a time, not of a group.
    private static readonly Regex TimeFraction = new(@"(?:first|second|latter|former|перв\p{L}*|втор\p{L}*|последн\p{L}*|перш\p{L}*|друг\p{L}*|останн\p{L}*)\s+$",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Finds the counts in <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>).</summary>
    public static IReadOnlyList<QuantityMention> Find(string text, int start, int end)
    {
        List<QuantityMention>? found = null;
        string? segment = null;
        var next = 0; // a count found ends here: none starts inside it
        // One pass over the words: a count can start only at digits or at a word that begins a number form.
        var i = start;
        while (i < end)
        {
            var c = text[i];
            int anchor;
            if (char.IsAsciiDigit(c))
            {
                anchor = i;
                while (i < end && char.IsAsciiDigit(text[i]))
                    i++;
            }
            else if (char.IsLetter(c))
            {
                anchor = i;
                while (i < end && (char.IsLetter(text[i]) || text[i] is '\'' or '’' or 'ʼ' && i + 1 < end && char.IsLetter(text[i + 1])))
                    i++;
                if (!StartLookup.Contains(text.AsSpan(anchor, i - anchor)))
                    continue;
            }
            else
            {
                i++;
                continue;
            }
            if (anchor - start < next)
                continue;
            segment ??= text[start..end];
            if (Read(segment, anchor - start, out var skip) is { } mention)
            {
                (found ??= []).Add(mention with { Start = mention.Start + start, End = mention.End + start });
                next = Math.Max(mention.End, anchor - start + 1);
            }
            else
                next = Math.Max(next, skip);
        }
        return found ?? (IReadOnlyList<QuantityMention>)[];
    }

    // The count that starts at anchor, with the bound or range opening before it, if it is one. When the number
    // there is no count as a whole (an age, an ordinal, a sum of money), skip is where it ends: no count starts inside.
    private static QuantityMention? Read(string segment, int anchor, out int skip)
    {
        skip = 0;
        var opening = anchor;
        var match = RangePattern.Match(segment, anchor);
        if (match.Success)
        {
            var from = RangeOpening.Match(segment, 0, anchor);
            var word = from.Success ? from.Groups["from"].Value.ToLowerInvariant() : "";
            // "between 20 and 40", "от трех до пяти": "and", "до" and "по" join a range only after their opening.
            var joined = match.Groups["sep"].Value.ToLowerInvariant() switch
            {
                "and" => word is "between" or "між",
                "до" or "по" => word is "от" or "від" or "з" or "із" or "с" or "со",
                _ => true,
            };
            if (joined && from.Success)
                opening = from.Index;
            else if (!joined)
                match = Match.Empty;
        }
        if (!match.Success)
            match = SinglePattern.Match(segment, anchor);
        if (!match.Success)
            return null;
        var boundMatch = BoundBefore.Match(segment, 0, opening);
        var mentionStart = boundMatch.Success ? boundMatch.Index : opening;

        var first = match.Groups["lo"].Success ? match.Groups["lo"] : match.Groups["num"].Success ? match.Groups["num"]
            : match.Groups["vague"].Success ? match.Groups["vague"] : match.Groups["fraction"];
        var last = match.Groups["hi"].Success ? match.Groups["hi"] : first;
        var numberStart = first.Index;
        var numberEnd = last.Index + last.Length;
        if (HasDigit(segment, numberStart, numberEnd))
        {
            if (InDate(segment, numberStart, numberEnd))
                return null; // "Aug. 16", "in 2022"
            if (segment[numberStart] == '0' && numberEnd - numberStart > 1 && char.IsAsciiDigit(segment[numberStart + 1]))
                return null; // "0629": a code, not a count
            if (numberEnd - numberStart >= 8 && segment.AsSpan(numberStart, numberEnd - numberStart).IndexOfAnyExcept("0123456789") < 0)
                return null; // a long run of digits is an identifier
        }
        skip = numberEnd;
        if (numberEnd < segment.Length && Ordinal.IsMatch(segment.AsSpan(numberEnd)))
            return null; // "4th battalion", "5-й батальон"
        if (numberStart > 0 && segment[numberStart - 1] is '$' or '€' or '£' or '₽' or '₴' or '№' or '#' or ':')
            return null; // money and numbers of things are not counts of anything Muster records
        if (numberEnd < segment.Length && segment[numberEnd] is '$' or '€' or '₽' or '₴' or ':')
            return null; // "200$", "10:30"
        if (!match.Groups["lo"].Success && IsOne(first.Value) && OfNext.IsMatch(segment.AsSpan(numberEnd)))
            return null; // "one of the detained men", "одному з жителів" picks one out; it counts nothing
        if (!match.Groups["lo"].Success && first.Value.Equals("one", StringComparison.OrdinalIgnoreCase)
            && (PronounBefore.IsMatch(segment.AsSpan(0, numberStart)) || !match.Groups["noun"].Success
                || StopWords.Contains(Normal(match.Groups["noun"].Value.Split(' ')[0]))))
            return null; // "the one that", "no one", "one who": a pronoun
        var before = segment.AsSpan(Math.Max(0, mentionStart - 40), mentionStart - Math.Max(0, mentionStart - 40));
        if (AgeBefore.IsMatch(before) || AgeAfter.IsMatch(segment.AsSpan(numberEnd)))
            return null; // ages
        if (match.Groups["fraction"].Success && TimeFraction.IsMatch(before))
            return null; // "the first half of 2023"
        skip = 0;
        var bound = boundMatch.Success && Bounds.TryGetValue(Normal(boundMatch.Groups["bound"].Value), out var b) ? b : BoundKind.None;
        var quantity = Interpret(match, bound, out var nounWords);
        if (quantity is null)
            return null;
        var unitEnd = match.Groups["unit"].Success && match.Groups["unit"].Length > 0 ? match.Groups["unit"].Index + match.Groups["unit"].Length
            : nounWords > 0 ? match.Groups["noun"].Index + WordsLength(match.Groups["noun"].Value, nounWords)
            : match.Groups["post"].Success ? match.Groups["post"].Index + match.Groups["post"].Length : numberEnd;
        return new QuantityMention(mentionStart, unitEnd, quantity);
    }

    // Whether the number at [start..end) is part of a date. The dates are looked for in the words around it only:
    // a date that holds a number is never longer than a few words.
    private static bool InDate(string segment, int start, int end)
    {
        var from = Math.Max(0, start - 32);
        while (from > 0 && !char.IsWhiteSpace(segment[from - 1]))
            from--;
        var to = Math.Min(segment.Length, end + 32);
        while (to < segment.Length && !char.IsWhiteSpace(segment[to]))
            to++;
        foreach (var date in DateRecognizer.Find(segment[from..to]))
            if (date.Start + from < end && start < date.End + from)
                return true;
        return false;
    }

    private static bool HasDigit(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
            if (char.IsAsciiDigit(text[i]))
                return true;
        return false;
    }

    private static bool IsOne(string number) => Numerals.TryGetValue(Normal(number), out var n) && n is (Kind.Number, 1);

    private static Quantity? Interpret(Match match, BoundKind bound, out int nounWords)
    {
        nounWords = 0;
        var post = Normal(match.Groups["post"].Value);
        if (post.Length > 0)
            bound = post == "or so" ? BoundKind.Approx : BoundKind.Min;

        string unit;
        if (match.Groups["unit"].Success && match.Groups["unit"].Length > 0)
            unit = "percent";
        else
        {
            var noun = match.Groups["noun"].Success ? match.Groups["noun"].Value : "";
            (unit, nounWords) = Unit(noun);
            if (unit == "-")
                return null; // money, distance
        }

        if (match.Groups["fraction"].Success)
        {
            if (Durations.Contains(unit) || nounWords == 0 && !match.Groups["noun"].Success)
                return null; // "half a year"
            nounWords = 0;
            return new Quantity(Fractions[Normal(match.Groups["fraction"].Value)], Fractions[Normal(match.Groups["fraction"].Value)], false, "percent");
        }
        if (match.Groups["vague"].Success)
        {
            var words = Normal(match.Groups["vague"].Value).Split(' ');
            double value = 1;
            var vagueOnly = true;
            foreach (var w in words)
            {
                if (VagueBase.TryGetValue(w, out var v))
                    value *= v;
                else if (Numerals.TryGetValue(w, out var n))
                {
                    value *= n.Value;
                    vagueOnly = false;
                }
            }
            // After a bound, "тысячи", "сотни" are the genitive of one ("больше тысячи", "около сотни").
            if (bound != BoundKind.None && words.Length == 1 && vagueOnly)
                return Bounded(value, bound, unit);
            return new Quantity(value, null, true, unit);
        }
        if (match.Groups["lo"].Success)
        {
            var (lo, loScaled) = ParseNumber(match.Groups["lo"].Value);
            var (hi, hiScaled) = ParseNumber(match.Groups["hi"].Value);
            if (lo is null || hi is null)
                return null;
            // "от трех до пяти тысяч", "50-100 тысяч": the scale of the upper end is the lower end's too.
            if (!loScaled && hiScaled && ScaleOf(match.Groups["hi"].Value) is var s and > 1 && lo * s <= hi)
                lo *= s;
            if (hi <= lo || Tokens(match.Groups["hi"].Value).Count == 1 && ScaleOf(match.Groups["hi"].Value) > 1)
            {
                // "twenty-five", "one-hundred", "сорок-пятьдесят"? A hyphen between words that do not make a range
                // (the second is not larger, or is only a multiplier) joins one compound number.
                var between = match.Value[(match.Groups["lo"].Index + match.Groups["lo"].Length - match.Index)..(match.Groups["hi"].Index - match.Index)];
                if (between != "-" || ParseNumber(match.Groups["lo"].Value + " " + match.Groups["hi"].Value) is not ({ } whole, _))
                    return null;
                return Bounded(whole, bound, unit);
            }
            if (IsYear(lo.Value, match.Groups["lo"].Value) && IsYear(hi.Value, match.Groups["hi"].Value) && unit is "" or "years")
                return null;
            return new Quantity(lo, hi, bound is BoundKind.Approx or BoundKind.Almost, unit);
        }
        var (num, _) = ParseNumber(match.Groups["num"].Value);
        if (num is null)
            return null;
        // A bare four-digit number from 1900 to 2100 with no noun, or before "года", "року", is a year, not a count.
        if (IsYear(num.Value, match.Groups["num"].Value) && unit is "" or "years")
            return null;
        return Bounded(num.Value, bound, unit);
    }

    private static bool IsYear(double value, string written) => value is >= 1900 and <= 2100 && written.Trim().All(char.IsAsciiDigit);

    private static Quantity Bounded(double value, BoundKind bound, string unit) => bound switch
    {
        BoundKind.Min => new Quantity(value, null, false, unit),
        BoundKind.Max => new Quantity(null, value, false, unit),
        BoundKind.Almost => new Quantity(null, value, true, unit),
        BoundKind.Approx => new Quantity(value, value, true, unit),
        _ => new Quantity(value, value, false, unit),
    };

    // The unit of the words after a number, and how many of them it takes: the first person noun within four words
    // makes it people ("local residents", "двух российских солдат", "20 частково мобілізованих"); adjectives (and in
    // Russian and Ukrainian adverbs) before it are passed over; a counted noun that is not a person ("three hostels
    // housing workers", "десятки писем от осуждённых") or a preposition, conjunction or verb ends the search.
    // "-" marks money and distances.
    private static (string Unit, int Words) Unit(string noun)
    {
        if (noun.Length == 0)
            return ("", 0);
        var words = noun.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (NotCounts.Contains(Normal(words[0])))
            return ("-", 0);
        for (var i = 0; i < words.Length; i++)
        {
            var w = Normal(words[i]);
            if (StopWords.Contains(w))
                break;
            // "30 of them", "two of us"; not "one attacked us".
            if (Persons.Contains(w) && (i == 0 || w is not ("them" or "us")))
                return ("people", i + 1);
            if (KnownUnit(w) is { } known)
                return (known, i + 1);
            if (Latin(w))
            {
                // An English plural noun ("three hostels housing workers") is the thing counted.
                if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss") && !w.EndsWith("ous"))
                    return (w, i + 1);
                continue; // an adjective ("five other regions") or a name ("83 Yabloko candidates")
            }
            if (!CyrillicModifier.IsMatch(w))
                return (w, i + 1); // a noun: "80 полигонах", "десятки писем"
        }
        return (Normal(words[0]), 1);
    }

    // Words that end the phrase a number counts: prepositions, conjunctions, auxiliaries.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "for", "to", "in", "at", "on", "by", "with", "from", "who", "whom", "that", "which", "and", "or", "were", "was",
        "are", "is", "have", "has", "had", "been", "will", "would", "could", "did", "do", "does", "than", "as", "into",
        "per", "each", "в", "во", "на", "от", "из", "с", "со", "по", "к", "у", "для", "за", "до", "и", "а", "но", "что",
        "как", "при", "о", "об", "чем", "или", "від", "з", "із", "зі", "і", "й", "та", "але", "що", "як", "про", "або",
    };

    // A Russian or Ukrainian adjective or participle (by its ending) or an adverb in -о, which stand before the noun.
    private static readonly Regex CyrillicModifier = new(
        @"(?:ых|их|ым|им|ой|ый|ий|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ыми|ими|ую|юю|ої|ою|\p{L}{4}о)$",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static bool Latin(string word) => word.Length > 0 && word[0] < 0x250;

    private static string? KnownUnit(string word)
    {
        if (UnitOfWord.TryGetValue(word, out var unit))
            return unit;
        foreach (var (stem, u) in UnitOfStem)
            if (word.StartsWith(stem, StringComparison.Ordinal))
                return u;
        return null;
    }

    private static int WordsLength(string noun, int count)
    {
        var length = 0;
        var seen = 0;
        for (var i = 0; i < noun.Length && seen < count; i++)
        {
            if (char.IsWhiteSpace(noun[i]) && (i == 0 || !char.IsWhiteSpace(noun[i - 1])))
                seen++;
            if (seen < count)
                length = i + 1;
        }
        return Math.Max(length, 1);
    }

    // The multiplier or scale a number ends with ("пяти тысяч" 1000, "hundred" 100), else 1.
    private static double ScaleOf(string number)
    {
        var tokens = Tokens(number);
        return tokens.Count > 0 && Numerals.TryGetValue(tokens[^1], out var n) && n.Kind is Kind.Scale or Kind.Multiplier ? n.Value : 1;
    }

    // "20 000": the spaces that group digits, removed before the number is split into words.
    private static readonly Regex DigitGroups = new(@"(?<=\d) (?=\d{3}(?!\d))", RegexOptions.Compiled);

    private static List<string> Tokens(string number)
    {
        var normal = DigitGroups.Replace(Normal(number), "");
        var tokens = new List<string>();
        // Multi-word forms ("a dozen", "half a dozen", "a thousand") are looked up before their words.
        var parts = normal.Replace(" and ", " ").Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i + 2 < parts.Length && Numerals.ContainsKey($"{parts[i]} {parts[i + 1]} {parts[i + 2]}"))
            {
                tokens.Add($"{parts[i]} {parts[i + 1]} {parts[i + 2]}");
                i += 2;
            }
            else if (i + 1 < parts.Length && Numerals.ContainsKey($"{parts[i]} {parts[i + 1]}"))
            {
                tokens.Add($"{parts[i]} {parts[i + 1]}");
                i++;
            }
            else
                tokens.Add(parts[i]);
        }
        return tokens;
    }

    // A number written in digits or words, with its scale: "200 тысяч", "двадцать пять", "two hundred thousand",
    // "1,5 млн". Scaled tells whether a scale word closed it.
    private static (double? Value, bool Scaled) ParseNumber(string text)
    {
        double total = 0, current = 0;
        var scaled = false;
        foreach (var token in Tokens(text))
        {
            if (char.IsAsciiDigit(token[0]))
            {
                if (ParseDigits(token) is not { } d)
                    return (null, false);
                current += d;
                continue;
            }
            if (token is "половиной" or "половиною" or "half")
            {
                current += 0.5; // "два с половиной", "two and a half"
                continue;
            }
            if (token is "с" or "з" or "a")
                continue; // the joints of "с половиной", "and a half"
            if (!Numerals.TryGetValue(token, out var n))
                return (null, false);
            switch (n.Kind)
            {
                case Kind.Multiplier:
                    current = Math.Max(1, current) * n.Value;
                    break;
                case Kind.Scale:
                    total += Math.Max(1, current) * n.Value;
                    current = 0;
                    scaled = true;
                    break;
                default:
                    current += n.Value;
                    break;
            }
        }
        return (total + current, scaled);
    }

    private static double? ParseDigits(string text)
    {
        var clean = text.Replace(",", "").Replace("\u00a0", "").Replace("\u202f", "");
        // "1,5 млн": a comma before one or two digits is a decimal comma.
        if (text.IndexOf(',') is var comma and > 0 && text.Length - comma - 1 is 1 or 2 && text.IndexOf(',', comma + 1) < 0)
            clean = text.Replace(',', '.');
        return double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    // A set of words and stems (an entry ending in *) read from a data file; words in normal form.
    private sealed class StemSet
    {
        private readonly HashSet<string> _words = new(StringComparer.Ordinal);
        private readonly List<string> _stems = [];

        public static StemSet Load(string file)
        {
            var set = new StemSet();
            foreach (var (line, _) in EmbeddedData.Lines(EmbeddedData.Read(file)))
                foreach (var entry in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Normal))
                {
                    if (entry.EndsWith('*'))
                        set._stems.Add(entry[..^1]);
                    else
                        set._words.Add(entry);
                }
            return set;
        }

        public bool Contains(string word)
        {
            if (_words.Contains(word))
                return true;
            foreach (var stem in _stems)
                if (word.StartsWith(stem, StringComparison.Ordinal))
                    return true;
            return false;
        }
    }
}
