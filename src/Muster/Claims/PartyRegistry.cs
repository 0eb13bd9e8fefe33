using System.Text.RegularExpressions;
using Muster.Attribution;

namespace Muster.Claims;

/// <summary>
/// The parties a story has named so far, to resolve short references: "the Center" to the National Resistance
/// Center named before, "Nazarov" to Vladislav Nazarov, and "the report" or "the intelligence update" to the
/// party whose report it is.
/// </summary>
internal sealed class PartyRegistry
{
    private static readonly Regex DocumentReference = new(
        @"^(?:the\s+|this\s+|that\s+|its\s+)?(?:latest\s+|new\s+|recent\s+)?(?:intelligence\s+)?(?:report|update|estimate|statement|assessment|study|analysis|review|survey|briefing|post|release)s?$",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex TitlePrefix = new(@"^(?<party>\p{Lu}[\p{L}.’'&-]*(?:\s+\p{Lu}[\p{L}.’'&-]*){0,5}):\s", RegexOptions.Compiled);

    private readonly List<string> _named = [];

    /// <summary>Registers the party a headline leads with ("National Resistance Center: …").</summary>
    public void NoteHeadline(string? title)
    {
        if (title is null)
            return;
        var match = TitlePrefix.Match(title);
        if (match.Success && match.Groups["party"].Value is not ("Media" or "Video" or "Photos" or "Update" or "Analysis" or "Opinion" or "Explainer" or "Exclusive"))
            _named.Add(match.Groups["party"].Value);
    }

    // "the partisans" refers back to "the partisan movement Atesh".
    private static string Singular(string word) => word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss") ? word[..^1] : word;

    /// <summary>Remembers the parties a sentence names, whether or not it carries a claim.</summary>
    public void Note(IEnumerable<Party> parties)
    {
        foreach (var party in parties)
            Resolve(party);
    }

    /// <summary>Resolves <paramref name="party"/> against the parties named before, and remembers it.</summary>
    public string Resolve(Party party)
    {
        var name = party.Name;
        if (DocumentReference.IsMatch(name))
            return _named.Count > 0 ? _named[^1] : name;
        var bare = Regex.Replace(name, @"^(?:the|The)\s+", "");
        // A one-word reference ("the Center", "the partisans", "Nazarov") names a party named before in full.
        if (!bare.Contains(' ') && bare.Length > 2)
        {
            var full = _named.LastOrDefault(n => n != bare && (n.EndsWith(" " + bare, StringComparison.OrdinalIgnoreCase)
                || char.IsLower(bare[0]) && n.Split(' ').Any(w => Singular(w).Equals(Singular(bare), StringComparison.OrdinalIgnoreCase))));
            if (full is not null)
                return full;
        }
        _named.Add(name);
        return name;
    }
}
