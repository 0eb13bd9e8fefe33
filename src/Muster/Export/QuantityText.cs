using System.Globalization;
using Muster.Claims;

namespace Muster.Export;

/// <summary>A claim's count as people read it in a list: "≈ 300 people", "50–70 people", "≥ 1,000 people".</summary>
public static class QuantityText
{
    /// <summary>The count, its bounds and its unit on one line; the empty string when there is none.</summary>
    public static string Format(Quantity? quantity)
    {
        if (quantity is not { } q)
            return "";
        static string N(double? v) => v?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "";
        var range = q.Min == q.Max ? N(q.Min) : q.Max is null ? "≥ " + N(q.Min) : q.Min is null ? "≤ " + N(q.Max) : $"{N(q.Min)}–{N(q.Max)}";
        return $"{(q.Approx ? "≈ " : "")}{range} {q.Unit}";
    }
}
