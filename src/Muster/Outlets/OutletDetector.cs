using System.Text;
using System.Text.RegularExpressions;
using Muster.Text;

namespace Muster.Outlets;

/// <summary>
/// Names the outlet a page belongs to from the ways a page names itself: signature lines ("A Message from The
/// Example Times", "a reporter for the Example Herald", "We are the news desk at …", a social handle in a follow
/// prompt, a copyright or masthead line), a credit line ("Source: X", «Источник: X», «Джерело: X»), a wire dateline
/// («Минск /Корр. X/.», "KYIV, May 5 (X) -"), an explainer's self-introduction («X» рассказывает, как …, "X explains
/// how"), the newsroom's own reporting («Корреспондент X выяснил», "X learned"), a relay that names the medium it
/// relays (…пише «Y», передають X), a subscribe prompt, a domain on a line of its own. Each construction votes with
/// its strength; names are canonicalized against <c>Outlets/Data/outlets.txt</c> in the script the page wrote them in.
/// A page that names no outlet gets null: never a guess.
/// </summary>
public sealed class OutletDetector
{
    // A name is capitalized words; a dot may sit inside a word ("Sibir.Realii") but never ends one, so a name
    // stops at the end of its sentence. Words are joined by spaces within a line only: a name never runs on into
    // the next line.
    private const string Gap = @"[ \t\u00A0]+";
    private const string Word = @"\p{Lu}[\p{L}\p{N}’'&/-]*(?:\.[\p{L}\p{N}]+)*";
    private const string Name = @"(?<name>(?:[Tt]he" + Gap + ")?" + Word + "(?:" + Gap + "(?:of" + Gap + "|for" + Gap + "the" + Gap + ")?" + Word + "){0,5})";
    // A quoted name: Russian and Ukrainian pages quote outlet names («Холод», "Вгору", “Верстка”); the empty group
    // q marks that the name came quoted, which is itself a sign of a proper name.
    private const string Quoted = @"(?<q>)[«""“„](?<name>[^«»""“”„\n]{1,60}?)[»""”“]";
    private const string Domain = @"(?<domain>[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6})";
    private const string QName = "(?:" + Quoted + "|" + Name + ")";
    // Where the construction itself ends the name (a credit line, a sentence-final relay), lower-case words may
    // follow the first one, as in many outlets' names ("Українська правда", "Поділля сьогодні").
    // A short lower-case word (з, на, про, of) is a preposition that starts the next phrase, not the name.
    private const string Phrase = @"(?<name>" + Word + @"(?:[ \t\u00A0]+(?:" + Word + @"|\p{Ll}[\p{L}’'-]{3,})){0,3})";
    private const string QPhrase = "(?:" + Quoted + "|" + Phrase + ")";
    private const string LineEnd = @"[ \t]*\.?[ \t]*\r?$";
    // A sentence or a line begins here: an explainer's self-introduction opens its sentence.
    private const string SentenceStart = @"(?:^|(?<=[.!?…»""”’)][ \t]+))";

    /// <summary>How a construction's name is read.</summary>
    private enum Form
    {
        // The name stands as the page wrote it.
        Nominative,
        // The name stands as written only when it looks like a proper name of a medium (quoted, a dotted or
        // all-capital name, "The …") or is a known outlet; a bare capitalized word may be a person.
        Outletish,
        // The name is in an oblique case (корреспондент «Медузы», материалы «Холода»): it is declined back to the
        // nominative through the known outlets, else kept only when it cannot decline (Север.Реалии, «Ъ», RFE/RL).
        Oblique,
    }

    private sealed record Rule(Regex Pattern, int Weight, Form Form, bool Relay = false)
    {
        /// <summary>The literals a match needs (see <see cref="RuleLiterals"/>).</summary>
        public LiteralPrefilter.Condition Needs { get; } = RuleLiteralsBuilder.Add(Pattern.ToString());
    }

    // The rules run over a whole page, most of them finding nothing: one scan for the literals they need tells which
    // can match at all. (The builder treats patterns as case-insensitive: a looser condition, still a necessary one.)
    private static readonly LiteralPrefilter.Builder RuleLiteralsBuilder = new();

    private static Regex R(string pattern) => new(pattern,
        RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.Multiline, Muster.Text.Patterns.Timeout);

    // Signature lines and credits are the page speaking of itself (3); an explainer's or a newsroom's own reporting
    // names the page in a sentence (2); a relay that names its medium and an unlabelled credit are the weakest (1).
    private static readonly Rule[] Rules =
    [
        // Signature lines.
        new(R($@"\bA\s+(?:[Mm]essage|[Nn]ote|[Ll]etter)\s+from\s+{Name}"), 3, Form.Nominative),
        new(R($@"\b(?:is|was|am)\s+an?\s+(?:[\p{{L}}-]+\s+){{0,3}}(?:reporter|journalist|correspondent|editor|writer|columnist|producer|photographer)\s+(?:for|at|with)\s+{Name}"), 3, Form.Nominative),
        new(R($@"\b[Ww]e\s+are\s+the\s+(?:[\p{{L}}-]+\s+){{0,2}}(?:team|desk|staff|newsroom)\s+(?:of|at)\s+{Name}"), 3, Form.Nominative),
        new(R($@"\b[Bb]y\s+supporting\s+{Name}"), 3, Form.Nominative),
        new(R($@"\b(?:interviewed|contacted|obtained|seen|reviewed|verified)\s+by\s+{Name}\s+for\s+this\s+(?:story|article|report|piece|investigation)"), 3, Form.Nominative),
        // A copyright line: at the start of a line, or with its year anywhere. "… © Getty Images" after a caption
        // is a photo credit, not the page's copyright.
        new(R($@"^[ \t]*(?:©|\([Cc]\)|\bCopyright)[ \t]*(?:\d{{4}}(?:[-–]\d{{4}})?[ \t,]*)?{QName}"), 3, Form.Nominative),
        new(R($@"(?:©|\([Cc]\)|\bCopyright)[ \t]*\d{{4}}(?:[-–]\d{{4}})?[ \t,]*{QName}"), 3, Form.Nominative),
        // A masthead: "X — all rights reserved", «X. Все права защищены».
        new(R($@"^[ \t]*{QName}[ \t]*[.,]?[ \t]*[—–-]?[ \t]*(?i:all rights reserved|все права защищены|усі права захищені|всі права захищені)"), 3, Form.Nominative),
        // A credit line of its own: "Source: Meduza", «Источник: X», «Джерело: X», or a domain.
        new(R($@"^[ \t]*(?:Source|Источник|Джерело)[ \t]*:[ \t]*(?:{QPhrase}|{Domain}){LineEnd}"), 3, Form.Nominative),
        // A wire dateline: «1 августа, Минск /Корр. X/.», «КИЕВ, 5 мая. /X/».
        new(R(@"^[ \t]*(?:\d{1,2}[ \t]+\p{Ll}+,?[ \t]+)?\p{Lu}[\p{L}-]+(?:[ \t]+\p{Lu}[\p{L}-]+)?[ \t]*,?[ \t]*(?:\d{1,2}[ \t]+\p{Ll}+\.?[ \t]*)?/(?i:корр?\.[ \t]*)?(?<name>\p{Lu}[^/\n:]{1,39}?)/"), 3, Form.Nominative),
        // "KYIV, May 5 (Reuters) -".
        new(R($@"^[ \t]*\p{{Lu}}{{2,}}(?:[ -]\p{{Lu}}{{2,}})*,?(?:[ \t]+\p{{Lu}}\p{{Ll}}{{2,8}}\.?[ \t]+\d{{1,2}})?[ \t]*\({Name}\)[ \t]*[-–—]"), 3, Form.Nominative),

        // An explainer introduces itself: «X» рассказывает, как …; "X explains why"; "X tells the stories of".
        // The name and the sentence start are a lookbehind, so that the search runs from the verb, a literal, and
        // not from every position of the page.
        new(R($@"(?<={SentenceStart}{QName}[ \t]+)(?:рассказывает|объясняет|разбирается|выясняет|розповідає|пояснює|з[’']ясовує|розбирається)(?:,?[ \t]+|[ \t]*[—–-][ \t]*)(?:как|почему|что|зачем|о[ \t]+том|кто|где|сколько|чем|в[ \t]+чем|як|чому|що|навіщо|про[ \t]+те|хто|де|скільки|чим|у[ \t]+чому|в[ \t]+чому|истори|історі)"), 2, Form.Outletish),
        new(R($@"(?<={SentenceStart}(?:[\p{{L}},’' -]{{0,60}},[ \t]+)?{Name}[ \t]+)(?:explains|explores|examines|tells[ \t]+(?:the[ \t]+)?stor(?:y|ies)|looks[ \t]+at)[ \t]+(?:how|why|what|who|where|whether|of|the)\b"), 2, Form.Outletish),
        // The newsroom's own finding: «X» выяснила (also «совместно с …»), "DW learned".
        new(R($@"{SentenceStart}{Quoted}(?:[ \t]+(?:совместно|вместе|спільно|разом)[ \t]+(?:с|со|з|із)[ \t]+[^.\n]{{1,80}}?)?[ \t]+(?:выяснил[аои]?|узнал[аои]?|установил[аои]?|з[’']ясував(?:ла|ло|ли)?|з[’']ясувало|дізнав(?:ся|лася|лося|лись)|встановив|встановила|встановило)\b"), 2, Form.Outletish),
        new(R($@"(?<={SentenceStart}{Name}[ \t]+)(?:has[ \t]+)?(?:learned|learnt|found[ \t]+out|established)\b"), 2, Form.Outletish),
        // Its correspondent's finding: «Корреспондент X выяснил». The plural «журналисты X выяснили» is left out:
        // pages use it to relay another outlet's investigation.
        new(R($@"\b(?:[Кк]орреспондент(?:ка)?|[Кк]ореспондент(?:ка)?)[ \t]+{QName}[ \t]+(?:выяснил|узнал|побывал|поговорил|съездил|з[’']ясував|з[’']ясувала|дізнав|побував|побувала|поспілкува)"), 2, Form.Oblique),
        // The page was told: «Об этом «X» сообщили в пресс-службе», «Про це «X» розповіли в …».
        new(R($@"\b(?:[Оо]б[ \t]+этом|[Пп]ро[ \t]+це)[ \t]+{Quoted}[ \t]+(?:сообщили|рассказали|заявили|подтвердили|повідомили|розповіли|заявили|підтвердили)\b"), 2, Form.Oblique),
        // A subscribe prompt: «Не пропускайте новые материалы «X», подписывайтесь …».
        new(R($@"\b(?:материал(?:ы|ов)|матеріали|матеріалів|новости|новин)[ \t]+{QName},?[ \t]+(?:подпи(?:шитесь|сывайтесь)|підпи(?:шіться|суйтеся))"), 2, Form.Oblique),
        // "For all of X's coverage of the war".
        new(R($@"\bFor[ \t]+(?:all[ \t]+(?:of[ \t]+)?)?{Name}[’']s[ \t]+(?:latest[ \t]+|full[ \t]+)?coverage\b"), 2, Form.Nominative),
        // A date line closed by a broadcaster: «14 марта 2023 11:05 ГТРК "Приморье"».
        new(R(@"^[^\n]{0,40}\d{1,2}:\d{2}[ \t]+(?<name>(?:ГТРК|ТРК|ИА|ІА|Телеканал|Телерадиокомпания|Радио|Радіо)[ \t]+[«""“„][^«»""“”„\n]{1,40}[»""”“])[ \t]*\r?$"), 2, Form.Nominative),
        // A domain on a line of its own.
        new(R($@"^[ \t]*{Domain}[ \t]*\r?$"), 2, Form.Nominative),

        // A relay that names the medium it relays: «Про це повідомляє «Суспільне», передають X.» The last relay in the chain
        // is the page; a bare «…, передает ТАСС» after an official's words is a wire the page copies (see Relays).
        new(R($@",[ \t]+(?:передає|передають|інформує|передает|передают|информирует)[ \t]+{QPhrase}[ \t]*[.!]?[ \t]*(?=\r?$|\s+\p{{Lu}}|\s*[«""“])"), 1, Form.Nominative, Relay: true),
        // An unlabelled credit that ends a caption with a domain: "Mobilization order / example.org". A labelled
        // photo credit («Фото: gazeta.ru», "Photo: REUTERS/…") names the picture's source, not the page.
        new(R($@"^(?![ \t]*(?:Фото|Photo|Ілюстр|Иллюстр|Image|Picture|Credit|Art|Источник|Джерело|Кадр|Скриншот)\b)[^\n/]{{3,120}}[ \t]/[ \t]*{Domain}[ \t]*\r?$"), 1, Form.Nominative),
        // A follow prompt's handle (resolved in FromHandle).
        new(R(@"(?<!\S)@(?<handle>[A-Za-z][A-Za-z0-9_]{2,40})\b"), 3, Form.Nominative),
    ];

    private static readonly LiteralPrefilter RuleLiterals = RuleLiteralsBuilder.Build();

    // Within a relay's sentence, what shows the relayed party is a medium: a quoted name or a word for a medium.
    private static readonly Regex RelaysAMedium = R(@"[«""“„]\p{Lu}|\b(?:видання|виданню|виданням|издание|изданию|изданием|ЗМІ|СМИ|телеканал|газета|газеті|газете|[Пп]ише|[Пп]ишет|[Пп]ишуть|[Пп]ишут)\b");

    private static readonly Regex RoleNoun = R(@"^(?:Корреспондент(?:ка)?|Кореспондент(?:ка)?|Редакция|Редакція|Издание|Видання|Correspondent|Reporter)[ \t]+(?=\p{Lu})");

    private static readonly Regex HandleSuffix = new(@"_(?:official|news|en|eng|ua|ru|media|online|live)$", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly HashSet<string> NotOutlets = new(
        EmbeddedData.Lines(EmbeddedData.Read("outlet-nonnames.txt")).Select(l => l.Line.ToLowerInvariant()), StringComparer.Ordinal);

    private readonly Dictionary<string, string[]> _entries;

    private OutletDetector(Dictionary<string, string[]> entries) => _entries = entries;

    /// <summary>The detector with Muster's list of known outlets.</summary>
    public static OutletDetector Default { get; } = Parse(EmbeddedData.Read("outlets.txt"), "outlets.txt");

    /// <summary>Parses an outlet list; a fault throws <see cref="FormatException"/> naming the file and line.</summary>
    public static OutletDetector Parse(string content, string fileName)
    {
        var entries = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (line, number) in EmbeddedData.Lines(content))
        {
            var names = line.Split('|', StringSplitOptions.TrimEntries);
            if (names.Any(n => Key(n).Length == 0))
                throw new FormatException($"{fileName}:{number}: an empty name");
            foreach (var name in names)
            {
                var key = Key(name);
                if (entries.TryGetValue(key, out var other) && other[0] != names[0])
                    throw new FormatException($"{fileName}:{number}: '{name}' already names {other[0]}");
                entries[key] = names;
            }
        }
        return new OutletDetector(entries);
    }

    /// <summary>The comparison key of a name: letters and digits, lower case, without a leading "the".</summary>
    internal static string Key(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
            trimmed = trimmed[4..];
        var key = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
            if (char.IsLetterOrDigit(c))
                key.Append(char.ToLowerInvariant(c));
        return key.ToString();
    }

    /// <summary>The canonical name of a known outlet, or null.</summary>
    public string? Canonical(string name) => _entries.GetValueOrDefault(Key(name))?[0];

    /// <summary>Finds the outlet the page names itself by, or null.</summary>
    public string? Detect(string text)
    {
        var cyrillicPage = Writing(text);
        var votes = new Dictionary<string, (int Score, int First)>(StringComparer.Ordinal);
        var present = RuleLiterals.Scan(text, 0, text.Length);
        foreach (var rule in Rules)
        {
            if (!rule.Needs.Holds(present))
                continue;
            foreach (Match match in rule.Pattern.Matches(text))
            {
                if (rule.Relay && !NamesAMedium(text, match.Index))
                    continue;
                var name = Resolve(match, rule.Form, text, cyrillicPage);
                if (string.IsNullOrEmpty(name))
                    continue;
                var key = Key(name);
                if (key.Length == 0)
                    continue;
                votes[name] = votes.TryGetValue(name, out var v)
                    ? (v.Score + rule.Weight, Math.Min(v.First, match.Index))
                    : (rule.Weight, match.Index);
            }
        }
        return votes.Count == 0
            ? null
            : votes.OrderByDescending(v => v.Value.Score).ThenBy(v => v.Value.First).First().Key;
    }

    // What a host puts before the site's own name to say how it serves the page.
    private static readonly Regex ServingPrefix = new(@"^(?:www\d?|m|mobile|amp)\.", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>
    /// The outlet a page's address names, for a page that names none in its text: the known outlet whose domain the
    /// host is or lies under, in the page's script (<c>odesa.novyny.live</c> → its listed name), else the host
    /// without its serving prefix (<c>www.</c>, <c>m.</c>, <c>amp.</c>), as extractors report a site with no name.
    /// Null for no address, and for hosts that serve other sites' pages (a CDN, an app host, an archive).
    /// </summary>
    public string? FromAddress(string? url, string text)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.HostNameType != UriHostNameType.Dns)
            return null;
        var host = uri.Host.ToLowerInvariant().TrimEnd('.');
        while (ServingPrefix.Match(host) is { Success: true } prefix && host.Length > prefix.Length)
            host = host[prefix.Length..];
        if (IsNotOutlet(host) || !host.Contains('.'))
            return null;
        var cyrillicPage = Writing(text);
        // "odesa.novyny.live" lies under "novyny.live": each parent that is still a name and a suffix is tried.
        for (var domain = host; domain.Count(c => c == '.') >= 1; domain = domain[(domain.IndexOf('.') + 1)..])
        {
            if (Display(domain, cyrillicPage) is { } known)
                return known;
        }
        return host;
    }

    private string? Resolve(Match match, Form form, string text, Script cyrillicPage)
    {
        if (match.Groups["handle"].Success)
            return FromHandle(match.Groups["handle"].Value, text);
        if (match.Groups["domain"].Success)
        {
            var domain = match.Groups["domain"].Value;
            if (IsNotOutlet(domain))
                return null;
            // A domain is the outlet's address: its known name in the page's script, else the domain itself.
            return Display(domain, cyrillicPage) ?? domain;
        }
        var quoted = match.Groups["q"].Success;
        var raw = Clean(match.Groups["name"].Value);
        if (raw.Length == 0 || IsNotOutlet(raw))
            return null;
        // A Cyrillic name keeps its own language's spelling; on a page in Latin script its letters tell which.
        var cyrillic = CountCyrillic(raw) == 0 ? Script.Latin : cyrillicPage != Script.Latin ? cyrillicPage : Writing(raw, always: true);
        if (Display(raw, cyrillic) is { } known)
            return known;
        if (form == Form.Oblique)
        {
            foreach (var nominative in Nominatives(raw))
                if (Display(nominative, cyrillic) is { } declined)
                    return declined;
            return Indeclinable(raw) ? raw : null;
        }
        if (form == Form.Outletish && !quoted && !Indeclinable(raw) && !raw.StartsWith("The ", StringComparison.Ordinal))
            return null;
        // A lone short word is too weak to stand as an outlet unless known or quoted.
        if (!raw.Contains(' ') && raw.Length <= 3 && !quoted)
            return null;
        return NormalizeQuotes(raw);
    }

    /// <summary>
    /// The known outlet's name in the given script (the first listed one; in Cyrillic, the first spelled as the
    /// page's language spells it: УНИАН on a Russian page, УНІАН on a Ukrainian one), else its canonical name.
    /// </summary>
    private string? Display(string name, Script script)
    {
        if (!_entries.TryGetValue(Key(name), out var names))
            return null;
        if (script == Script.Latin)
            return names[0];
        var cyrillic = names.Where(n => CountCyrillic(n) > 0).ToList();
        if (cyrillic.Count == 0)
            return names[0];
        return cyrillic.FirstOrDefault(n => Writing(n, always: true) == script) ?? cyrillic[0];
    }

    /// <summary>How names are written on a page: Latin, or Cyrillic as Russian or Ukrainian spell it.</summary>
    private enum Script { Latin, Russian, Ukrainian }

    // Cyrillic when most letters are (or, for a name, whenever any is); Ukrainian when its own letters (і ї є ґ)
    // outnumber Russian's (ы э ъ ё).
    private static Script Writing(string text, bool always = false)
    {
        if (!(always ? CountCyrillic(text) > 0 : CountCyrillic(text) * 2 > text.Count(char.IsLetter)))
            return Script.Latin;
        int ukrainian = 0, russian = 0;
        foreach (var c in text)
        {
            if (c is 'і' or 'ї' or 'є' or 'ґ' or 'І' or 'Ї' or 'Є' or 'Ґ')
                ukrainian++;
            else if (c is 'ы' or 'э' or 'ъ' or 'ё' or 'Ы' or 'Э' or 'Ъ' or 'Ё')
                russian++;
        }
        return ukrainian > russian ? Script.Ukrainian : Script.Russian;
    }

    private static string Clean(string raw)
    {
        var name = raw.Trim().Trim('*').Trim().TrimEnd('.', ',', ':', ';', '’', '\'');
        if (name.EndsWith("’s", StringComparison.Ordinal) || name.EndsWith("'s", StringComparison.Ordinal))
            name = name[..^2];
        if (name.StartsWith("the ", StringComparison.Ordinal))
            name = "The " + name[4..];
        // «Корреспондент Север.Реалии рассказывает»: the role noun before an unquoted name is not part of it.
        return RoleNoun.Replace(name, "");
    }

    // «Дальневосточная» and "Дальневосточная" are one name: a page's straight quotes become guillemets.
    private static string NormalizeQuotes(string name) =>
        Regex.Replace(name, @"[""“„]([^""“”„]+)[""”“]", "«$1»");

    private static int CountCyrillic(string s) => Scripts.CountCyrillic(s);

    // A name that cannot be declined or mistaken for a person: dotted (Север.Реалии), with digits, mixing scripts,
    // written in capitals (БЕЛТА, DW), or with a slash (RFE/RL).
    private static bool Indeclinable(string name)
    {
        var letters = name.Where(char.IsLetter).ToList();
        if (letters.Count == 0)
            return false;
        var mixed = CountCyrillic(name) > 0 && letters.Any(c => c < '\u0400');
        var capitals = letters.Count >= 2 && letters.All(char.IsUpper);
        return name.Contains('.') || name.Contains('/') || name.Any(char.IsDigit) || mixed || capitals;
    }

    private static bool IsNotOutlet(string name)
    {
        var lower = name.ToLowerInvariant();
        if (NotOutlets.Contains(lower))
            return true;
        foreach (var word in lower.Split([' ', '\t', '\u00A0', '-', '’', '\'', '.'], StringSplitOptions.RemoveEmptyEntries))
            if (NotOutlets.Contains(word))
                return true;
        return false;
    }

    // A relay is the page's own only when its sentence names the medium it relays.
    private static bool NamesAMedium(string text, int relayIndex)
    {
        var start = relayIndex;
        while (start > 0 && text[start - 1] is not ('\n' or '.' or '!' or '?'))
            start--;
        return RelaysAMedium.IsMatch(text[start..relayIndex]);
    }

    /// <summary>
    /// The nominatives an oblique (genitive or dative) Russian or Ukrainian name may come from: each Cyrillic word
    /// with its case ending swapped for the nominative ones (Медузы, Медиазоне → Медуза, Медиазона; Голосу → Голос;
    /// Новой → Новая; Українській правді → Українська правда). Over-generation is harmless: only a known outlet
    /// is taken from these.
    /// </summary>
    internal static IEnumerable<string> Nominatives(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 4)
            yield break;
        var options = words.Select(WordNominatives).ToList();
        var combos = new List<string> { "" };
        foreach (var option in options)
            combos = combos.SelectMany(c => option.Select(o => c.Length == 0 ? o : c + " " + o)).Take(256).ToList();
        foreach (var combo in combos)
            if (combo != name)
                yield return combo;
    }

    private static readonly (string Ending, string[] Nominative)[] CaseEndings =
    [
        ("ого", ["ый", "ий", "ое", "ой"]), ("его", ["ий", "ее"]), ("ому", ["ый", "ий", "ое"]), ("ему", ["ий", "ее"]),
        ("ої", ["а"]), ("ій", ["а", "я", "ий"]), ("ой", ["ая", "ой"]), ("ей", ["ая", "ь"]),
        ("ы", ["а"]), ("и", ["а", "я", "ь"]), ("і", ["а", "я", "о"]), ("е", ["а", "я", "о"]),
        ("у", ["", "о", "а"]), ("ю", ["ь", "я", "й", "е"]), ("а", ["", "о", "ь"]), ("я", ["ь", "й", "е"]),
    ];

    private static List<string> WordNominatives(string word)
    {
        var forms = new List<string> { word };
        if (CountCyrillic(word) == 0)
            return forms;
        foreach (var (ending, nominatives) in CaseEndings)
        {
            if (!word.EndsWith(ending, StringComparison.Ordinal) || word.Length <= ending.Length + 1)
                continue;
            var stem = word[..^ending.Length];
            forms.AddRange(nominatives.Select(n => stem + n));
        }
        return forms.Distinct().ToList();
    }

    /// <summary>
    /// Resolves a social handle: a known outlet's handle, or else a run of capitalized words on the page whose
    /// letters spell the handle ("@Kyivpost_official" and "Kyiv Post").
    /// </summary>
    private string? FromHandle(string handle, string text)
    {
        if (Canonical(handle) is { } known)
            return known;
        var stem = HandleSuffix.Replace(handle, "");
        if (Canonical(stem) is { } knownStem)
            return knownStem;
        var key = Key(stem);
        if (key.Length < 4)
            return null;
        var words = Regex.Matches(text, @"\b\p{Lu}[\p{L}]*");
        for (var i = 0; i < words.Count; i++)
        {
            var joined = new StringBuilder();
            for (var j = i; j < Math.Min(words.Count, i + 4); j++)
            {
                // Only adjacent words (separated by one space) form a name.
                if (j > i && words[j].Index != words[j - 1].Index + words[j - 1].Length + 1)
                    break;
                joined.Append(words[j].Value.ToLowerInvariant());
                if (joined.ToString() == key && j > i)
                    return text[words[i].Index..(words[j].Index + words[j].Length)];
                if (joined.Length >= key.Length)
                    break;
            }
        }
        return null;
    }
}
