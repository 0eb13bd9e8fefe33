namespace Muster.Web.Pages;

/// <summary>A class of the map's legend: claim counts from <see cref="From"/> to <see cref="To"/>, drawn in a shade.</summary>
internal sealed record ClaimBin(long From, long To, int Shade)
{
    /// <summary>The range for people: "4", "4–9".</summary>
    public string Label => From == To ? $"{From}" : $"{From}–{To}";

    /// <summary>The CSS class of the shade (see muster.css).</summary>
    public string Class => "q" + Shade;
}

/// <summary>
/// Splits claim counts into at most five classes for the choropleth, wider as counts grow (steps even on a
/// logarithmic scale, so one region with many claims does not leave all the others in the first class). The
/// shades are a sequential ColorBrewer scheme, which colour-blind readers can tell apart; no claims is a neutral
/// grey, not a shade.
/// </summary>
internal static class ClaimShades
{
    /// <summary>How many shades the stylesheet defines (q1 … q5).</summary>
    public const int Shades = 5;

    /// <summary>The CSS class of a region with no claims.</summary>
    public const string NoClaims = "q0";

    /// <summary>The classes for counts from 1 to <paramref name="max"/>; none when nothing has claims.</summary>
    public static IReadOnlyList<ClaimBin> Bins(long max)
    {
        if (max < 1)
            return [];
        var uppers = new List<long>();
        for (var k = 1; k <= Shades; k++)
        {
            var upper = Math.Max((long)Math.Ceiling(Math.Pow(max, k / (double)Shades) - 1e-9), (uppers.Count == 0 ? 0 : uppers[^1]) + 1);
            if (upper >= max || k == Shades)
            {
                uppers.Add(max);
                break;
            }
            uppers.Add(upper);
        }
        // Fewer classes than shades spread over the whole scale, so the top class is always the darkest.
        var bins = new List<ClaimBin>();
        for (var i = 0; i < uppers.Count; i++)
        {
            var shade = uppers.Count == 1 ? Shades : 1 + (int)Math.Round(i * (Shades - 1) / (double)(uppers.Count - 1), MidpointRounding.AwayFromZero);
            bins.Add(new ClaimBin(i == 0 ? 1 : uppers[i - 1] + 1, uppers[i], shade));
        }
        return bins;
    }

    /// <summary>The CSS class of a count among the bins.</summary>
    public static string ClassOf(long claims, IReadOnlyList<ClaimBin> bins) =>
        claims < 1 ? NoClaims : (bins.FirstOrDefault(b => claims <= b.To) ?? bins[^1]).Class;
}
