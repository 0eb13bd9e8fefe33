using System.Globalization;

namespace Muster.Watching;

/// <summary>
/// A robots.txt, as RFC 9309 reads it: the group naming Muster's product token (else the <c>*</c> group) decides;
/// within it the longest matching Allow or Disallow path wins, Allow on a tie; <c>*</c> matches any characters and a
/// final <c>$</c> the end of the path. A <c>Crawl-delay</c> in that group is kept, for the fetcher to honour.
/// </summary>
public sealed class RobotsRules
{
    private readonly List<(bool Allow, string Pattern)> _rules;

    private RobotsRules(List<(bool Allow, string Pattern)> rules, TimeSpan? crawlDelay)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
    }

    /// <summary>Rules that allow everything (no robots.txt, or one that does not name this crawler).</summary>
    public static RobotsRules AllowAll { get; } = new([], null);

    /// <summary>Rules that allow nothing (a robots.txt that could not be fetched for a reason on the server's side).</summary>
    public static RobotsRules DisallowAll { get; } = new([(false, "/")], null);

    /// <summary>The pause the site asks for between requests, when its group says.</summary>
    public TimeSpan? CrawlDelay { get; }

    /// <summary>Parses a robots.txt's text for the crawler whose product token is <paramref name="agent"/>.</summary>
    public static RobotsRules Parse(string text, string agent)
    {
        // Groups: the user agents that head them, and their lines. Consecutive user-agent lines share a group.
        var groups = new List<(List<string> Agents, List<(string Key, string Value)> Lines)>();
        (List<string> Agents, List<(string Key, string Value)> Lines)? current = null;
        var lastWasAgent = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw;
            var hash = line.IndexOf('#');
            if (hash >= 0)
                line = line[..hash];
            var colon = line.IndexOf(':');
            if (colon < 0)
                continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key == "user-agent")
            {
                if (current is null || !lastWasAgent)
                {
                    current = ([], []);
                    groups.Add(current.Value);
                }
                current.Value.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
                continue;
            }
            lastWasAgent = false;
            if (current is not null && key is "allow" or "disallow" or "crawl-delay")
                current.Value.Lines.Add((key, value));
        }
        var token = agent.ToLowerInvariant();
        var chosen = groups.Where(g => g.Agents.Contains(token)).ToList();
        if (chosen.Count == 0)
            chosen = groups.Where(g => g.Agents.Contains("*")).ToList();
        if (chosen.Count == 0)
            return AllowAll;
        var rules = new List<(bool, string)>();
        TimeSpan? delay = null;
        foreach (var (key, value) in chosen.SelectMany(g => g.Lines))
        {
            if (key == "crawl-delay")
            {
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 86_400)
                    delay = TimeSpan.FromSeconds(seconds);
                continue;
            }
            // An empty Disallow allows everything; it adds no rule.
            if (value.Length > 0)
                rules.Add((key == "allow", value));
        }
        return new RobotsRules(rules, delay);
    }

    /// <summary>Whether the path and query of <paramref name="url"/> may be fetched.</summary>
    public bool Allows(Uri url)
    {
        var path = url.PathAndQuery;
        if (path == "/robots.txt")
            return true;
        var best = -1;
        var allowed = true;
        foreach (var (allow, pattern) in _rules)
        {
            if (!Matches(pattern, path))
                continue;
            var length = pattern.Length;
            if (length > best || (length == best && allow))
            {
                best = length;
                allowed = allow;
            }
        }
        return allowed;
    }

    /// <summary>Whether <paramref name="path"/> starts with <paramref name="pattern"/>, <c>*</c> any run of characters, a final <c>$</c> its end.</summary>
    internal static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        if (anchored)
            pattern = pattern[..^1];
        // Percent-encoded and plain forms compare alike: both are decoded the same way.
        pattern = Uri.UnescapeDataString(pattern);
        path = Uri.UnescapeDataString(path);
        // A rule matches a path's start: unanchored, it is the pattern with "*" after it.
        return Glob(anchored ? pattern : pattern + "*", path);
    }

    /// <summary>Whole-string match with <c>*</c>, backtracking only to the last star: at most pattern × path steps,
    /// however many stars a hostile robots.txt writes.</summary>
    private static bool Glob(string pattern, string path)
    {
        int p = 0, s = 0, star = -1, resume = 0;
        while (s < path.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = s;
            }
            else if (p < pattern.Length && pattern[p] == path[s])
            {
                p++;
                s++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++resume;
            }
            else
                return false;
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }
}
