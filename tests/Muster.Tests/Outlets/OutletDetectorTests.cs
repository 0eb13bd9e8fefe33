using Muster.Outlets;

namespace Muster.Tests.Outlets;

public class OutletDetectorTests
{
    public static TheoryData<string, string, string?> Pages => new()
    {
        { "an appeal names its outlet", "Some news.\nA Message from The Example Gazette:\nDear readers,", "The Example Gazette" },
        { "an author bio names the outlet", "Jane Roe is a senior reporter for the Steppe Courier, covering the south.", "The Steppe Courier" },
        { "a news desk card", "We are the news desk at the Example Ledger. We publish updates.", "The Example Ledger" },
        { "a known outlet is canonicalized", "Jane Roe is a reporter for Kyiv Independent.", "The Kyiv Independent" },
        { "an editor's note about our own interviews", "Editor’s note: people interviewed by the Example Herald for this story were renamed.", "The Example Herald" },
        { "a follow handle spelled out on the page", "He told Example Post about it.\nFollow us on @Examplepost_official", "Example Post" },
        { "a follow handle of a known outlet", "Follow our coverage on @meduzaproject", "Meduza" },
        { "a page that names no outlet", "The ministry said 300 men had been called up. Reuters reported the same.", null },
        { "a stranger's handle that nothing on the page spells", "Follow @randomperson123 for more", null },

        // English
        { "a credit line of its own", "Draft law signed\n\nSource: Prairie Ledger\n\nThe president signed it.", "Prairie Ledger" },
        { "a known outlet's abbreviation in a learned-sentence", "Officials denied it. DW learned that the order came on Monday.", "DW" },
        { "an explainer introduces itself after a clause", "People are leaving. Eager to help, The Valley Post tells the stories of families who left.", "The Valley Post" },
        { "a wire dateline", "KYIV, May 5 (Harbor Wire) - The army called up reservists.", "Harbor Wire" },
        { "a coverage promo names the page", "Read more below.\nFor all of North Desk's coverage of the conflict, see our front page.", "North Desk" },
        { "a masthead line", "Contacts\nThe Lakeside Herald — All rights reserved", "The Lakeside Herald" },
        { "a caption credit ending in a domain", "Recruits at a station / lakeside-news.org", "lakeside-news.org" },
        { "a domain canonicalized through the list", "Summons / motolko.help", "Motolko Help" },
        { "a photo credit names the picture's source, not the page", "Soldiers at a base (Photo: Harbor Wire/John Doe)\nPhoto: lakeside-news.org", null },
        { "a platform's domain on its own line is no outlet", "Join us\ntelegram.org\nThe army called.", null },
        { "a picture agency after a caption is no copyright line", "Men at the office © Getty Images\nThe mayor spoke.", null },
        { "a name does not run on into the next line", "© 2024 Steppe Courier\nMobilization news", "Steppe Courier" },
        { "told X is a relay more often than the page's interview", "\"We left,\" a resident told Harbor Wire.", null },
        { "a person who explains is no outlet", "Mayor Petrenko explains why the men left.", null },
        { "a state body in a credit line is no outlet", "Source: Defense Ministry", null },

        // Russian
        { "an explainer introduces itself", "Повестки разносят ночью. «Северный вестник» рассказывает, как проходит призыв.", "Северный вестник" },
        { "the newsroom's own finding", "«Степной листок» совместно с правозащитниками выяснил, что вербовщики были в колониях.", "Степной листок" },
        { "the page's correspondent, indeclinable", "Корреспондент Урал.Инфо выяснил, как ищут пропавших.", "Урал.Инфо" },
        { "a wire dateline with a correspondent", "1 августа, Казань /Корр. ВОЛГАПРЕСС/. В реке нашли тела.", "ВОЛГАПРЕСС" },
        { "a wire dateline wins over a relayed wire", "5 мая, Омск /Корр. ВОЛГАПРЕСС/. Об этом сообщил губернатор, информирует ТАСС.", "ВОЛГАПРЕСС" },
        { "the page was told, a known short form", "Об этом «Ъ» рассказали в мэрии города.", "Коммерсантъ" },
        { "a subscribe prompt in the genitive, declined through the list", "Чтобы не пропускать новые материалы «Холода», подписывайтесь на рассылку.", "Холод" },
        { "a broadcaster closing a date line", "14 марта 2023 11:05 ГТРК \"Таежная\"\nСлужба работает.", "ГТРК «Таежная»" },
        { "a known outlet is written in the page's script", "Источник: Медиазона", "Медиазона" },
        { "a photo credit between slashes is no dateline", "Москва /Фото: Иван Петров/\nПовестки раздают.", null },
        { "journalists of another outlet found it: a relay", "Журналисты «Степного листка» выяснили, что вербовщики объехали колонии.", null },
        { "journalists of a publication: a relay", "Как выяснили журналисты издания «Окошко», солдат свозят к границе.", null },
        { "a bare wire tail after an official is copied", "Об этом сообщила пресс-секретарь отряда, информирует ВОЛГАПРЕСС.", null },
        { "пишет издание is a relay", "Вузы стали вербовочными пунктами, пишет издание Military.", null },
        { "a photo credit domain", "Фото: gazeta-example.ru\nВ регионе облавы.", null },
        { "a foundation's finding is quoted but not an explainer of itself", "Фонд «Помощь» выяснил, что письма не доходят.", null },

        // Ukrainian
        { "the last relay of a medium is the page", "Студентів призвуть. Про це пише \"Вечірній листок\", передають Степові вісті.", "Степові вісті" },
        { "a relay that informs after a medium was told", "Про це виданню “Край” повідомили матері солдатів, інформує ПРИКАРПАТТЯ.", "ПРИКАРПАТТЯ" },
        { "a relay's own source is not part of its name", "Про це пише «Край», передає Степовий край з посиланням на джерела.", null },
        { "a bare relay after an authority gives no outlet", "Росіяни готують мобілізацію, передає Укрінформ.", null },
        { "an explainer introduces itself", "«Голос Полісся» розповідає, як проходить мобілізація.", "Голос Полісся" },
        { "a credit line", "Джерело: Поділля сьогодні", "Поділля сьогодні" },
        { "a domain on its own line", "Новини\npodillia-today.com.ua\nУ місті вручають повістки.", "podillia-today.com.ua" },
        { "an authority that informs is no outlet", "Про це вранці інформує пресцентр СБУ.", null },
        { "as reported by another outlet: a relay", "Як повідомляє Степові вісті, у місті вручають повістки.", null },
        { "a photo credit domain is not the page", "Ілюстративне фото: example-news.ua\nСтроковиків змушують.", null },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Detects(string reason, string text, string? expected)
    {
        Assert.True(expected == OutletDetector.Default.Detect(text), $"{reason}: got {OutletDetector.Default.Detect(text)}");
    }

    public static TheoryData<string, string, string, string?> Addresses => new()
    {
        { "an unknown site is its host, without www", "https://www.lakeside-news.org/2024/05/recruits", "The army called.", "lakeside-news.org" },
        { "a known outlet's domain gives its name", "https://motolko.help/en-news/12-reservists", "The army called.", "Motolko Help" },
        { "a subdomain of a known outlet", "https://en.zona.media/article/2024/03/04/x", "The army called.", "Mediazona" },
        { "a known outlet in the page's script, spelled as Ukrainian does", "https://www.unian.net/war/x.html", "Студентів змушують підписувати контракти.", "УНІАН" },
        { "a known outlet in the page's script, spelled as Russian does", "https://www.unian.net/war/x.html", "Студентам обещают выплаты, если они подпишут контракт.", "УНИАН" },
        { "a name with no letter of either language is both languages' spelling", "https://zona.media/news/x", "Студентам обещают выплаты, если они подпишут контракт.", "Медиазона" },
        { "a Ukrainian page takes the Ukrainian spelling where there is one", "https://zona.media/news/x", "Студентам обіцяють виплати, якщо вони підпишуть контракт.", "Медіазона" },
        { "a mobile or amp prefix is no part of the name", "https://m.steppe-courier.kz/news/1", "The army called.", "steppe-courier.kz" },
        { "a CDN serves other sites' pages", "https://d31icbnmvylvz7.cloudfront.net/a/x.html", "The army called.", null },
        { "an app host serves other sites' pages", "https://settlers-wiggles-118669.appspot.com/article/x", "The army called.", null },
        { "an archive is no outlet", "https://web.archive.org/web/2024/https://example.org/x", "The army called.", null },
        { "a platform is no outlet", "https://t.me/somechannel/12", "The army called.", null },
        { "not a web address", "file:///home/user/page.txt", "The army called.", null },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void AnAddressNamesItsSite(string reason, string url, string text, string? expected)
    {
        var outlet = OutletDetector.Default.FromAddress(url, text);
        Assert.True(expected == outlet, $"{reason}: got {outlet}");
    }

    [Fact]
    public void ListFaultsNameTheLine()
    {
        var e = Assert.Throws<FormatException>(() => OutletDetector.Parse("A | B\nC | a", "outlets.txt"));
        Assert.StartsWith("outlets.txt:2:", e.Message);
    }
}
