using System.Globalization;
using System.Text.RegularExpressions;

namespace Muster.Watching;

/// <summary>
/// Durations as a sources file writes them: a number and a unit, possibly several (<c>50ms</c>, <c>30s</c>,
/// <c>15m</c>, <c>1h</c>, <c>1h30m</c>, <c>1d</c>); printed back the same way.
/// </summary>
public static partial class WatchDuration
{
    [GeneratedRegex(@"^(?:(?<n>[0-9]{1,9})(?<u>ms|s|m|h|d))+$")]
    private static partial Regex Parts();

    /// <summary>The duration <paramref name="text"/> writes, or null when it is not one.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (text is null)
            return null;
        var match = Parts().Match(text.Trim());
        if (!match.Success)
            return null;
        var total = TimeSpan.Zero;
        for (var i = 0; i < match.Groups["n"].Captures.Count; i++)
        {
            var n = long.Parse(match.Groups["n"].Captures[i].Value, CultureInfo.InvariantCulture);
            total += match.Groups["u"].Captures[i].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
        }
        return total;
    }

    /// <summary>A duration as the file would write it: <c>15m</c>, <c>1h30m</c>, <c>250ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
            return "0s";
        var parts = new List<string>();
        if (duration.Days > 0)
            parts.Add($"{duration.Days}d");
        if (duration.Hours > 0)
            parts.Add($"{duration.Hours}h");
        if (duration.Minutes > 0)
            parts.Add($"{duration.Minutes}m");
        if (duration.Seconds > 0)
            parts.Add($"{duration.Seconds}s");
        if (duration.Milliseconds > 0)
            parts.Add($"{duration.Milliseconds}ms");
        return string.Concat(parts);
    }
}
