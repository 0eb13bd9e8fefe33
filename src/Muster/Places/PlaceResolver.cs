using Muster.Text;
using System.Text.RegularExpressions;
using Muster.Claims;

namespace Muster.Places;

/// <summary>
/// What a story says about its geography, gathered once per story: the countries its unambiguous place names
/// point to, and where each capital city is named (for "the capital").
/// </summary>
public sealed class StoryGeography
{
    internal Dictionary<string, int> CountryVotes { get; } = new(StringComparer.Ordinal);
    internal List<(int Offset, GazetteerEntry Capital)> Capitals { get; } = [];
    internal List<TextSpan> Paragraphs { get; } = [];
    internal List<(int Offset, string Code)> Regions { get; } = [];

    /// <summary>The country most of the story's unambiguous place names lie in, or null.</summary>
    public string? DominantCountry =>
        CountryVotes.Count == 0 ? null : CountryVotes.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).First().Key;
}

/// <summary>
/// Resolves the place names of a claim's text to places: a region named in full or in a list ("Lipetsk, Tyumen
/// and Voronezh oblasts") is that region; a locality resolves to its region and coordinates, an ambiguous one
/// by the country or region named nearby, else it is left ambiguous (no code) — never a silent wrong guess.
/// Titles and organizations ("Moscow Mayor", "The Moscow Times"), possessives ("Moscow's call") and a capital
/// standing for its government ("Moscow intends") are not places of the claim.
/// </summary>
public sealed class PlaceResolver(Gazetteer gazetteer)
{

    private static readonly Regex PluralRegionWord = new(@"^\W*(?:and\s+|и\s+|та\s+|і\s+)?(?:oblasts|regions|krais|territories|republics|provinces|областей|областях|области|краях|краев|регионах|регионов|областях|областей|регіонах)\b",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex ListSeparator = new(@"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|и|та|і)\s+|\s*,\s*as well as\s+)$", RegexOptions.Compiled);

    private static readonly HashSet<string> OrganizationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "mayor", "times", "post", "independent", "patriarch", "patriarchate", "university", "institute", "exchange",
        "telegraph", "herald", "tribune", "gazette", "daily", "news", "ledger", "courier", "echo", "metro", "zoo",
        "airport", "region's", "city's", "helsinki", "conservatory", "theater", "theatre", "club", "fc",
    };

    private static readonly HashSet<string> GovernmentVerbs = new(StringComparer.Ordinal)
    {
        "is", "was", "has", "had", "have", "will", "would", "wants", "wanted", "intends", "intended", "says", "said",
        "plans", "planned", "denied", "denies", "claims", "claimed", "continues", "continued", "seeks", "sought",
        "insists", "insisted", "refuses", "refused", "hopes", "announced", "launched", "may", "might", "could",
        "should", "must", "can", "also", "again", "still", "does", "did", "tries", "tried", "needs", "needed",
    };

    private static readonly HashSet<string> FeatureWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "sea", "seaside", "coast", "coastal", "shore", "regiment", "brigade", "battalion", "division", "corps", "steel",
        "group", "groups",
    };

    private static readonly HashSet<string> PlaceTypeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Oblast", "Region", "Krai", "Republic", "Raion", "District", "Okrug", "Province", "City", "Territory",
    };

    private static readonly HashSet<string> CapitalCodes = new(StringComparer.Ordinal) { "RU-MOW", "UA-30", "BY-HM" };

    private static readonly Regex CapitalReference = new(@"\bthe\s+(?:(?<adj>Russian|Ukrainian|Belarusian)\s+)?capital\b", RegexOptions.Compiled);

    /// <summary>The resolver over Muster's gazetteer.</summary>
    public static PlaceResolver Default => LazyDefault.Value;

    private static readonly Lazy<PlaceResolver> LazyDefault = new(() => new PlaceResolver(Gazetteer.Default));

    /// <summary>Gathers a story's geography from its paragraphs.</summary>
    public StoryGeography Survey(string text, IEnumerable<TextSpan> paragraphs)
    {
        var geography = new StoryGeography();
        foreach (var paragraph in paragraphs)
        {
            geography.Paragraphs.Add(paragraph);
            foreach (var mention in gazetteer.Find(text, paragraph.Start, paragraph.End))
            {
                if (IsExcluded(text, mention))
                    continue;
                var countries = mention.Candidates.Select(c => c.Country).Distinct().ToList();
                if (countries.Count == 1)
                    geography.CountryVotes[countries[0]] = geography.CountryVotes.GetValueOrDefault(countries[0]) + 1;
                foreach (var region in mention.Candidates)
                    if (region.Kind == PlaceKind.Region && region.Code is not null && EnclosedCities.ContainsValue(region.Code))
                        geography.Regions.Add((mention.Start, region.Code));
                var capital = mention.Candidates.FirstOrDefault(c => c.Kind == PlaceKind.Region && c.Code is not null && CapitalCodes.Contains(c.Code));
                if (capital is not null)
                    geography.Capitals.Add((mention.Start, capital));
            }
        }
        return geography;
    }

    /// <summary>
    /// Resolves the places of the claim at <paramref name="range"/>, in order, each code once: those it names; when it
    /// names neither a region nor a country, those of its sentence; failing that, the region named last before it
    /// in the story ("В Горловке вручили повестки. Их держат в подвале" — the second claim is in Horlivka too).
    /// A claim that names only a country is about the country, and takes no region from around it.
    /// </summary>
    public IReadOnlyList<ClaimPlace> Resolve(string text, TextSpan range, StoryGeography geography) =>
        Resolve(text, range, geography, storyContext: true);

    private List<ClaimPlace> Resolve(string text, TextSpan range, StoryGeography geography, bool storyContext)
    {
        var places = ResolveNamed(text, range, geography);
        if (places.Any(p => p.Code is not null || p.Kind == "country") || IsNationalOrBroad(text, range))
            return places;
        var paragraph = geography.Paragraphs.FindIndex(p => p.Start <= range.Start && range.Start < p.End);
        if (paragraph < 0)
            return places;
        var sentence = SentenceAround(text, geography.Paragraphs[paragraph], range);
        var around = ResolveNamed(text, sentence, geography);
        // A country named before the claim or in it frames the sentence ("In Russia, men are summoned"); one
        // named after it is the object of another clause ("... but it resembles what Russia did", "nobody here
        // wants a war with Ukraine") and frames nothing.
        if (around.Any(p => p.Kind == "country") && around.All(p => p.Code is null)
            && (sentence.End <= range.End || ResolveNamed(text, new TextSpan(sentence.Start, range.End), geography).Any(p => p.Kind == "country")))
            return places;
        if (around.All(p => p.Code is null) && IsNationalOrBroad(text, sentence))
            return places;
        if (around.Any(p => p.Code is not null))
            return Merge(places, around.Where(p => p.Code is not null));
        if (!storyContext)
            return places;

        // back sentence by sentence to the story's start, at most StoryContextReach characters: a claim's context
        // is the story's last few paragraphs, and the walk must not grow with the story (a page of one endless
        // paragraph would make it quadratic)
        var end = sentence.Start;
        var reachStart = Math.Max(0, sentence.Start - StoryContextReach);
        for (var k = paragraph; k >= 0 && end > reachStart; k--)
        {
            var para = geography.Paragraphs[k];
            if (k < paragraph)
                end = para.End;
            while (end > para.Start && end > reachStart)
            {
                var previous = SentenceAround(text, para, new TextSpan(Math.Max(para.Start, end - 1), Math.Max(para.Start, end - 1)));
                // a sentence about the state ("Putin announced the mobilization was over") or about many regions
                // ("detentions in several regions: Sagaing, Mandalay, Shan and Kachin") moves the story from one
                // region to the country: the claims after it take no region from it or from before it
                var found = ResolveNamed(text, previous, geography).Where(p => p.Code is not null).ToList();
                if (found.Count >= ManyRegions && ManyRegionsWord.IsMatch(text.AsSpan(previous.Start, previous.End - previous.Start)))
                    return places;
                if (found.Count > 0)
                    return Merge(places, Enclosing(found, previous.Start, geography));
                if (IsNationalOrBroad(text, previous))
                    return places;
                if (previous.Start >= end)
                    break;
                end = previous.Start;
            }
        }
        return places;
    }

    /// <summary>
    /// The places of a claim's source ("the Lipetsk Oblast administration", "locals, the city council of occupied
    /// Mariupol says"): those it names, else those of its own sentence, never a region the story named sentences
    /// before (a source carried over from an earlier sentence places nothing).
    /// </summary>
    public IReadOnlyList<ClaimPlace> ResolveSource(string text, TextSpan range, StoryGeography geography) =>
        Resolve(text, range, geography, storyContext: false);

    /// <summary>How far back before a claim (in characters) the story context is looked for.</summary>
    private const int StoryContextReach = 6000;

    private static readonly Regex NationalOrBroad = new(
        @"\b(?:Kremlin|government|Putin|Duma|territories|regions|across\s+the\s+country|nationwide|throughout\s+the\s+country|in\s+the\s+country|по\s+всей\s+(?:стране|России)|по\s+всій\s+(?:країні|Україні)|(?:в|по)\s+стране|(?:в|у|по)\s+країні|Кремл\w*|правительств\w*|Путин\w*|Путін\w*|Госдум\w*|уряд\w*|регионах|регионов|регіонах|регіонів|территори(?:ях|й|и)|територі(?:ях|й|ї))\b",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    /// <summary>
    /// A claim about the state ("the Kremlin denied", "Moscow intends", "Путин объявил") or about many places at once
    /// ("in the occupied territories", "в регионах") is about no one region of the story.
    /// </summary>
    private bool IsNationalOrBroad(string text, TextSpan range)
    {
        if (NationalOrBroad.IsMatch(text.AsSpan(range.Start, range.End - range.Start).ToString()))
            return true;
        return gazetteer.Find(text, range.Start, range.End).Any(m => IsExcluded(text, m)
            && m.Candidates.Any(c => c.Kind == PlaceKind.Region && c.Code is not null && CapitalCodes.Contains(c.Code)));
    }

    /// <summary>
    /// A sentence naming this many regions as examples of "many regions" is about none of them in particular
    /// (a counted list, "in four other regions: Kursk, Orel, ...", is about those regions).
    /// </summary>
    private const int ManyRegions = 3;

    private static readonly Regex ManyRegionsWord = new(
        @"\b(?:many|several|various|multiple|numerous|многих|нескольких|ряде|разных|различных|багатьох|кількох|низці|різних)\s+(?:regions|oblasts|provinces|регионах|областях|регіонах|областях)\b",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    /// <summary>
    /// A city of regional status that lies inside another region, and the region around it: Sevastopol (UA-40) on
    /// the Crimean peninsula (UA-43). Named outright, the city is its own code; a claim that takes it only from the
    /// story around it, in a story that has named the enclosing region before, is about that region, the story's
    /// subject (the annotation's convention: "в Севастопольському військкоматі" is UA-40, the claims after it in a
    /// Crimea story UA-43).
    /// </summary>
    private static readonly Dictionary<string, string> EnclosedCities = new(StringComparer.Ordinal) { ["UA-40"] = "UA-43" };

    private IEnumerable<ClaimPlace> Enclosing(List<ClaimPlace> found, int before, StoryGeography geography)
    {
        foreach (var place in found)
        {
            if (place.Code is not null && EnclosedCities.TryGetValue(place.Code, out var outer)
                && geography.Regions.Any(r => r.Offset < before && r.Code == outer) && gazetteer.Region(outer) is { } region)
            {
                if (found.All(p => p.Code != outer))
                    yield return ToPlace(region.Name, region);
            }
            else
                yield return place;
        }
    }

    private static List<ClaimPlace> Merge(List<ClaimPlace> places, IEnumerable<ClaimPlace> more) =>
        [.. places.Where(p => p.Code is not null), .. more];

    /// <summary>The sentence of <paramref name="paragraph"/> that holds <paramref name="range"/>'s start, to the end of range.</summary>
    private static TextSpan SentenceAround(string text, TextSpan paragraph, TextSpan range)
    {
        // no further than the longest sentence the splitter gives: a page without full stops must not make every
        // claim walk its whole paragraph
        var a = range.Start;
        while (a > paragraph.Start && range.Start - a < SentenceSplitter.MaxSentence && !(text[a - 1] is '\n' || (a - 2 >= paragraph.Start && text[a - 2] is '.' or '!' or '?' or '…' && char.IsWhiteSpace(text[a - 1]))
            || GluedStop(text, paragraph, a - 1)))
            a--;
        // a full stop inside a quotation does not end the sentence that reports it ("“… it is routine. Stay calm,"
        // an officer in Krasnodar insisted.")
        var depth = 0;
        for (var k = a; k < range.End && k < paragraph.End; k++)
            depth = Quote(text[k], depth);
        var b = Math.Max(range.End, a);
        while (b < paragraph.End && b - range.End < SentenceSplitter.MaxSentence && !(depth <= 0 && text[b] is '.' or '!' or '?' or '…' && (b + 1 >= paragraph.End || char.IsWhiteSpace(text[b + 1])))
            && !GluedStop(text, paragraph, b))
            depth = Quote(text[b++], depth);
        return new TextSpan(a, Math.Min(paragraph.End, b + 1));
    }

    /// <summary>
    /// A full stop with no space after it that still ends a sentence: after a word or a closing quote and before
    /// a capital ("не всегда\".С февраля", "the end.Next"), not inside an abbreviation ("U.S.", "т.е.").
    /// </summary>
    private static bool GluedStop(string text, TextSpan paragraph, int at) =>
        at - 1 >= paragraph.Start && at + 1 < paragraph.End && text[at] is '.' or '!' or '?'
        && char.IsUpper(text[at + 1]) && (text[at - 1] is '"' or '»' or '”' || char.IsLower(text[at - 1]) && at - 2 >= paragraph.Start && char.IsLower(text[at - 2]));

    private static readonly Regex BothRepublics = new(@"(?<!\p{L})(?:Л\s*/\s*ДНР|Л-ДНР|ЛДНР|L\s*/\s*DPR|L-DPR|L/DNR|ЛНР\s*/\s*ДНР|ДНР\s*/\s*ЛНР)(?!\p{L})", RegexOptions.Compiled);

    private static int Quote(char c, int depth) => c switch
    {
        '“' or '«' or '„' => depth + 1,
        '”' or '»' => depth - 1,
        '"' => depth > 0 ? depth - 1 : depth + 1,
        _ => depth,
    };

    private List<ClaimPlace> ResolveNamed(string text, TextSpan range, StoryGeography geography)
    {
        var mentions = gazetteer.Find(text, range.Start, range.End).Where(m => !IsExcluded(text, m)).ToList();
        var places = new List<ClaimPlace>();
        for (var i = 0; i < mentions.Count; i++)
        {
            var mention = mentions[i];
            var name = text[mention.Start..mention.End];
            var inRegionList = InRegionList(text, mentions, i, range.End);
            var place = Choose(mention, name, inRegionList, mentions, geography);
            // Each code once per claim: a town and its region are one place, named by the town (the more precise).
            if (place is null)
                continue;
            var same = places.FindIndex(p => place.Code is not null ? p.Code == place.Code : p.Code is null && p.Name == place.Name);
            if (same < 0)
                places.Add(place);
            else if (places[same].Kind == "region" && place.Kind == "locality")
                places[same] = place;
        }
        // «новые регионы», the "new regions": Russia's name for the four annexed Ukrainian regions
        var span = text.AsSpan(range.Start, range.End - range.Start);
        if ((span.Contains("егион", StringComparison.Ordinal) || span.Contains("егіон", StringComparison.Ordinal) || span.Contains("new ", StringComparison.OrdinalIgnoreCase))
            && NewRegions.IsMatch(span))
            foreach (var code in (string[])["UA-14", "UA-09", "UA-23", "UA-65"])
                if (places.All(p => p.Code != code) && gazetteer.Region(code) is { } annexed)
                    places.Add(ToPlace(annexed.Name, annexed));
        // "Л/ДНР", "L/DPR": both people's republics at once
        if (BothRepublics.IsMatch(text.AsSpan(range.Start, range.End - range.Start).ToString()))
            foreach (var code in (string[])["UA-09", "UA-14"])
                if (places.All(p => p.Code != code) && gazetteer.Region(code) is { } republic)
                    places.Add(ToPlace(code == "UA-09" ? "ЛНР" : "ДНР", republic));
        foreach (Match match in CapitalReference.Matches(text[range.Start..range.End]))
        {
            var offset = range.Start + match.Index;
            var capital = match.Groups["adj"].Value switch
            {
                "Russian" => gazetteer.Region("RU-MOW"),
                "Ukrainian" => gazetteer.Region("UA-30"),
                "Belarusian" => gazetteer.Region("BY-HM"),
                _ => geography.Capitals.Where(c => c.Offset < offset).Select(c => c.Capital).LastOrDefault(),
            };
            // "the capital" is no place name of its own: it stands for the capital named before, by that name.
            if (capital is not null && places.All(p => p.Code != capital.Code))
                places.Add(new ClaimPlace(capital.Name, capital.Code, capital.Country, capital.Lat, capital.Lon, "region"));
        }
        return places;
    }

    private static ClaimPlace ToPlace(string name, GazetteerEntry entry) =>
        new(name, entry.Code, entry.Country, entry.Lat, entry.Lon, entry.Kind.ToString().ToLowerInvariant());

    private static ClaimPlace? Choose(PlaceMention mention, string name, bool inRegionList, List<PlaceMention> sentence, StoryGeography geography)
    {
        var candidates = mention.Candidates;
        var regions = candidates.Where(c => c.Kind == PlaceKind.Region).ToList();
        var country = candidates.FirstOrDefault(c => c.Kind == PlaceKind.Country);
        if (country is not null)
            return ToPlace(name, country);
        if (regions.Count == 1 && (inRegionList || candidates.Count == 1))
            return ToPlace(name, regions[0]);
        var localities = candidates.Where(c => c.Kind == PlaceKind.Locality).ToList();
        if (regions.Count == 1)
        {
            // A bare name that is both a region and a town in that region ("Tyumen") is the town; a bare name
            // that is a region here and a town elsewhere ("Sverdlovsk") is the region unless the story's
            // geography points to the town's country.
            var same = localities.Where(l => l.Code == regions[0].Code).OrderByDescending(l => l.Population).FirstOrDefault();
            if (same is not null)
                return ToPlace(name, same);
            var dominant = geography.DominantCountry;
            var elsewhere = localities.Where(l => l.Country == dominant && dominant != regions[0].Country).OrderByDescending(l => l.Population).ToList();
            return elsewhere.Count == 1 ? ToPlace(name, elsewhere[0]) : ToPlace(name, regions[0]);
        }
        if (localities.Count == 0)
            return regions.Count > 1 ? new ClaimPlace(name, null, null, null, null, "region") : null;
        if (localities.Count == 1)
            return ToPlace(name, localities[0]);

        // Several towns share the name: the region named in the same sentence decides, then the story's country,
        // then a clear difference in size; otherwise the place stays ambiguous.
        var regionCodes = sentence.SelectMany(m => m.Candidates).Where(c => c.Kind == PlaceKind.Region).Select(c => c.Code).ToHashSet();
        var inRegion = localities.Where(l => l.Code is not null && regionCodes.Contains(l.Code)).ToList();
        if (inRegion.Count == 1)
            return ToPlace(name, inRegion[0]);
        var pool = localities;
        if (geography.DominantCountry is { } story && localities.Any(l => l.Country == story))
            pool = localities.Where(l => l.Country == story).ToList();
        var ordered = pool.OrderByDescending(l => l.Population).ToList();
        if (ordered.Count == 1 || ordered[0].Population >= 5 * Math.Max(1, ordered[1].Population))
            return ToPlace(name, ordered[0]);
        var countries = ordered.Select(l => l.Country).Distinct().ToList();
        return new ClaimPlace(name, null, countries.Count == 1 ? countries[0] : null, null, null, "locality");
    }

    private static bool InRegionList(string text, List<PlaceMention> mentions, int index, int limit)
    {
        // Walk forward over "A, B, C and D" to the word after the list: "oblasts", "regions".
        var i = index;
        while (true)
        {
            var after = text.AsSpan(mentions[i].End, Math.Min(limit, mentions[i].End + 40) - mentions[i].End).ToString();
            if (PluralRegionWord.IsMatch(after))
                return true;
            if (i + 1 >= mentions.Count)
                return false;
            var gap = text[mentions[i].End..mentions[i + 1].Start];
            if (!ListSeparator.IsMatch(gap))
                return false;
            i++;
        }
    }

    private static readonly Regex StreetBefore = new(
        @"(?:\b(?:улиц[аеуыи]|ул\.|вулиц[яіею]|вул\.|проспект[аеу]?|просп\.|пр-т|переул(?:ок|ке|ка)|провул(?:ок|ку|ка)|площад[ьиі]|пл\.|бульвар[аеуі]?|шоссе|набережн(?:ая|ой|а|ій))|\d+\s*-?\s*(?:st|nd|rd|th|я|й|ая|ой|ий|ый|а|го|му|ї|ої|ій))\s+$",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly HashSet<string> StreetWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "street", "avenue", "lane", "prospekt", "улица", "улице", "улицу", "улицы", "проспект", "проспекте", "проспекта",
        "переулок", "переулке", "шоссе", "бульвар", "бульваре", "вулиця", "вулиці", "вулицю", "проспекті", "провулок",
        "провулку", "бульварі", "площадь", "площади", "площа", "площі",
    };

    private static readonly Regex AdjectivalEnding = new(@"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ую|юю|ых|их|ій|ої|ою|ими|ыми|ьке|ське|ове|еве)$",
        RegexOptions.Compiled);


    private static readonly Regex ResidentNoun = new(@"^\p{Lu}\p{Ll}+(?:анин|янин|анка|янка|ич|ичка|ец|иец|анець|янець)$", RegexOptions.Compiled);

    private static readonly Regex CapitalDecides = new(
        @"^\s+(?:(?:уже|тогда|тоді|вже|ранее|раніше|официально|офіційно)\s+)?(?:приняли|решили|заявили|объявили|отрицают|отрицали|опровергли|пообещали|считают|ответили|ухвалили|вирішили|оголосили|заперечують|пообіцяли|вважають|відповіли)\b",
        RegexOptions.Compiled);

    private static readonly Regex NewRegions = new(
        @"(?:так\s+называем\w+|так\s+званих|так\s+звані|так\s+званим|so-called)\s+[«""“]?(?:нов\w+\s+(?:регион|регіон)\w*|new\s+regions|new\s+territories)|[«""“](?:нов\w+\s+(?:регион|регіон)\w*|new\s+regions)[»""”]",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex StateBodyBefore = new(
        @"(?<!\p{L})(?:[Пп]резидент\w*|[Пп]рем(?:ьер|'єр|’єр)\w*|[Мм]инистр\w*|[Мм]іністр\w*|[Гг]лав[аыеуіо]\w*|President|Prime\s+Minister|Minister|Вооруж[её]нн\w+\s+[Сс]ил\w*|Збройн\w+\s+[Сс]ил\w*|Armed\s+Forces|Минобороны|Міноборони|МИД|МЗС|ВС|ЗС|Генштаб\w*|Генерального\s+штаба|Генерального\s+штабу|[Аа]рми[июй]|[Аа]рмі[яїю]|[Лл]ав(?:ах|и|ами)|[Рр]ядах|[Рр]яди|ranks|army|[Пп]роти|[Пп]ротив|against)\s+(?:of\s+)?(?:the\s+)?$",
        RegexOptions.Compiled);

    private static readonly Regex PersonBefore = new(@"(?:\b\d+-year-old|\d+\s*-?\s*(?:летн|річн)\w*)\s+$", RegexOptions.Compiled);

    private static readonly Regex EmbassyBefore = new(
        @"\b(?:embass(?:y|ies)|consulates?|посольств\w*|консульств\w*)\b[^.;!?]{0,30}?\(?\s*(?:in|at|в|у)\s+$", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static bool IsExcluded(string text, PlaceMention mention)
    {
        // "Moscow's call", "Russia's decree": a capital's or a country's possessive is the state; a region's or a
        // town's ("Magwe’s Natmauk") is the place.
        if (mention.End + 1 < text.Length && text[mention.End] is '\'' or '’' && text[mention.End + 1] == 's'
            && mention.Candidates.Any(c => c.Kind == PlaceKind.Country || c.Kind == PlaceKind.Region && c.Code is not null && CapitalCodes.Contains(c.Code)))
            return true;
        var (nextWord, nextStart) = NextWord(text, mention.End);
        if (nextWord is not null && StreetWords.Contains(nextWord))
            return true; // "Московский проспект", "Moscow Street": a street named after the place
        if (StreetBefore.IsMatch(text.AsSpan(Math.Max(0, mention.Start - 16), mention.Start - Math.Max(0, mention.Start - 16)).ToString()))
            return true; // "улица Мариупольская", "на 2-й Луганской": a street, not the place
        if (Scripts.IsCyrillic(text[mention.Start]) && mention.Candidates.All(c => c.Kind == PlaceKind.Locality)
            && text.AsSpan(mention.Start, mention.End - mention.Start).IndexOfAny(' ', '-') < 0)
        {
            var word = text[mention.Start..mention.End];
            // "Южного военного округа", "Советский район": a capitalized adjective before a common noun is part
            // of a name, not the town called Южное or Советский.
            if (AdjectivalEnding.IsMatch(word) && nextWord is { Length: > 0 } && char.IsLower(nextWord[0]) && Scripts.IsCyrillic(nextWord[0])
                && nextStart == mention.End + 1)
                return true;
            // "Минчанин Владимир": a town name after a word for a resident ("-анин", "-ич", "-ец") is a first name.
            if (PreviousWord(text, mention.Start) is { } resident && ResidentNoun.IsMatch(resident.Word))
                return true;
            // "Антон Чехов", "Юрий Гагарин": a town name after a capitalized word inside a sentence is a surname.
            if (PreviousWord(text, mention.Start) is { } previous && previous.Word.Length > 1 && char.IsUpper(previous.Word[0])
                && previous.Word.Skip(1).All(char.IsLower) && Scripts.IsCyrillic(previous.Word[0]) && !SentenceStart(text, previous.Start))
                return true;
        }
        if (nextWord is not null && OrganizationWords.Contains(nextWord) && char.IsUpper(nextWord[0]))
            return true;
        if (nextWord is "mayor" or "mayor's")
            return true;
        // "the Azov seaside", "the Azov Regiment": a name used for a sea, a coast or a military unit.
        if (nextWord is not null && FeatureWords.Contains(nextWord))
            return true;
        // "Vladimir Putin", "Anna Ivanova": a one-word town name followed by a capitalized word that is not a place
        // type is a person's or an organization's name; "a woman named Anna" is a person.
        if (nextWord is { Length: > 1 } && char.IsUpper(nextWord[0]) && nextStart == mention.End + 1 && !PlaceTypeWords.Contains(nextWord)
            && mention.Candidates.All(c => c.Kind == PlaceKind.Locality))
            return true;
        var before = text[Math.Max(0, mention.Start - 12)..mention.Start];
        // "указом президента Росії", "угоду зі Збройними Силами РФ", "у лавах РФ", "the President of Russia":
        // a country that only names whose office or army these are, or the enemy ("воювати проти України", "fight
        // against Ukraine"), is no place of the claim
        if (mention.Candidates.Any(c => c.Kind == PlaceKind.Country)
            && StateBodyBefore.IsMatch(text.AsSpan(Math.Max(0, mention.Start - 40), mention.Start - Math.Max(0, mention.Start - 40))))
            return true;
        // "41-year-old Anna", "41-летняя Анна": a person, not the town
        var near = text.AsSpan(Math.Max(0, mention.Start - 24), mention.Start - Math.Max(0, mention.Start - 24));
        if ((near.Contains("-year-old", StringComparison.Ordinal) || near.Contains("летн", StringComparison.Ordinal) || near.Contains("річн", StringComparison.Ordinal))
            && PersonBefore.IsMatch(near))
            return true;
        // "the Embassy of Kenya (in Moscow)": a mission's seat is no place of what is claimed
        var window = text.AsSpan(Math.Max(0, mention.Start - 60), mention.Start - Math.Max(0, mention.Start - 60));
        if ((window.Contains("mbass", StringComparison.OrdinalIgnoreCase) || window.Contains("onsulat", StringComparison.OrdinalIgnoreCase)
                || window.Contains("осольств", StringComparison.OrdinalIgnoreCase) || window.Contains("онсульств", StringComparison.OrdinalIgnoreCase))
            && EmbassyBefore.IsMatch(window))
            return true;
        if (Regex.IsMatch(before, @"(?:named|called|nicknamed|President|Minister|Mayor|Governor)\s+$"))
            return true;
        // "The Moscow Times": a place between "The" and a capitalized word is part of a name.
        if (mention.Start >= 4 && text.AsSpan(mention.Start - 4, 4).SequenceEqual("The ") && nextWord is { Length: > 0 } && char.IsUpper(nextWord[0])
            && nextStart == mention.End + 1)
            return true;
        if (mention.Candidates.Any(c => c.Code is not null && CapitalCodes.Contains(c.Code) && c.Kind == PlaceKind.Region)
            && (nextWord is not null && GovernmentVerbs.Contains(nextWord) || Regex.IsMatch(before, @"\bby\s+$")))
            return true; // "Moscow intends", "fakes spread by Kyiv": the capital stands for its government
        if (mention.Candidates.Any(c => c.Code is not null && CapitalCodes.Contains(c.Code) && c.Kind == PlaceKind.Region)
            && Regex.IsMatch(before, @"(?<!\p{L})[вуВУ]\s+$") && CapitalDecides.IsMatch(text.AsSpan(mention.End, Math.Min(text.Length, mention.End + 40) - mention.End)))
            return true; // "в Москве приняли решения", "у Києві заявили": the capital's decision is the state's
        return false;
    }

    private static (string Word, int Start)? PreviousWord(string text, int before)
    {
        var i = before;
        if (i == 0 || text[i - 1] != ' ')
            return null;
        i--;
        var end = i;
        while (i > 0 && char.IsLetter(text[i - 1]))
            i--;
        return i < end ? (text[i..end], i) : null;
    }

    private static bool SentenceStart(string text, int at)
    {
        var i = at;
        while (i > 0 && text[i - 1] is ' ' or '«' or '"' or '“' or '„' or '(' or '—' or '–')
            i--;
        return i == 0 || text[i - 1] is '.' or '!' or '?' or '\n' or ':' or '…';
    }

    private static (string? Word, int Start) NextWord(string text, int from)
    {
        var i = from;
        while (i < text.Length && text[i] == ' ')
            i++;
        var start = i;
        while (i < text.Length && (char.IsLetter(text[i]) || text[i] is '\'' or '’'))
            i++;
        return i > start ? (text[start..i], start) : (null, start);
    }
}
