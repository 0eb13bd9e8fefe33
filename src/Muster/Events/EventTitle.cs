using Muster.Places;
using Muster.Storage;

namespace Muster.Events;

/// <summary>
/// A short title for an event, for lists: its first claim's type and place ("summons in UA-23 (Zaporizhzhia Oblast)"),
/// else that claim's type and its evidence shortened. Derived each time from the claims; nothing is stored.
/// </summary>
public static class EventTitle
{
    /// <summary>How many characters of evidence a title keeps before an ellipsis.</summary>
    public const int EvidenceLength = 60;

    /// <summary>The title of the event whose claims are <paramref name="claims"/>, first reported first; null when it has none.</summary>
    public static string? For(string type, IReadOnlyList<StoredClaim> claims)
    {
        if (claims.Count == 0)
            return null;
        var first = claims[0].Claim;
        var label = type.Replace('_', ' ');
        // A region is named by its code and its name; a country or an unresolved name as the page writes it.
        if (first.Places.FirstOrDefault(p => p.Code is not null) is { Code: { } code })
            return Gazetteer.Default.Region(code) is { } region ? $"{label} in {code} ({region.Name})" : $"{label} in {code}";
        if (first.Places.FirstOrDefault() is { } place)
            return $"{label} in {place.Name}";
        return $"{label}: {Shorten(first.Evidence)}";
    }

    /// <summary>The evidence on one line, cut at a word before <see cref="EvidenceLength"/> characters.</summary>
    internal static string Shorten(string evidence)
    {
        var text = string.Join(' ', evidence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= EvidenceLength)
            return text;
        var cut = text.LastIndexOf(' ', EvidenceLength - 1);
        return text[..(cut > EvidenceLength / 2 ? cut : EvidenceLength - 1)].TrimEnd(',', ';', ':') + "…";
    }
}
