using Muster.Attribution;

namespace Muster.Tests.Attribution;

/// <summary>Who says it: each row a sentence, the parties innermost first, and the content that remains.</summary>
public class AttributionFinderTests
{
    public static TheoryData<string, string, string[], string> Rows => new()
    {
        { "a trailing reporter", "Men were sent to the front without training, the ministry said.", ["ministry"], "Men were sent to the front without training" },
        { "a subject with an appositive and a statement phrase", "Jane Roe, head of the regional council, in a June 3 statement said that recruits refuse to fight.", ["Jane Roe"], "recruits refuse to fight" },
        { "nested: a claimant inside a reporter", "The local administration in Tokmak claimed that 300 men were mobilized, the partisans reported on March 3.", ["local administration in Tokmak", "partisans"], "300 men were mobilized" },
        { "an inverted trailing verb", "Lists of employees were compiled, said Petro Kovalenko, the deputy mayor, in a statement.", ["Petro Kovalenko"], "Lists of employees were compiled" },
        { "according to, leading", "According to the governor, 40 men deserted.", ["governor"], "40 men deserted" },
        { "an outlet's name in curly quotes is the subject, without its quote marks", "“The Example Post” noted last month that men fleeing the draft pay smugglers.", ["Example Post"], "men fleeing the draft pay smugglers" },
        { "an outlet's name in straight quotes is the subject", "\"Example Post\" reported that men fled.", ["Example Post"], "men fled" },
        { "ru: an outlet's name in straight quotes is the subject", "\"Пример\" сообщил, что мужчин отправили на фронт.", ["Пример"], "мужчин отправили на фронт" },
        { "according to, trailing, outside a denial", "The Kremlin has denied plans for another round of mobilization, according to the Example Gazette.", ["Kremlin", "Example Gazette"], "plans for another round of mobilization" },
        { "a quote, then the speaker and a relay", "“We have no mobilization,” an official in Kursk, as quoted by the Example Post, insisted.", ["an official in Kursk", "Example Post"], "We have no mobilization" },
        { "a quote, then the speaker with a relative clause", "“Conscripts took up the fight,” Ivan Petrov, who heads the local branch, wrote in a letter to the minister.", ["Ivan Petrov"], "Conscripts took up the fight" },
        { "told someone that", "A former detainee told the Example Post that recruiters visited the camp.", ["A former detainee"], "recruiters visited the camp" },
        { "a quote answered by a speaker who told the hearer", "\"Those who refuse will be deported,\" one of the detained men, a citizen of Tajikistan, told the group.", ["one of the detained men"], "Those who refuse will be deported" },
        { "'reports' as a noun is no verb", "Several media reports said conscripts were captured.", ["Several media reports"], "conscripts were captured" },
        { "an introductory phrase before the subject", "In a video appeal, wives of the soldiers said the men were beaten.", ["wives of the soldiers"], "the men were beaten" },
        // English: a lower-case party after an inverted verb, citing, told, a headline frame.
        { "an inverted verb before a lower-case party", "Men were detained in the town, said officials in the region.", ["officials in the region"], "Men were detained in the town" },
        { "the reporter that cites someone makes the claim", "Men were taken from the buses, the outlet reported, citing witnesses.", ["outlet", "witnesses"], "Men were taken from the buses" },
        { "a subject who told a hearer", "The governor told reporters that 200 men had left.", ["governor"], "200 men had left" },
        { "a subject who wrote on a messenger", "The mayor wrote on Telegram that recruiters came to the plant.", ["mayor"], "recruiters came to the plant" },
        { "a headline frame", "Analysts: the army is calling up reservists again", ["Analysts"], "the army is calling up reservists again" },
        { "a passive verb has no speaker", "He was told to report to the draft office.", [], "He was told to report to the draft office" },
        { "a participle with its agent qualifies a noun", "Rallies against the call-up announced by the governor are growing in the city.", [], "Rallies against the call-up announced by the governor are growing in the city" },
        { "a quotation opens the sentence: its speaker comes after", "“We are called up again,” the group said.", ["group"], "We are called up again" },
        // Russian: trailing verbs of every form, the party running to the end; prepositional frames.
        { "ru: a trailing verb before a title, not the clause before", "Мужчин отправили на полигон, заявил губернатор.", ["губернатор"], "Мужчин отправили на полигон" },
        { "ru: a feminine trailing verb", "Повестки вручали ночью, сообщила правозащитница Анна Петрова.", ["правозащитница Анна Петрова"], "Повестки вручали ночью" },
        { "ru: по данным", "По данным правозащитников, из колонии вывезли сто человек.", ["правозащитников"], "из колонии вывезли сто человек" },
        { "ru: по словам", "По словам матери призывника, его заставили подписать контракт.", ["матери призывника"], "его заставили подписать контракт" },
        { "ru: со ссылкой на — the reporter first", "Мобилизованных держат в подвале, сообщает издание со ссылкой на родственников.", ["издание", "родственников"], "Мобилизованных держат в подвале" },
        { "ru: an institution by where its statement came from", "В пресс-службе военкомата сообщили, что призыв завершен.", ["пресс-службе военкомата"], "призыв завершен" },
        { "ru: the opener points back; the party follows the verb", "Об этом журналистам сообщили в штабе округа.", ["штабе округа"], "Об этом журналистам сообщили в штабе округа." },
        { "ru: как + a reporting verb", "Как выяснили журналисты, призывников свозили к границе.", ["журналисты"], "призывников свозили к границе" },
        { "ru: an appositive participle phrase between subject and verb", "Ирина Смирнова, мать срочника, служащего на границе, опубликовала обращение к министру.", ["Ирина Смирнова"], "обращение к министру" },
        // Ukrainian: a dash before the verb, a locative institution, frames with за and як.
        { "uk: a dash and a locative institution", "Призовників відправили на полігон, – повідомили в Генштабі.", ["Генштабі"], "Призовників відправили на полігон" },
        { "uk: за словами", "За словами мера, окупанти забрали три тисячі чоловіків.", ["мера"], "окупанти забрали три тисячі чоловіків" },
        { "uk: як повідомляє", "Як повідомляє обласна адміністрація, повістки роздають на блокпостах.", ["обласна адміністрація"], "повістки роздають на блокпостах" },
        { "uk: з посиланням на — the reporter first", "Окупанти почали мобілізацію, повідомляє сільрада з посиланням на очевидців.", ["сільрада", "очевидців"], "Окупанти почали мобілізацію" },
        { "uk: the opener points back; the medium is no part of the party", "Про це повідомив начальник обласної адміністрації Петро Коваль у Telegram.", ["начальник обласної адміністрації Петро Коваль"], "Про це повідомив начальник обласної адміністрації Петро Коваль у Telegram." },
        { "uk: a pronoun in a prepositional frame stands for the party before", "За її словами, повістки вручали вночі.", ["її"], "повістки вручали вночі" },
        { "uk: the statement of an institution", "У заяві міністерства йдеться, що призову не буде.", ["міністерства"], "призову не буде" },
        { "uk: an impersonal frame points to the statement before", "Як зазначається, обстеження призначили вчителям.", ["statement"], "обстеження призначили вчителям" },
        // Quotations, clauses after the party, dates and pointing back.
        { "a quotation with punctuation before its closing mark, then its speaker", "“This shows the call-up goes on in every district,” the monitors said.", ["monitors"], "This shows the call-up goes on in every district" },
        { "a clause after an inverted party is no part of the tail", "“They took men from the market,” said one trader, adding that nobody was warned.", ["one trader"], "They took men from the market" },
        { "a relative clause after an inverted party", "“Some were seized at work,” says 30-year-old Oleh, who was later released.", ["30-year-old Oleh"], "Some were seized at work" },
        { "ru: a place after «в» says where, not who", "В Крыму объявили мобилизацию.", [], "В Крыму объявили мобилизацию" },
        { "uk: a place after «у» says where, not who", "У Херсоні повідомили, що чоловікам вручили повістки.", [], "У Херсоні повідомили, що чоловікам вручили повістки" },
        { "a dot inside a name is the name's (leading)", "According to Example.NET, men were detained at the border.", ["Example.NET"], "men were detained at the border" },
        { "ru: a dot inside a name is the name's", "По данным Пример.news, мужчин задержали на блокпосту.", ["Пример.news"], "мужчин задержали на блокпосту" },
        { "a pointing-back sentence relayed by a portal with a dotted name", "The regional police reported this, according to the website Example.NET.", ["regional police", "website Example.NET"], "The regional police reported this, according to the website Example.NET." },
        { "a clause before a colon is no headline party", "We have documented such cases: a man was beaten.", [], "We have documented such cases: a man was beaten" },
        { "an inverted frame after a list of places", "Soldiers abducted 20 villagers in Aryk, Belen and Koza townships, said Aryk residents.", ["Aryk residents"], "Soldiers abducted 20 villagers in Aryk, Belen and Koza townships" },
        { "a parenthetical between the subject and its verb", "The mayor, however, denies that men were detained.", ["mayor"], "men were detained" },
        { "ru: a parenthetical between the subject and its verb", "Губернатор, в свою очередь, заявил, что повесток не будет.", ["Губернатор"], "повесток не будет" },
        { "uk: a parenthetical between the subject and its verb", "Мер, однак, заявив, що облав немає.", ["Мер"], "облав немає" },
        { "giving examples introduces what follows", "The ombudsman also gave examples of abuses by recruiters.", ["ombudsman"], "of abuses by recruiters" },
        { "uk: giving examples introduces what follows", "Омбудсман навів приклади порушень з боку ТЦК.", ["Омбудсман"], "порушень з боку ТЦК" },
        { "ru: the writer's aside is no party", "Напомним, в сентябре в России объявили мобилизацию.", [], "Напомним, в сентябре в России объявили мобилизацию" },
        { "uk: the writer's aside is no party", "Нагадаємо, у вересні в Росії оголосили мобілізацію.", [], "Нагадаємо, у вересні в Росії оголосили мобілізацію" },
        { "ru: an institution after «в» is the party", "В Минобороны заявили, что повестки рассылают по почте.", ["Минобороны"], "повестки рассылают по почте" },
        { "a date before a colon is no headline party", "March 2023 broke a record: 400 men asked for help.", [], "March 2023 broke a record: 400 men asked for help" },
        { "'according to which' is a relative clause, not a frame", "Each man got an order, a paper according to which he joins a unit.", [], "Each man got an order, a paper according to which he joins a unit" },
        { "an adverb between subject and verb", "The monitoring group recently reported that 900 men were sent to camps.", ["monitoring group"], "900 men were sent to camps" },
        { "'X reported this' points back", "The regional border service reported this.", ["regional border service"], "The regional border service reported this." },
        { "ru: where the hearers were told names no speaker", "В военкомате им заявили, что отправят на передовую.", ["statement"], "отправят на передовую" },
        { "uk: an occasion after a pointing-back verb is no part of the party", "Про це сказала під час брифінгу в Житомирі речниця Олена Петренко.", ["речниця Олена Петренко"], "Про це сказала під час брифінгу в Житомирі речниця Олена Петренко." },
        { "uk: a time phrase with its commas between the opener and the verb", "Про це ввечері у вівторок, 12 березня, повідомляє обласна рада.", ["обласна рада"], "Про це ввечері у вівторок, 12 березня, повідомляє обласна рада." },
        { "uk: a quoted channel after the opener leaves the sentence pointing back", "Про це в ефірі “Світанок” розповів депутат Микола Гнатюк.", ["депутат Микола Гнатюк"], "Про це в ефірі “Світанок” розповів депутат Микола Гнатюк." },
        { "a clause ending in a conjunction before a verb is no party", "“Officers come at dawn — they knock on the door and say to pack a bag.", [], "Officers come at dawn — they knock on the door and say to pack a bag" },
        { "uk: a lower-case subject after «Також»", "Також батько одного з призовників розповів: їх возять на полігон уночі.", ["батько одного з призовників"], "їх возять на полігон уночі" },
        { "ru: the subject after a participle clause", "Сравнив списки, которые публиковали родственники, аналитики пришли к выводу, что набор шел в двенадцати колониях.", ["аналитики"], "набор шел в двенадцати колониях" },
        { "according to between commas in the middle of the sentence", "Most of the deserters, according to the monitors’ count, are contract soldiers.", ["monitors’ count"], "Most of the deserters, according to the monitors’ count, are contract soldiers" },
        { "a lower-case subject after a connector", "Earlier, the authorities of two regions announced a new round of call-ups.", ["authorities of two regions"], "a new round of call-ups" },
        { "a subject ends in a noun, not an article before a participle", "However, the text of the signed order on the call-up remains secret.", [], "the text of the signed order on the call-up remains secret" },
        { "ru: only «также» lets a lower-case subject follow a connector", "В ответ резервисты подали жалобы командиру.", [], "резервисты подали жалобы командиру" },
        { "uk: «Раніше» is a connector before the subject, «закликав» a reporting verb", "Раніше Петренко закликав чоловіків виїхати з міста.", ["Петренко"], "чоловіків виїхати з міста" },
        { "an adverb 'thus' between subject and 'called on'", "The regional leader thus called on factories to release their workers for the front.", ["regional leader"], "factories to release their workers for the front" },
        { "'reports emerged that': the reports speak", "Meanwhile, reports emerged that recruiters visited the dormitories.", ["reports"], "recruiters visited the dormitories" },
        { "'emerged' without a that-clause only appears", "A clip of the captured soldiers had surfaced in which they asked for help.", [], "A clip of the captured soldiers had surfaced in which they asked for help" },
        { "a bare plural subject of 'suggest'", "Estimates suggest that 5,000 men were sent to the front.", ["Estimates"], "5,000 men were sent to the front" },
        { "a pointing-back passive with an appositive and an occasion", "This was stated by the regional ombudsman, Olena Petrenko, during a meeting of the council.", ["regional ombudsman"], "This was stated by the regional ombudsman, Olena Petrenko, during a meeting of the council." },
        { "no attribution at all", "Conscripts were sent to the border in February 2022.", [], "Conscripts were sent to the border in February 2022" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Frames(string reason, string sentence, string[] parties, string content)
    {
        var frame = AttributionFinder.Find(sentence, new TextSpan(0, sentence.Length));
        Assert.True(parties.SequenceEqual(frame.Parties.Select(p => p.Name)), $"{reason}: parties [{string.Join(" | ", frame.Parties.Select(p => p.Name))}]");
        Assert.True(content == sentence[frame.Content.Start..frame.Content.End], $"{reason}: content '{sentence[frame.Content.Start..frame.Content.End]}'");
    }

    [Fact]
    public void ABackReferencePointsToWhatCameBefore()
    {
        const string sentence = "Про це повідомив мер міста.";
        var frame = AttributionFinder.Find(sentence, new TextSpan(0, sentence.Length));
        Assert.True(frame.PointsBack);
        Assert.Equal("мер міста", frame.Parties[0].Name);
    }

    [Theory]
    [InlineData("according to X ,")]
    [InlineData("по данным губернатора ,")]
    [InlineData("за словами мера")]
    public void AFrameWithNothingAfterItIsReadWithoutFailing(string sentence)
    {
        // A frame that runs to the sentence's end leaves no content: the frame still names its party.
        var frame = AttributionFinder.Find(sentence, new TextSpan(0, sentence.Length));
        Assert.NotEmpty(frame.Parties);
        Assert.InRange(frame.Content.End, frame.Content.Start, sentence.Length);
    }

    [Fact]
    public void ADenialVerbMarksTheFrame()
    {
        const string sentence = "The ministry has dismissed claims that conscripts were sent to the border.";
        var frame = AttributionFinder.Find(sentence, new TextSpan(0, sentence.Length));
        Assert.True(frame.Denial);
        Assert.Equal("ministry", frame.Parties[0].Name);
    }

    [Theory]
    [InlineData("a group of a plural noun before an auxiliary", "A group of Kenyan workers have written to the embassy.", "A group of Kenyan workers")]
    [InlineData("a plural noun after an introductory phrase, up to its comma", "In a clip shared with the paper, the four men, all from one village, said that they had no choice.", "four men")]
    [InlineData("a singular subject is no group", "The mayor has asked for help.", null)]
    public void TheGroupASentenceOpensWith(string reason, string sentence, string? group)
    {
        var party = AttributionFinder.OpeningGroup(sentence, new TextSpan(0, sentence.Length));
        Assert.True(group == party?.Name, $"{reason}: {party?.Name}");
    }

    [Theory]
    [InlineData("ru: a trailing reporting verb covers the sentence before", "Студентам обещают большие выплаты, пишет издание.", true)]
    [InlineData("ru: как + a reporting verb covers the sentence before", "Как сообщили родственники, сейчас там держат 21 человека.", true)]
    [InlineData("uk: за словами in the middle of the sentence", "Це, за словами відомства, є порушенням закону.", true)]
    [InlineData("ru: по подсчетам only sources its figure", "По подсчетам правозащитников, за сутки призвали три тысячи мужчин.", false)]
    [InlineData("according to an estimate only sources its figure", "Half of them, according to the group’s estimate, are contract soldiers.", false)]
    [InlineData("a subject's frame is that subject's alone", "The governor said that 200 men had left.", false)]
    public void AFrameAroundTheContentLendsToTheSentenceBefore(string reason, string sentence, bool lends)
    {
        var frame = AttributionFinder.Find(sentence, new TextSpan(0, sentence.Length));
        Assert.True(lends == frame.Lends, $"{reason}: parties [{string.Join(" | ", frame.Parties.Select(p => p.Name))}], lends {frame.Lends}");
    }
}
