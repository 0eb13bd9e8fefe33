using System.Globalization;

namespace Muster.Dates;

/// <summary>How much of a date a text states.</summary>
public enum DatePrecision
{
    /// <summary>Only a year: <c>2022</c>.</summary>
    Year,
    /// <summary>A year and a month: <c>2022-02</c>.</summary>
    Month,
    /// <summary>A full date: <c>2022-02-24</c>.</summary>
    Day,
    /// <summary>A month and a day whose year the text does not give: <c>--08-16</c>.</summary>
    MonthDay,
}

/// <summary>
/// A date with exactly the precision the text gives — never more. A month and day without a year keep the
/// year unknown and print as ISO 8601's <c>--MM-DD</c>.
/// </summary>
public readonly record struct PartialDate(int? Year, int? Month, int? Day)
{
    /// <summary>The precision this date carries.</summary>
    public DatePrecision Precision => (Year, Month, Day) switch
    {
        (not null, not null, not null) => DatePrecision.Day,
        (not null, not null, null) => DatePrecision.Month,
        (null, not null, not null) => DatePrecision.MonthDay,
        _ => DatePrecision.Year,
    };

    /// <summary>Builds a date, refusing impossible combinations (31 April, 30 February).</summary>
    public static PartialDate? Create(int? year, int? month, int? day)
    {
        if (year is < 1900 or > 2199)
            return null;
        if (month is < 1 or > 12)
            return null;
        if (day is not null)
        {
            if (month is null)
                return null;
            // Without a year, 29 February is allowed: it exists in some year.
            var max = year is null ? DateTime.DaysInMonth(2024, month.Value) : DateTime.DaysInMonth(year.Value, month.Value);
            if (day < 1 || day > max)
                return null;
        }
        if (year is null && month is null)
            return null;
        if (year is null && day is null)
            return null; // a month alone says too little to be a date
        return new PartialDate(year, month, day);
    }

    /// <summary>ISO 8601 text: <c>YYYY-MM-DD</c>, <c>YYYY-MM</c>, <c>YYYY</c> or <c>--MM-DD</c>.</summary>
    public override string ToString() => Precision switch
    {
        DatePrecision.Day => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}-{Day:00}"),
        DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}"),
        DatePrecision.MonthDay => string.Create(CultureInfo.InvariantCulture, $"--{Month:00}-{Day:00}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}"),
    };

    /// <summary>Parses the ISO forms <see cref="ToString"/> writes.</summary>
    public static PartialDate? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var inv = CultureInfo.InvariantCulture;
        if (text.StartsWith("--", StringComparison.Ordinal) && text.Length == 7
            && int.TryParse(text.AsSpan(2, 2), NumberStyles.None, inv, out var mm) && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, inv, out var dd))
            return Create(null, mm, dd);
        var parts = text.Split('-');
        // Digits only, and few enough to fit an int: 2147483648 is no year, and no overflow either.
        if (parts.Length is < 1 or > 3 || !parts.All(p => p.Length is > 0 and <= 4 && p.All(char.IsAsciiDigit)))
            return null;
        return Create(int.Parse(parts[0], inv), parts.Length > 1 ? int.Parse(parts[1], inv) : null, parts.Length > 2 ? int.Parse(parts[2], inv) : null);
    }
}
