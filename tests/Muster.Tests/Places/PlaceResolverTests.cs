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
        { "the Tisza river's Ukrainian course lies in Zakarpattia", "Men crossed the Tisza River at night", ["UA-21"] },
        { "ru: the Tisza in a case form", "Тела нашли в реке Тисе", ["UA-21"] },
        { "a region in full", "summonses in Sverdlovsk Oblast", ["RU-SVE"] },
        { "a region with 'region'", "deployed in the southwestern Kursk region", ["RU-KRS"] },
        { "a list of bare names before 'oblasts'", "reservists in Kursk, Tula, Sverdlovsk, Penza, and Omsk oblasts, and also Altai Krai", ["RU-KRS", "RU-TUL", "RU-SVE", "RU-PNZ", "RU-OMS", "RU-ALT"] },
        { "DPR is Donetsk", "a battalion raised inside the Donetsk People’s Republic", ["UA-14"] },
        { "LPR is Luhansk", "fighters of the LPR", ["UA-09"] },
        { "Crimea", "occupied territories, including Crimea", ["UA-43"] },
        { "a town resolves to its region", "residents of Horlivka", ["UA-14"] },
        { "a transliteration variant", "residents of Gorlovka", ["UA-14"] },
        { "Kharkov is Kharkiv", "men from Kharkov", ["UA-63"] },
        { "a Cyrillic inflected region", "в Свердловской области", ["RU-SVE"] },
        { "a Ukrainian town in Cyrillic", "окупований Мелітополь", ["UA-23"] },
        { "a title is not a place", "praised by Moscow Mayor Sergey Sobyanin", [] },
        { "an outlet is not a place", "according to The Moscow Times", [] },
        { "a possessive capital is the state", "after Moscow's demand for more recruits", [] },
        { "a capital that acts is its government", "Moscow plans to speed up the call-up", [] },
        { "a first name is not a town", "President Vladimir Putin promised", [] },
        { "the capital refers back to the capital named before", "Moscow authorities pressed firms. Workers in the capital", ["RU-MOW"] },
        { "a country has no region code", "migrants from Tajikistan", ["?Tajikistan"] },
        { "ru: towns in the prepositional case", "В Горловке и Мелитополе вручили повестки сотням мужчин", ["UA-14", "UA-23"] },
        { "ru: a town in the genitive", "в 30 километрах от оккупированного Мариуполя", ["UA-14"] },
        { "ru: -ск town in the prepositional", "мобилизованные из Бердянске и Дальнегорске", ["UA-23", "RU-PRI"] },
        { "ru: a small Kursk town by name and case", "бои у Судже, жители Суджи", ["RU-KRS"] },
        { "ru: a republic in the prepositional", "в Бурятии начали вручать повестки", ["RU-BU"] },
        { "ru: an oblast in the genitive", "жители Курской области", ["RU-KRS"] },
        { "ru: an adjectival oblast in the prepositional", "в Запорожской области", ["UA-23"] },
        { "ru: Crimea after an adjective", "в аннексированном Крыму", ["UA-43"] },
        { "ru: DPR and LPR are Donetsk and Luhansk", "в ДНР и ЛНР объявили мобилизацию", ["UA-14", "UA-09"] },
        { "ru: a town in the accusative", "акция перекинулась на Махачкалу", ["RU-DA"] },
        { "ru: a region's adjective that is also a stanitsa's name is the region", "в Рязанской области", ["RU-RYA"] },
        { "ru: a capitalized adjective before a noun is part of a name, not the town Южное", "штаб Южного военного округа сообщил", [] },
        { "ru: a street named after a town is not the town", "на улице Мариупольской, дом 5", [] },
        { "ru: a surname after a first name is not the town", "писатель Антон Чехов", [] },
        { "ru: Л/ДНР is both republics", "в так называемых Л/ДНР", ["UA-14", "UA-09"] },
        { "uk: a town in the locative", "у Мелітополі забрали три тисячі мешканців", ["UA-23"] },
        { "uk: a town in the genitive", "мешканці Маріуполя", ["UA-14"] },
        { "uk: a -ськ town in the locative", "у Бобруйську вимагають з'явитися", ["BY-MA"] },
        { "uk: a -цьк town in the genitive", "у промзоні Сєвєродонецька", ["UA-09"] },
        { "uk: -щина region in the locative", "на Луганщині", ["UA-09"] },
        { "uk: an adjectival oblast in the locative", "у Херсонській області", ["UA-65"] },
        { "uk: an adjectival oblast in the genitive", "мешканці Донецької області", ["UA-14"] },
        { "uk: a Crimean town in the locative", "призовний пункт відкрили в Алушті", ["UA-43"] },
        { "uk: a feminine town with к→ц", "у Горлівці", ["UA-14"] },
        { "uk: a town and its oblast are one code", "у Херсоні Херсонської області", ["UA-65"] },
        { "a Myanmar region by its name", "conscripts seized in Sagaing Region and Bago Region", ["MM-01", "MM-02"] },
        { "a region's possessive is the region", "arrests in Magwe’s villages", ["MM-03"] },
        { "a country's possessive is the state", "Russia's decree on the call-up", [] },
        { "a person's age before a name marks a person, not the town Anna", "a neighbour of 37-year-old Anna was called up", [] },
        { "an embassy's seat is not the claim's place", "ignored by the Embassy of Kenya (in Moscow)", [] },
        { "uk: a country naming an office is not a place", "після того як президентом Росії було оголошено мобілізацію", [] },
        { "uk: a country naming an army is not a place", "примусили укласти угоду зі Збройними Силами РФ", [] },
        { "uk: the enemy country is not a place", "їх змусять воювати проти України", [] },
        { "ru: «новые регионы» are the four annexed regions", "мобилизация в так называемых «новых регионах»", ["UA-14", "UA-09", "UA-23", "UA-65"] },
        { "ru: a capital that decides is the state", "в Москве приняли решение о призыве", [] },
        { "ru: a first name after a resident's noun is not the town Владимир", "Минчанин Владимир рассказывает о повестке", ["BY-HM"] },

    };

    /// <summary>The claim is the text's last sentence; the sentences before it are its story.</summary>
    private static string[] CodesInContext(string text)
    {
        var resolver = PlaceResolver.Default;
        var whole = new TextSpan(0, text.Length);
        var geography = resolver.Survey(text, [whole]);
        var claim = new TextSpan(text.LastIndexOf(". ", StringComparison.Ordinal) + 2, text.Length);
        return resolver.Resolve(text, claim, geography).Select(p => p.Code ?? "?" + p.Name).ToArray();
    }

    public static TheoryData<string, string, string[]> ContextRows => new()
    {
        { "ru: a claim with no place takes the region named before it", "В Бурятии вручают повестки. Многим давали полчаса собраться", ["RU-BU"] },
        { "ru: a claim about the state takes no region from around it", "В Бурятии вручают повестки. В Кремле отрицают вторую волну", [] },
        { "ru: a claim about many regions takes none from around it", "В Бурятии вручают повестки. Мобилизация идет в регионах", [] },
        { "ru: the nearest region named before wins", "В Бурятии вручают повестки. В Туве задержали женщин. Их отпустили вечером", ["RU-TY"] },
        { "ru: a source named after a quotation places it", "В Тюмени вызывают на сборы. «Мобилизации нет. Не волнуйтесь», — сказал сотрудник военкомата в Краснодаре.", ["RU-KDA"] },
        { "uk: a claim with no place takes the town named before it", "У Маріуполі відкрилися призовні пункти. Окупанти вже розшукують чоловіків", ["UA-14"] },
        { "uk: a claim that names only a country takes no region", "В Одесі затримали чоловіка. В Росії оголосили мобілізацію", ["?Росії"] },
        { "a sentence about the state stops the story context", "Summons were served in Kursk. Putin said the call-up was over. The men would stay in the army", [] },
        { "a sentence listing examples of many regions stops the story context", "Raids in many regions, in Magwe, Bago and Yangon regions. Residents fear a second batch", [] },
        { "a counted list of regions is the context", "Summons went out in five regions: Lipetsk, Tyumen and Penza. The letters ask for data", ["RU-LIP", "RU-TYU", "RU-PNZ"] },
        { "a claim about the country takes no region", "Men are summoned in the Voronezh region. The law applies across the country", [] },
        { "uk: Sevastopol from the context of a Crimea story is Crimea", "У Криму готують мобілізацію. У Севастопольському військкоматі провели наради. Повістки роздаватимуть з поліцією", ["UA-43"] },
        { "uk: Sevastopol named outright stays Sevastopol", "У Криму готують мобілізацію. У Севастопольському військкоматі провели наради", ["UA-40"] },
        { "ru: 'в стране' marks a claim about the country", "В Ужгороде задержали мужчину. С мая в стране действует новый закон", [] },
    };

    [Theory]
    [MemberData(nameof(ContextRows))]
    public void ResolvesFromTheStory(string reason, string text, string[] expected)
    {
        var codes = CodesInContext(text);
        Assert.True(expected.SequenceEqual(codes), $"{reason}: [{string.Join(", ", codes)}]");
    }

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
