using Muster.Quantities;

namespace Muster.Tests.Quantities;

public class QuantityRecognizerTests
{
    public static TheoryData<string, string, double?, double?, bool, string> Rows => new()
    {
        { "a lower bound with separators", "more than 20,000 local residents were killed", 20000, null, false, "people" },
        { "a range in percent", "between 20 and 40 percent of contract personnel", 20, 40, false, "percent" },
        { "a hyphenated number word, approximate", "approximately one-hundred men in Tyumen", 100, 100, true, "people" },
        { "a number word before adjectives and the noun", "eight conscripted Russian soldiers", 8, 8, false, "people" },
        { "a target of recruits", "a target of 30 recruits by the end", 30, 30, false, "people" },
        { "dozens: at least 12, approximate", "dozens of conscripts were sent", 12, null, true, "people" },
        { "hundreds: at least 100", "hundreds of men fled", 100, null, true, "people" },
        { "up to: an upper bound", "up to 500 reservists", null, 500, false, "people" },
        { "at least", "at least 40 soldiers", 40, null, false, "people" },
        { "a percent sign", "70% of the unit", 70, 70, false, "percent" },
        { "a number word in percent", "Seventy percent of us", 70, 70, false, "percent" },
        { "millions", "1.5 million people", 1500000, 1500000, false, "people" },
        { "a noun that is not a person", "three hostels housing workers", 3, 3, false, "hostels" },
        { "Russian: more than N people", "более 300 человек", 300, null, false, "people" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Reads(string reason, string text, double? min, double? max, bool approx, string unit)
    {
        var found = QuantityRecognizer.Find(text, 0, text.Length);
        Assert.True(found.Count >= 1, $"{reason}: nothing found");
        var q = found[0].Value;
        Assert.True((min, max, approx, unit) == (q.Min, q.Max, q.Approx, q.Unit), $"{reason}: got {q}");
    }

    [Theory]
    [InlineData("on Aug. 16 the center said", "a date is not a count")]
    [InlineData("in 2022 the war", "a year is not a count")]
    [InlineData("the 4th battalion of the 107th regiment", "ordinals are not counts")]
    [InlineData("one of the detained men said", "'one of' picks one out")]
    [InlineData("$200 million over five years", "money is not a count of anything Muster records")]
    public void IgnoresWhatIsNotACount(string text, string reason)
    {
        var found = QuantityRecognizer.Find(text, 0, text.Length);
        Assert.True(found.All(f => f.Value.Unit != "people"), $"{reason}: {string.Join(", ", found.Select(f => f.Value))}");
        if (reason.StartsWith("money") || reason.StartsWith("a date") || reason.StartsWith("ordinals"))
            Assert.True(found.Count == 0 || found.All(f => f.Value.Min != 200 && f.Value.Min != 16 && f.Value.Min != 4), reason);
    }
}
