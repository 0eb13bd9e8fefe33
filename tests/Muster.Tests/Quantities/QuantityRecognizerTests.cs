using Muster.Quantities;

namespace Muster.Tests.Quantities;

public class QuantityRecognizerTests
{
    public static TheoryData<string, string, double?, double?, bool, string> Rows => new()
    {
        { "a lower bound with separators", "more than 30,000 local men were killed", 30000, null, false, "people" },
        { "a range in percent", "between 15 and 35 percent of contract personnel", 15, 35, false, "percent" },
        { "a hyphenated number word, approximate", "approximately one-hundred recruits in Omsk", 100, 100, true, "people" },
        { "a number word before adjectives and the noun", "eight conscripted Russian soldiers", 8, 8, false, "people" },
        { "a target of recruits", "a target of 25 recruits before autumn", 25, 25, false, "people" },
        { "dozens: at least 12, approximate", "dozens of conscripts were sent", 12, null, true, "people" },
        { "hundreds: at least 100", "hundreds of men fled", 100, null, true, "people" },
        { "up to: an upper bound", "up to 500 reservists", null, 500, false, "people" },
        { "at least", "at least 40 soldiers", 40, null, false, "people" },
        { "a percent sign", "70% of the unit", 70, 70, false, "percent" },
        { "a number word in percent", "Seventy percent of us", 70, 70, false, "percent" },
        { "millions", "1.5 million people", 1500000, 1500000, false, "people" },
        { "a noun that is not a person", "three hostels housing workers", 3, 3, false, "hostels" },
        { "Russian: more than N people", "более 300 человек", 300, null, false, "people" },
        // English
        { "a dozen, approximate", "about a dozen villagers were taken", 12, 12, true, "people" },
        { "nearly: an upper bound, approximate", "nearly 40 reservists fled", null, 40, true, "people" },
        { "a number word with a scale", "some two million men of draft age", 2000000, 2000000, true, "people" },
        { "tens of thousands: at least 10,000", "tens of thousands of young men left", 10000, null, true, "people" },
        { "a range with to", "from 30 to 50 detainees", 30, 50, false, "people" },
        { "a hyphenated compound", "twenty-five volunteers signed", 25, 25, false, "people" },
        { "several hundred: at least 100", "several hundred students were summoned", 100, null, true, "people" },
        { "or more: a lower bound", "50 or more prisoners", 50, null, false, "people" },
        { "half of a group is 50 percent", "half of the workforce was called up", 50, 50, false, "percent" },
        { "N of them counts people", "there were 12 of them in the bus", 12, 12, false, "people" },
        { "an adjective before a plural noun", "in five other regions of the country", 5, 5, false, "regions" },
        { "'that one' after a verb of saying is a count", "officials said that one enterprise had a target", 1, 1, false, "enterprise" },
        { "a preposition ends the noun phrase", "17 for trafficking men", 17, 17, false, "for" },
        // Russian
        { "ru: a numeral word and a scale, almost", "за неделю подписали почти две тысячи человек", null, 2000, true, "people" },
        { "ru: a range of words with a scale on the upper end", "забрали от двух до четырёх тысяч мужчин", 2000, 4000, false, "people" },
        { "ru: digits and тысяч", "планируют призвать 150 тысяч резервистов", 150000, 150000, false, "people" },
        { "ru: a dash range", "приходили по 10–15 человек", 10, 15, false, "people" },
        { "ru: a genitive numeral after как минимум", "как минимум шести задержанных отпустили", 6, null, false, "people" },
        { "ru: a bound, a preposition, a noun that is not a person", "как минимум в 12 колониях", 12, null, false, "colonies" },
        { "ru: больше тысячи is the genitive of one thousand", "больше тысячи осуждённых", 1000, null, false, "people" },
        { "ru: сотни is vague", "сотни мобилизованных жаловались", 100, null, true, "people" },
        { "ru: десятки тысяч", "десятки тысяч россиян уехали", 10000, null, true, "people" },
        { "ru: около with a scale", "около 40 тысяч заключённых", 40000, 40000, true, "people" },
        { "ru: до is an upper bound", "до 25 тысяч военнослужащих", null, 25000, false, "people" },
        { "ru: a collective numeral", "двое мужчин сбежали", 2, 2, false, "people" },
        { "ru: an adjective before the noun", "повестки вручили сорока многодетным отцам", 40, 40, false, "people" },
        { "ru: a compound numeral", "двадцать пять призывников", 25, 25, false, "people" },
        { "ru: a decimal comma with млн", "1,5 млн человек", 1500000, 1500000, false, "people" },
        { "ru: с лишним is a lower bound", "300 с лишним жителей", 300, null, false, "people" },
        { "ru: a non-person noun after an adjective", "в шести учебных центрах", 6, 6, false, "центрах" },
        { "ru: полторы тысячи", "полторы тысячи добровольцев", 1500, 1500, false, "people" },
        { "ru: a half before the scale", "около двух с половиной тысяч человек", 2500, 2500, true, "people" },
        { "ru: полсотни is fifty", "около полусотни мужчин", 50, 50, true, "people" },
        { "ru: a collective numeral with a range", "два-три человека", 2, 3, false, "people" },
        { "ru: a duration is its own unit", "продержали 20 часов", 20, 20, false, "hours" },
        { "ru: a dative vague plural", "сотням семей пришли повестки", 100, null, true, "people" },
        // Ukrainian
        { "uk: numeral word and a scale", "забрали п'ять тисяч мешканців", 5000, 5000, false, "people" },
        { "uk: понад with digits", "понад 70 ув'язнених", 70, null, false, "people" },
        { "uk: близько is approximate", "близько 200 строковиків", 200, 200, true, "people" },
        { "uk: щонайменше with a case form", "щонайменше трьох чоловіків затримали", 3, null, false, "people" },
        { "uk: до with a scale", "мобілізувати до 20 тисяч осіб", null, 20000, false, "people" },
        { "uk: майже is an upper bound, approximate", "майже сотню військовозобов'язаних", null, 100, true, "people" },
        { "uk: an adverb and a participle before the noun", "12 примусово мобілізованих", 12, 12, false, "people" },
        { "uk: a range from від to до", "від двох до трьох тисяч чоловіків", 2000, 3000, false, "people" },
        { "uk: сотні is vague", "сотні людей вийшли", 100, null, true, "people" },
        { "uk: a typographic apostrophe", "дев’ять засуджених", 9, 9, false, "people" },
        { "uk: summonses are a counted noun", "роздали 400 повісток", 400, 400, false, "summonses" },
        { "uk: кілька сотень is at least a hundred", "кілька сотень протестувальників", 100, null, true, "people" },
        { "uk: an abbreviated scale", "мобілізували 25 тис. осіб", 25000, 25000, false, "people" },
        { "uk: півтори тисячі", "близько півтори тисячі військових", 1500, 1500, true, "people" },
        { "uk: percent in words", "майже 40 відсотків українців", null, 40, true, "percent" },
        { "en: a half before the scale", "two and a half thousand troops", 2500, 2500, false, "people" },
        { "en: a compound adjective of length is no count, the next number is", "a 60-day deadline for 200 men", 200, 200, false, "people" },
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
    [InlineData("the 3rd battalion of the 112th regiment", "ordinals are not counts")]
    [InlineData("one of the detained men said", "'one of' picks one out")]
    [InlineData("$200 million over five years", "money is not a count of anything Muster records")]
    [InlineData("men aged 18 to 60 were barred", "an age range is not a count")]
    [InlineData("мужчин в возрасте от 18 до 55 лет", "ru: an age range is not a count")]
    [InlineData("чоловіків віком від 18 до 60 років", "uk: an age range is not a count")]
    [InlineData("a 14-year-old guide", "an age is not a count")]
    [InlineData("выплаты 200 тысяч рублей", "ru: money is not a count")]
    [InlineData("видав одному з жителів", "uk: 'one of' picks one out")]
    [InlineData("одна из матерей", "ru: 'one of' picks one out")]
    [InlineData("5-й батальон и 2-го полка", "ru: ordinals are not counts")]
    [InlineData("в 30 км от границы", "a distance is not a count")]
    [InlineData("в первой половине 2023 года", "ru: half of a year is not a share of people")]
    [InlineData("в 3 раза больше мужчин", "ru: times over multiplies, it counts nothing")]
    [InlineData("no one was detained", "'no one' is a pronoun")]
    [InlineData("the one that Russia introduced", "'the one' is a pronoun")]
    public void IgnoresWhatIsNotACount(string text, string reason)
    {
        var found = QuantityRecognizer.Find(text, 0, text.Length);
        Assert.True(found.All(f => f.Value.Unit != "people"), $"{reason}: {string.Join(", ", found.Select(f => f.Value))}");
        if (reason.StartsWith("money") || reason.StartsWith("a date") || reason.StartsWith("ordinals"))
            Assert.True(found.Count == 0 || found.All(f => f.Value.Min != 200 && f.Value.Min != 16 && f.Value.Min != 4), reason);
    }
}
