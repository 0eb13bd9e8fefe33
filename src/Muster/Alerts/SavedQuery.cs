using System.Text.RegularExpressions;
using Muster.Storage;

namespace Muster.Alerts;

/// <summary>
/// A query an analyst saved: the same filters as <c>muster claims</c> and <c>muster events</c>, and where its alerts
/// go. Without <see cref="MinSources"/> it matches claims; with it, events with at least that many independent sources
/// (holding a claim that passes the claim filters, when any of those are given).
/// </summary>
/// <param name="Name">Its name: lower-case letters, digits, '-' and '_' (it is part of the feed's address).</param>
/// <param name="Filter">The claim filter.</param>
/// <param name="MinSources">For an event query, the least number of independent sources.</param>
/// <param name="Webhook">An http or https address each alert is POSTed to as JSON, if any.</param>
/// <param name="JsonLines">A file each alert is appended to as one JSON line, if any.</param>
/// <param name="CreatedAt">When it was saved.</param>
public sealed partial record SavedQuery(string Name, ClaimFilter Filter, int? MinSources, string? Webhook, string? JsonLines, DateTimeOffset CreatedAt)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();

    /// <summary>True when it matches events rather than claims.</summary>
    public bool MatchesEvents => MinSources is not null;

    /// <summary>The problems of the query, keyed by the option that has them (name, type, place, ...); empty when valid.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>(ClaimFilterRules.Problems(Filter), StringComparer.Ordinal);
        if (!NamePattern().IsMatch(Name))
            problems["name"] = $"'{Name}' is not a query name: 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit";
        if (MinSources is < 1)
            problems["min-sources"] = $"must be 1 or more; got {MinSources}";
        if (Webhook is { } hook && !(Uri.TryCreate(hook, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            problems["webhook"] = $"'{hook}' is not an http or https address";
        return problems;
    }

    /// <summary>The filters in words, as the list prints them: <c>type=summons place=RU min-sources=2</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Add(string key, object? value)
        {
            if (value is not null)
                parts.Add($"{key}={value}");
        }
        Add("type", Filter.Type);
        Add("place", Filter.Place);
        Add("since", Filter.Since);
        Add("until", Filter.Until);
        Add("stance", Filter.Stance);
        Add("source", Filter.SourceText);
        Add("q", Filter.Text);
        Add("min-sources", MinSources);
        return parts.Count == 0 ? "(every claim)" : string.Join(' ', parts);
    }

    /// <summary>The channels its alerts go to, beside standard output.</summary>
    public IEnumerable<string> Channels()
    {
        yield return "stdout";
        if (Webhook is not null)
            yield return "webhook " + Webhook;
        if (JsonLines is not null)
            yield return "jsonl " + JsonLines;
    }
}
