using System.Buffers;

namespace Muster.Text;

/// <summary>Decimal digits as the regex class <c>\d</c> knows them: every Unicode decimal digit, as <see cref="char.IsDigit(char)"/>.</summary>
internal static class Digits
{
    private static readonly SearchValues<char> Any = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsDigit).ToArray());

    /// <summary>True when <paramref name="text"/> holds a character <c>\d</c> matches.</summary>
    public static bool In(ReadOnlySpan<char> text) => text.IndexOfAny(Any) >= 0;
}
