namespace Muster.Dates;

/// <summary>
/// The days a partial date covers, as ISO text compared as text: "2023-08" covers 2023-08-01 to 2023-08-31 (31
/// also for shorter months, which compares the same). A date without a year covers no known days.
/// </summary>
public static class DatePeriod
{
    /// <summary>The first day a date covers ("2023-08" → "2023-08-01"); null without a year.</summary>
    public static string? Start(PartialDate? date) => date is { Year: not null } d
        ? d.Precision switch { DatePrecision.Day => d.ToString(), DatePrecision.Month => d + "-01", _ => d + "-01-01" }
        : null;

    /// <summary>The last day a date covers ("2023-08" → "2023-08-31"); null without a year.</summary>
    public static string? End(PartialDate? date) => date is { Year: not null } d
        ? d.Precision switch { DatePrecision.Day => d.ToString(), DatePrecision.Month => d + "-31", _ => d + "-12-31" }
        : null;
}
