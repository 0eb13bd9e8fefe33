using System.Diagnostics;
using System.Text;
using Muster.Reading;
using Muster.Reading.Formats;

namespace Muster.Tests.Reading;

public class FeedReaderTests
{
    private static List<SourceRecord> Read(string xml, string name = "feed.xml") =>
        new FeedReader().Read(FormatSamples.Inline(name, xml)).ToList();

    private static string Rss(string items) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Test Wire</title><link>https://wire.example/</link>
        {items}
        </channel></rss>
        """;

    [Fact]
    public void TheRssSampleGivesEachItemWithItsTitleLinkDateAuthorAndOutlet()
    {
        var records = FormatSamples.Records("feeds/mobilization.rss");
        Assert.Equal(3, records.Count);
        Assert.All(records, r =>
        {
            Assert.Null(r.Error);
            Assert.Equal(PageFormat.Feed, r.Format);
            Assert.True(r.SingleStory);
            Assert.Equal("Volga Courier", r.Outlet);
            Assert.Equal(r.Url, r.Source);
        });
        Assert.Equal(
            ["Summonses handed out at the Cheboksary tractor plant", "Men detained at checkpoints outside Belgorod", "В Казани мигрантов принуждают подписывать контракты"],
            records.Select(r => r.Title));
        Assert.Equal(
            ["https://volga-courier.example/news/2024/03/05/tractor-plant-summonses", "https://volga-courier.example/news/2024/03/07/belgorod-checkpoints",
             "https://volga-courier.example/ru/2024/03/10/kazan-migranty"],
            records.Select(r => r.Url));
        Assert.Equal(["2024-03-05", "2024-03-07", "2024-03-10"], records.Select(r => r.Published.ToString()));
        // dc:creator; RSS's e-mail author with the name in brackets; Cyrillic dc:creator.
        Assert.Equal(["Irina Sokolova", "Pavel Orlov", "Ирина Соколова"], records.Select(r => r.Author));
        // content:encoded wins over the short description.
        Assert.Contains("<p>Military enlistment officers handed out summonses", Encoding.UTF8.GetString(records[0].Content!));
    }

    [Fact]
    public void TheAtomSampleGivesEachEntryWithRelativeLinksResolvedAndPublishedBeforeUpdated()
    {
        var records = FormatSamples.Records("feeds/atom.xml");
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("Steppe Bulletin", r.Outlet));
        Assert.Equal(["У Львові повістки вручають на блокпостах", "Orenburg district told to find 50 contract soldiers"], records.Select(r => r.Title));
        Assert.Equal(["https://steppe-bulletin.example/uk/2024/04/02/lviv-blokposty", "https://steppe-bulletin.example/en/2024/04/04/orenburg-quota"],
            records.Select(r => r.Url));
        // The first entry's <published> wins over its <updated>; the second has only <updated>.
        Assert.Equal(["2024-04-02", "2024-04-04"], records.Select(r => r.Published.ToString()));
        Assert.Equal(["Олена Коваль", "Marat Galiev"], records.Select(r => r.Author));
    }

    [Fact]
    public void ClaimsAreFoundInFeedItemsThroughThePipeline()
    {
        var rss = FormatSamples.Documents("feeds/mobilization.rss");
        Assert.All(rss, d => Assert.Equal("feed", d.Format));
        var plant = rss[0];
        Assert.Equal("Summonses handed out at the Cheboksary tractor plant", plant.Title);
        Assert.Equal("2024-03-05", plant.Published.ToString());
        var article = Assert.Single(plant.Stories);
        Assert.Equal(StoryRole.Article, article.Role);
        Assert.Equal(plant.Title, article.Title);
        Assert.Contains(article.Claims, c => c.Type == "summons" && c.Places.Any(p => p.Code == "RU-CU"));
        // The link inside the last paragraph keeps its text; the comment that names the item is not text.
        Assert.Contains("More on mobilization", article.Text);
        Assert.DoesNotContain("feed item", plant.Text);
        Assert.Contains(rss[1].Stories.SelectMany(s => s.Claims), c => c.Type == "forced_enlistment" && c.Places.Any(p => p.Code == "RU-BEL"));
        Assert.Contains(rss[2].Stories.SelectMany(s => s.Claims), c => c.Type == "coerced_volunteering");

        var atom = FormatSamples.Documents("feeds/atom.xml");
        Assert.Contains(atom[0].Stories.SelectMany(s => s.Claims), c => c.Type == "summons" && c.Places.Any(p => p.Code == "UA-46"));
        var quota = Assert.Single(atom[1].Stories.SelectMany(s => s.Claims), c => c.Type == "recruitment_quota");
        Assert.Equal(50, quota.Quantity?.Min);
        // A plain-text summary keeps its two paragraphs.
        Assert.Equal(2, atom[1].Stories[0].Paragraphs.Count);
    }

    [Fact]
    public void InvalidXmlGivesTheItemsBeforeItThenOneErrorNamingTheLineAndPosition()
    {
        var xml = Rss("""
            <item><title>First</title><link>https://wire.example/1</link><description>One.</description></item>
            <item><title>Second</title><link>https://wire.example/2</link><description>Two.</description></item>
            <item><title>Fish & chips</title><link>https://wire.example/3</link></item>
            <item><title>Never read</title></item>
            """);
        var records = Read(xml, "broken.xml");
        Assert.Equal(3, records.Count);
        Assert.Equal(["First", "Second"], records.Take(2).Select(r => r.Title));
        var error = records[2];
        Assert.Equal("broken.xml", error.Source);
        Assert.Null(error.Content);
        Assert.Matches(@"^invalid XML at line 5, position \d+ after item 2: ", error.Error);
        Assert.DoesNotContain("\n", error.Error);

        var outcomes = FormatSamples.Pipeline.ProcessAll(FormatSamples.Inline("broken.xml", xml)).ToList();
        Assert.Equal([true, true, false], outcomes.Select(o => o.Success));
        Assert.Equal("broken.xml", outcomes[2].Source);
    }

    [Fact]
    public void EntitiesAreNeverExpandedNorFetched()
    {
        var laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <rss version="2.0"><channel><title>Laughs</title>
            <item><title>Before</title><description>Fine.</description></item>
            <item><title>&lol9;</title></item>
            </channel></rss>
            """;
        var clock = Stopwatch.StartNew();
        var records = Read(laughs);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal("Before", records[0].Title);
        Assert.Contains("undeclared entity", Assert.Single(records, r => r.Error is not null).Error);

        var external = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>External</title><item><title>&secret;</title></item></channel></rss>
            """;
        var failed = Assert.Single(Read(external));
        Assert.Contains("undeclared entity", failed.Error);
    }

    [Fact]
    public void AnOldRssFeedWithADoctypeIsRead()
    {
        var records = Read("""
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>Old Wire</title>
            <item><title>Reservists called up</title><link>https://old.example/1</link><description>Reservists were called up for training.</description></item>
            </channel></rss>
            """);
        var record = Assert.Single(records);
        Assert.Null(record.Error);
        Assert.Equal("Old Wire", record.Outlet);
    }

    [Fact]
    public void AFeedInWindows1251IsDecodedFromItsXmlDeclaration()
    {
        var xml = """
            <?xml version="1.0" encoding="windows-1251"?>
            <rss version="2.0"><channel><title>Уральский вестник</title>
            <item><title>Повестки раздают у проходной</title><description>В Перми повестки раздают у проходной завода.</description></item>
            </channel></rss>
            """;
        PageDecoder.Decode([]); // registers the code pages, as the pipeline does
        var bytes = Encoding.GetEncoding("windows-1251").GetBytes(xml);
        var record = Assert.Single(new FeedReader().Read(new PageInput("cp1251.rss", bytes, null)));
        Assert.Equal("Уральский вестник", record.Outlet);
        Assert.Equal("Повестки раздают у проходной", record.Title);
        Assert.Equal("utf-8", record.Charset);
        Assert.Contains("В Перми повестки", Encoding.UTF8.GetString(record.Content!));
    }

    [Fact]
    public void AnRss1FeedIsRead()
    {
        var records = Read("""
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://rdf.example/"><title>RDF Wire</title><link>https://rdf.example/</link></channel>
              <image rdf:about="https://rdf.example/logo.png"><title>RDF Wire logo</title></image>
              <item rdf:about="https://rdf.example/1"><title>Summonses at a university</title><description>Students received summonses.</description><dc:date>2024-02-12T10:00:00+03:00</dc:date><dc:creator>A. Petrova</dc:creator></item>
            </rdf:RDF>
            """);
        var record = Assert.Single(records);
        Assert.Equal("RDF Wire", record.Outlet);
        Assert.Equal("https://rdf.example/1", record.Url);
        Assert.Equal("2024-02-12", record.Published.ToString());
        Assert.Equal("A. Petrova", record.Author);
    }

    [Fact]
    public void ItemsThatShareABoilerplateBodyKeepTheirOwnIdentityAndAFeedReadTwiceKeepsItsOwn()
    {
        var xml = Rss("""
            <item><title>Summonses at the port</title><link>https://wire.example/port</link><description>Read more on our site.</description></item>
            <item><title>Raids at the market</title><link>https://wire.example/market</link><description>Read more on our site.</description></item>
            <item><title>Only a title: men detained and taken to the enlistment office</title><link>https://wire.example/title</link></item>
            """);
        var first = FormatSamples.Pipeline.ProcessAll(FormatSamples.Inline("feed.xml", xml)).Select(o => o.Document!).ToList();
        Assert.Equal(3, first.Select(d => d.Sha256).Distinct().Count());
        var again = FormatSamples.Pipeline.ProcessAll(FormatSamples.Inline("feed.xml", xml)).Select(o => o.Document!).ToList();
        Assert.Equal(first.Select(d => d.Sha256), again.Select(d => d.Sha256));
        // An item with only a title is read from its title, so claims can still be found in it.
        var titleOnly = Assert.Single(first[2].Stories);
        Assert.Equal("Only a title: men detained and taken to the enlistment office", titleOnly.Text);
        Assert.Contains(titleOnly.Claims, c => c.Type == "forced_enlistment");
    }

    [Fact]
    public void AnItemWithNeitherTitleNorContentIsNamedAndTheOthersGoOn()
    {
        var records = Read(Rss("""
            <item><link>https://wire.example/empty</link></item>
            <item><title>Second</title><description>Text.</description></item>
            """), "empty.xml");
        Assert.Equal("empty.xml#item-1", records[0].Source);
        Assert.Contains("neither a title nor any content", records[0].Error);
        Assert.Equal("Second", records[1].Title);
        Assert.Equal("empty.xml#item-2", records[1].Source); // no link: the path and the item's place
    }

    [Fact]
    public void XmlThatIsNotAFeedIsNamed()
    {
        var failed = Assert.Single(Read("<?xml version=\"1.0\"?><catalog><book/></catalog>", "books.xml"));
        Assert.Contains("not a feed: its root element is <catalog>", failed.Error);
    }

    [Fact]
    public void TheFragmentCommentCannotBeClosedByATitle()
    {
        var html = FeedReader.Fragment("https://wire.example/a--b", "Title --> <script>x</script>", ("<p>Body</p>", true));
        var comment = html[..(html.IndexOf("-->", StringComparison.Ordinal) + 3)];
        Assert.Contains("<script>", comment); // still inside the comment, so never markup
        Assert.EndsWith("<p>Body</p>", html);
    }
}
