using Muster.Places;

namespace Muster.Tests.Places;

public class PlaceResolverTests
{
    private static string[] Codes(string text)
    {
        var resolver = PlaceResolver.Default;
        var whole = new TextSpan(0, text.Length);
        var geography = resolver.Survey(text, [whole]);
        return resolver.Resolve(text, whole, geography).Select(p => p.Code ?? "?" + p.Name).ToArray();
    }

    public static TheoryData<string, string, string[]> Rows => new()
    {
        { "a region in full", "summonses in Sverdlovsk Oblast", ["RU-SVE"] },
        { "a region with 'region'", "deployed in the southwestern Kursk region", ["RU-KRS"] },
        { "a list of bare names before 'oblasts'", "men in Lipetsk, Tyumen, Sverdlovsk, Penza, and Voronezh oblasts, as well as Krasnodar Krai", ["RU-LIP", "RU-TYU", "RU-SVE", "RU-PNZ", "RU-VOR", "RU-KDA"] },
        { "DPR is Donetsk", "a unit raised in the Donetsk People’s Republic", ["UA-14"] },
        { "LPR is Luhansk", "fighters of the LPR", ["UA-09"] },
        { "Crimea", "occupied territories, including Crimea", ["UA-43"] },
        { "a town resolves to its region", "residents of Horlivka", ["UA-14"] },
        { "a transliteration variant", "residents of Gorlovka", ["UA-14"] },
        { "Kharkov is Kharkiv", "men from Kharkov", ["UA-63"] },
        { "a Cyrillic inflected region", "в Свердловской области", ["RU-SVE"] },
        { "a Ukrainian town in Cyrillic", "окупований Мелітополь", ["UA-23"] },
        { "a title is not a place", "endorsed by Moscow Mayor Sergey Sobyanin", [] },
        { "an outlet is not a place", "according to The Moscow Times", [] },
        { "a possessive capital is the state", "in response to Moscow's call for a new wave", [] },
        { "a capital that acts is its government", "Moscow intends to increase the pace", [] },
        { "a first name is not a town", "President Vladimir Putin promised", [] },
        { "the capital refers back to the capital named before", "Moscow authorities pressed firms. Workers in the capital", ["RU-MOW"] },
        { "a country has no region code", "migrants from Tajikistan", ["?Tajikistan"] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Resolves(string reason, string text, string[] expected)
    {
        var codes = Codes(text);
        Assert.True(expected.SequenceEqual(codes), $"{reason}: [{string.Join(", ", codes)}]");
    }

    [Fact]
    public void TheGazetteerCoversEveryRegionOfUkraineAndRussia()
    {
        var regions = Gazetteer.Default.Entries.Where(e => e.Kind == PlaceKind.Region).Select(e => e.Code!).ToHashSet();
        Assert.Equal(27, regions.Count(c => c.StartsWith("UA-")));
        Assert.Equal(83, regions.Count(c => c.StartsWith("RU-")));
    }

    [Fact]
    public void AFaultyRowNamesTheFileAndLine()
    {
        var e = Assert.Throws<FormatException>(() => Gazetteer.Load("code\tcountry\tkind\tlat\tlon\tnames\nUA-14\tUA\tregion\tnorth\t37\tDonetsk", "code\tlat\tlon\tnames", "h"));
        Assert.StartsWith("regions.tsv:2:", e.Message);
    }
}
