using Muster.Text;
using System.Text.RegularExpressions;
using Muster.Attribution;

namespace Muster.Claims;

/// <summary>
/// The parties a story has named so far, to resolve short references: "the Center" to the National Resistance
/// Center named before, "Nazarov" to Vladislav Nazarov, "Федорова" to Леся Федорова, "відомство" or "the
/// ministry" to the institution named before, "he" or "його" to the party named last, and "the report",
/// "в сообщении" or an impersonal "как отмечается" to the party whose statement it is.
/// </summary>
internal sealed class PartyRegistry
{
    // The words are data (Attribution/Data/attribution.LANG.txt: document, generic, group); English ones are whole
    // nouns after a determiner, Russian and Ukrainian ones stems.
    private static readonly Regex DocumentReference = new(
        $@"^(?:the\s+|this\s+|that\s+|its\s+)?(?:latest\s+|new\s+|recent\s+)?(?:intelligence\s+)?(?:{Latin("document")})s?$" +
        $@"|^(?:в\s+|у\s+)?(?:{Cyrillic("document")})\p{{L}}*$",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    // Nouns that name a kind of institution or speaker without naming which: they stand for the one named before.
    private static readonly Regex GenericReference = new(
        $@"^(?:the\s+)?(?:{Latin("generic")})$|^(?:{Cyrillic("generic")})\p{{L}}*$",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static string Latin(string kind) => AttributionLexicon.Alternation(AttributionLexicon.Forms(kind).Where(f => !IsCyrillic(f)));

    private static string Cyrillic(string kind) => AttributionLexicon.Alternation(AttributionLexicon.Forms(kind).Where(IsCyrillic));

    private static readonly Regex BarePlural = new(@"^\p{L}+s$", RegexOptions.Compiled);

    private static readonly Regex TitlePrefix = new(@"^(?<party>\p{Lu}[\p{L}.’'&-]*(?:\s+\p{Lu}[\p{L}.’'&-]*){0,5}):\s", RegexOptions.Compiled);

    private readonly List<string> _named = [];

    // The party that spoke last: a pronoun or "как отмечается" stands for the speaker, not for whom it cited.
    private string? _lastHead;

    // "Другие сообщают", "Інші розповідають", "Others said": a second part of the group named before.
    private static readonly Regex GroupReference = new($@"^(?:{AttributionLexicon.Alternation("group")})$",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    /// <summary>Registers the party a headline leads with ("National Resistance Center: …").</summary>
    public void NoteHeadline(string? title)
    {
        if (title is null)
            return;
        var match = TitlePrefix.Match(title);
        if (match.Success && match.Groups["party"].Value is not ("Media" or "Video" or "Photos" or "Update" or "Analysis" or "Opinion" or "Explainer" or "Exclusive" or "Фото" or "Видео" or "Відео"))
            _named.Add(match.Groups["party"].Value);
    }

    // "the partisans" refers back to "the partisan movement Atesh".
    private static string Singular(string word) => word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss") ? word[..^1] : word;

    // Russian and Ukrainian inflect names: "Федоров", "Федорова", "Федорову" share the stem "Федоров"; "Генштабі"
    // and "Генштаб" share "Генштаб". The stem drops up to two final vowels or soft signs.
    private static string Stem(string word)
    {
        var w = Singular(word.ToLowerInvariant());
        var cut = 0;
        while (cut < 2 && w.Length - cut > 4 && "аеёиоуыэюяіїєьй".Contains(w[w.Length - 1 - cut]))
            cut++;
        return w[..^cut];
    }

    /// <summary>Remembers the parties a sentence names, whether or not it carries a claim.</summary>
    public void Note(IReadOnlyList<Party> parties) => ResolveFrame(parties);

    /// <summary>Resolves a frame's parties, innermost first, and remembers its innermost as the last speaker.</summary>
    public List<string> ResolveFrame(IReadOnlyList<Party> parties)
    {
        var names = parties.Select(Resolve).ToList();
        if (names.Count > 0)
            _lastHead = names[0];
        return names;
    }

    /// <summary>Resolves <paramref name="party"/> against the parties named before, and remembers it.</summary>
    public string Resolve(Party party)
    {
        var name = party.Name;
        // A pronoun or an impersonal frame ("как отмечается") names no one new: it is the party named last.
        // "Estimates suggest", "reports emerged": a plural document without a determiner is nobody's in particular.
        var unowned = BarePlural.IsMatch(name) && !party.Pronoun && !party.Impersonal;
        if (!unowned && (party.Pronoun || party.Impersonal || DocumentReference.IsMatch(name) || GroupReference.IsMatch(name)))
            return _lastHead ?? (_named.Count > 0 ? _named[^1] : name);
        var bare = Regex.Replace(name, @"^(?:the|The)\s+", "");
        // A one-word reference ("the Center", "the partisans", "Nazarov", "Федорова") names a party named before in full.
        if (!bare.Contains(' ') && bare.Length > 2)
        {
            var stem = Stem(bare);
            var full = _named.LastOrDefault(n => n != bare && (n.EndsWith(" " + bare, StringComparison.OrdinalIgnoreCase)
                || (char.IsLower(bare[0]) || IsCyrillic(bare)) && n.Split(' ', '-').Any(w => w.Length > 2 && Stem(w) == stem)
                   // "издание" stands for "издание Military", not for "журналистов издания": a common noun for a name.
                   && (char.IsUpper(bare[0]) || HasProperName(n))));
            if (full is not null)
                return full;
        }
        // "відомство", "the agency", "в пресс-службе": the institution named before, when the story has named one.
        // Only a party with a name stands for it: "the group" is not "the summonses" named before it.
        if (GenericReference.IsMatch(bare) && char.IsLower(bare[0]) && _named.LastOrDefault(HasProperName) is { } institution)
            return institution;
        _named.Add(name);
        return name;
    }

    // "Ministry of Defense", "пресс-служба СБУ", "издание Military": some word is capitalized.
    private static bool HasProperName(string name) => name.Split(' ', '-').Any(w => w.Length > 0 && char.IsUpper(w[0]));

    private static bool IsCyrillic(string word) => Scripts.HasCyrillic(word);
}
