using Muster.Segmentation;

namespace Muster.Tests.Segmentation;

/// <summary>Each clutter rule and line shape, one row with its reason.</summary>
public class LineClassifierTests
{
    private static readonly LineClassifier Classifier = new(ClutterLexicon.Default);

    public static TheoryData<string, string, LineKind> Lines => new()
    {
        { "a section label between stories", "Latest News", LineKind.Divider },
        { "a 'show more' button", "Show More", LineKind.Divider },
        { "a 'read more' link", "Read more", LineKind.Divider },
        { "an image placeholder is furniture: it sits inside articles too", "Article image", LineKind.Furniture },
        { "an advertising label inside an article", "Advertisement", LineKind.Furniture },
        { "an inline related link", "Read more: Relatives say men were sent to the front without training", LineKind.Furniture },
        { "a credit of the text's source", "Source: Example Agency", LineKind.Furniture },
        { "a dateline with a time and 'Updated'", "March 3, 2024 4:30 PM GMT+3 Updated 2 hours ago", LineKind.Dateline },
        { "an avatar announces an author card", "Avatar", LineKind.AuthorMarker },
        { "a read-time badge", "4 min read", LineKind.Furniture },
        { "a Russian read-time badge", "3 мин чтения", LineKind.Furniture },
        { "a membership counter", "1,204 out of 5,000", LineKind.Furniture },
        { "an empty update stamp", " (Updated:  )", LineKind.Furniture },
        { "a photo caption ending with a credit", "Soldiers at a checkpoint near the border. (Photo by Jane Roe/Example Wire)", LineKind.Furniture },
        { "a caption credited to an agency", "A conscription office in Kazan. Photo: Someone / TASS", LineKind.Furniture },
        { "a social follow prompt", "Follow us on Telegram for the latest updates", LineKind.Furniture },
        { "a follow prompt naming a handle", "Follow our live coverage on @some_outlet.", LineKind.Furniture },
        { "a join prompt in capitals", "JOIN US ON WHATSAPP", LineKind.Furniture },
        { "a newsletter prompt", "Sign up for our daily newsletter", LineKind.Furniture },
        { "a typo-report widget", "Found a typo? Select it and press Ctrl+Enter", LineKind.Furniture },
        { "a role label under an author name", "Reporter", LineKind.Furniture },
        { "a cookie banner", "We use cookies to improve your experience on our site.", LineKind.Furniture },
        { "a copyright footer", "© 2024 Example Media Group. All rights reserved.", LineKind.Furniture },
        { "a share button", "Share on Facebook", LineKind.Furniture },
        { "a tag line", "Tags: mobilization, Russia, conscription", LineKind.Furniture },
        { "a bare one-word section label", "Politics", LineKind.Furniture },
        { "an appeal header", "A Message from the Example Gazette:", LineKind.Appeal },
        { "a membership prompt in the outlet's voice", "Help us reach 4,000 members before the year ends.", LineKind.Appeal },
        { "a dateline with Published", "Published March 12, 2024", LineKind.Dateline },
        { "a standfirst of three sentences whose last lost its full stop", "Some recruits are already in hospital. Others died. Those who refused to fight are held in solitary", LineKind.Paragraph },
        { "ru: a standfirst of three sentences", "Некоторые новобранцы уже в госпитале. Есть и погибшие. Отказавшихся держат в изоляторе", LineKind.Paragraph },
        { "a headline of two short sentences stays a headline", "Summonses in Penza. Men leave the city", LineKind.Headline },
        { "a bare dateline with a time", "12 March 2024, 10:45", LineKind.Dateline },
        { "a byline", "By Anna Kovalenko", LineKind.Byline },
        { "a headline: short, capitalized, no end punctuation", "Military enlistment offices begin sending summons in five regions", LineKind.Headline },
        { "a headline ending in a closing quote", "Mothers of conscripts: ‘We want our sons back’", LineKind.Headline },
        { "a short question headline", "Will the Kremlin announce a second wave?", LineKind.Headline },
        { "a sentence is a paragraph", "The ministry said that 300 men had received summonses.", LineKind.Paragraph },
        { "a quote ending inside quotes is a paragraph", "“We will not go,” one of the men said.”", LineKind.Paragraph },
        { "a lower-case line is not a headline", "and then the officers left the building without a word", LineKind.Paragraph },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void ClassifiesLine(string reason, string line, LineKind expected)
    {
        var classified = Classifier.Classify(line);
        Assert.True(expected == classified[0].Kind, $"{reason}: expected {expected}, got {classified[0].Kind}");
    }

    [Fact]
    public void AnAppealRunsWhileItsLinesStayAppealLikeAndEndsAtNewsText()
    {
        var lines = Classifier.Classify(string.Join('\n',
            "A Message from the Example Gazette:",
            "Dear readers,",
            "We need your help to keep our reporters in the field.",
            "Monthly",
            "Remind me later.",
            "The Defense Ministry announced a new call-up of reservists in three regions on Friday."));
        Assert.Equal([LineKind.Appeal, LineKind.Appeal, LineKind.Appeal, LineKind.Appeal, LineKind.Appeal, LineKind.Paragraph],
            lines.Select(l => l.Kind));
    }

    [Fact]
    public void OffsetsPointAtTheTrimmedLineInThePage()
    {
        const string page = "  First headline of the page  \nSecond line here.";
        var lines = Classifier.Classify(page);
        Assert.Equal("First headline of the page", page[lines[0].Start..lines[0].End]);
        Assert.Equal("Second line here.", page[lines[1].Start..lines[1].End]);
    }

    public static TheoryData<string, string, string, string> GluedDatelines => new()
    {
        { "a date field glued before the text", "date 2024-05-02 The army called up reservists in two towns.", "2024-05-02", "The army called up reservists in two towns." },
        { "ru: a published field with a time", "Опубликовано: 2023-11-07 14:05 Повестки разносят по ночам.", "2023-11-07", "Повестки разносят по ночам." },
        { "uk: a date field", "дата 2025-09-02 Сутички біля ТЦК тривають.", "2025-09-02", "Сутички біля ТЦК тривають." },
    };

    [Theory]
    [MemberData(nameof(GluedDatelines))]
    public void ADateFieldGluedToTheFirstLineIsADateline(string reason, string page, string date, string rest)
    {
        var lines = Classifier.Classify(page);
        Assert.True(lines[0].Kind == LineKind.Dateline && lines[0].Date?.ToString() == date, $"{reason}: {lines[0].Kind} {lines[0].Date}");
        Assert.True(page[lines[1].Start..lines[1].End] == rest, $"{reason}: the next line is '{page[lines[1].Start..lines[1].End]}'");
    }

    [Fact]
    public void AWrittenDateOpeningASentenceStaysInIt()
    {
        const string page = "Date 5 May: the army called up reservists.";
        var lines = Classifier.Classify(page);
        Assert.Single(lines);
        Assert.Equal(0, lines[0].Start);
    }

    [Fact]
    public void LexiconFaultsNameTheFileAndLine()
    {
        var unknown = Assert.Throws<FormatException>(() => ClutterLexicon.Parse("[divider]\nNews\n[bogus]\nx", "mine.txt"));
        Assert.StartsWith("mine.txt:3:", unknown.Message);
        var regex = Assert.Throws<FormatException>(() => ClutterLexicon.Parse("[furniture-pattern]\n^(unclosed", "mine.txt"));
        Assert.Contains("mine.txt:2: invalid regular expression", regex.Message);
        var orphan = Assert.Throws<FormatException>(() => ClutterLexicon.Parse("News Feed", "mine.txt"));
        Assert.Contains("before any [section]", orphan.Message);
    }
}
