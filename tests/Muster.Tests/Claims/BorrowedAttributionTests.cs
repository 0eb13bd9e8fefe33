using System.Text;
using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Tests.Claims;

/// <summary>Which sentence lends its party to a sentence that names none.</summary>
public class BorrowedAttributionTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    private static Muster.Claims.Claim First(string text, string type) =>
        Pipeline.Process(new PageInput("row.txt", Encoding.UTF8.GetBytes(text + "\n"), null)).Document!
            .Stories.SelectMany(s => s.Claims).First(c => c.Type == type);

    public static TheoryData<string, string, string, string?> Rows => new()
    {
        { "a later sentence that points back names the source", "Ночью мужчинам вручили повестки. Об этом сообщил губернатор области.", "summons", "губернатор" },
        { "uk: a later sentence that points back", "Уночі чоловікам вручили повістки. Про це повідомили в обласній адміністрації.", "summons", "обласн" },
        { "the next paragraph's pointing-back sentence", "Ночью мужчинам вручили повестки.\n\nОб этом сообщил губернатор области.", "summons", "губернатор" },
        { "an attributed sentence after this one speaks for itself", "Ночью мужчинам вручили повестки. Власти региона признали, что мобилизовали 70 отцов.", "summons", null },
        { "en: a later attributed sentence speaks for itself", "Summonses were handed out at night. The governor said that 70 fathers were mobilized.", "summons", null },
        { "a sentence goes on reporting the party named before", "Губернатор сообщил, что в Ельце вручили повестки. В Ливнах мобилизовали 40 мужчин.", "mobilization_wave", "Губернатор" },
        { "ru: «Напомним» opens the outlet's background", "Губернатор сообщил, что в Ельце вручили повестки. Напомним, в сентябре в России объявили мобилизацию.", "mobilization_wave", null },
        { "ru: a state since a date is background", "Губернатор сообщил, что в Ельце вручили повестки. С сентября 2022 года в России мобилизовали 300 тысяч мужчин.", "mobilization_wave", null },
        { "uk: the background goes on past its opener", "Мер заявив, що в Мелітополі вручили повістки. Раніше окупанти вивозили людей. У Криму оголосили мобілізацію.", "mobilization_wave", null },
        { "uk: a paragraph that is one report line carries to the short paragraphs after it", "У Мелітополі окупанти продовжують мобілізацію.\n\nПро це повідомили в міській раді.\n\nЧоловікам вручають повістки на блокпостах.", "summons", "міськ" },
        { "uk: the carried report line stops at the outlet's background", "У Мелітополі окупанти продовжують мобілізацію.\n\nПро це повідомили в міській раді.\n\nНагадаємо, у 2022 році окупанти вже мобілізували тисячі чоловіків.\n\nНовобранців відправляють на передову.", "combat_deployment", null },
        { "ru: the carried report line stops at a paragraph with its own party", "В Мелитополе оккупанты продолжают мобилизацию.\n\nОб этом сообщил мэр города.\n\nГлава района заявил, что облав нет.\n\nНовобранцев отправляют на передовую.", "combat_deployment", null },
        { "ru: a paragraph of several sentences is no report line", "В Мелитополе оккупанты продолжают мобилизацию. Мэр города рассказал об этом журналистам.\n\nНовобранцев отправляют на передовую.", "combat_deployment", null },
        { "ru: a story's lead takes the party the next paragraph's frame names", "В вузах студентам вручают повестки.\n\nУниверситеты получили квоты на контрактников, пишет издание Пример.", "summons", "Пример" },
        { "uk: a story's lead takes the party of the next paragraph's trailing frame", "Студентам вручають повістки просто в аудиторіях.\n\nУніверситети отримали квоти на контрактників, повідомляє видання Приклад.", "summons", "Приклад" },
        { "ru: a later paragraph does not take the next paragraph's frame", "Новость дня.\n\nВ вузах студентам вручают повестки.\n\nУниверситеты получили квоты на контрактников, пишет издание Пример.", "summons", null },
        { "ru: a subject's frame in the next paragraph does not lend to the lead", "В вузах студентам вручают повестки.\n\nРектор заявил, что квот на контрактников нет.", "summons", null },
        { "ru: after a sentence that turns away, the outlet speaks", "По официальным данным, в Дагестане призвали 5 тысяч человек. Однако в селах мобилизация выглядит сплошной. Из Эндирея на фронт отправили почти всех мужчин.", "combat_deployment", null },
        { "a quotation paragraph is the speaker's who voices the paragraph before", "The ombudsman also gave examples of abuses. In Kharkiv, recruiters beat a lawyer.\n\n“We have documented such cases: a student was held by recruiters and sent to the front.", "combat_deployment", "ombudsman" },
        { "the paragraph after the speaker's sentence goes on in the speaker's voice", "The ombudsman also gave examples of abuses. In Kharkiv, recruiters detained a lawyer and sent him to the front.", "combat_deployment", "ombudsman" },
        { "en: a sentence since a date is background", "The mayor said that summonses were served in Kherson. Since March, Russia has mobilized men in occupied towns.", "forced_enlistment", null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void TheSourceComesFromThePointingBackSentenceOnly(string reason, string text, string type, string? source)
    {
        var claim = First(text, type);
        if (source is null)
            Assert.True(claim.Source is null, $"{reason}: {claim.Source}");
        else
            Assert.True(claim.Source?.Contains(source, StringComparison.OrdinalIgnoreCase) == true, $"{reason}: {claim.Source}");
    }
}
