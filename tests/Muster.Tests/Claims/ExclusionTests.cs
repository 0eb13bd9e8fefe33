using System.Text;
using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Tests.Claims;

/// <summary>Sentences that characterize or describe a law in general give no claim; the same words reporting a happening do.</summary>
public class ExclusionTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    public static TheoryData<string, string, string?> Rows => new()
    {
        { "a law described as a conditional", "Under the new rules, once a summons is served, its recipient may not travel abroad.", null },
        { "a legal judgement", "The forcible conscription of civilians is a violation of international law.", null },
        { "a judgement as a crime", "Forced mobilization in occupied areas is considered a war crime.", null },
        { "a law that frames a happening stays a claim", "Under the new law, summonses were sent to 3,000 men in the region.", "summons" },
        { "a legal consequence", "Not reporting to the enlistment office can lead to fines of 30,000 rubles.", null },
        { "a legal fiction of delivery", "Once a summons is deemed served, a man may not travel abroad.", null },
        { "restrictions the law imposes", "Those with active summonses face restrictions on selling property.", null },
        { "ru: a law in general", "По закону, если повестка вручена, призывник не может выехать из страны.", null },
        { "ru: a legal judgement", "Принудительная мобилизация жителей оккупированных территорий является грубым нарушением международного права.", null },
        { "uk: a law in general", "За законом, якщо повістку вручено, чоловік не може виїхати за кордон.", null },
        { "uk: a legal judgement", "Примусова мобілізація на окупованих територіях є грубим порушенням міжнародного права.", null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void CharacterizationsGiveNoClaim(string reason, string sentence, string? type)
    {
        var claims = Pipeline.Process(new PageInput("row.txt", Encoding.UTF8.GetBytes(sentence + "\n"), null)).Document!
            .Stories.SelectMany(s => s.Claims).Select(c => c.Type).ToList();
        if (type is null)
            Assert.True(claims.Count == 0, $"{reason}: gave {string.Join(", ", claims)}");
        else
            Assert.True(claims.Contains(type), $"{reason}: gave {string.Join(", ", claims)}");
    }
}

/// <summary>Evidence and clauses when a trigger's words run over a clause break.</summary>
public class ClauseTests
{
    [Fact]
    public void ATriggerAcrossAClauseBreakKeepsItsWholeMatchInTheEvidence()
    {
        var taxonomyText = File.ReadAllText(Path.Combine(SharedFolder.RepositoryRoot, "src", "Muster", "Claims", "Data", "taxonomy.txt"));
        var lexicon = Muster.Claims.TriggerLexicon.Parse("[combat_deployment]\nfront = отправ* …6 передов*", "lexicon.ru.txt", "ru");
        var taxonomy = Muster.Claims.ClaimTaxonomy.Parse(taxonomyText, "taxonomy.txt", lexicon);
        var pipeline = new MusterPipelineBuilder().UseClaims(taxonomy, Muster.Places.PlaceResolver.Default).Build();
        var sentence = "Резервистов сначала отправили на полигон, а затем на передовую без подготовки.";
        var claim = Assert.Single(pipeline.Process(new PageInput("row.txt", Encoding.UTF8.GetBytes(sentence + "\n"), null)).Document!
            .Stories.SelectMany(s => s.Claims), c => c.Type == "combat_deployment");
        Assert.Contains("передовую", claim.Evidence);
    }
}

/// <summary>A paragraph that goes on about one happening gives one claim; a new count in it is a new happening.</summary>
public class ParagraphMergeTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    private static List<Muster.Claims.Claim> Claims(string paragraph) =>
        Pipeline.Process(new PageInput("row.txt", Encoding.UTF8.GetBytes(paragraph + "\n"), null)).Document!
            .Stories.SelectMany(s => s.Claims).ToList();

    [Fact]
    public void TheSameHappeningToldTwiceIsOneClaim()
    {
        var claims = Claims("Officials sent summonses to men in Penza. The summonses were handed out at factories.");
        Assert.Single(claims, c => c.Type == "summons");
    }

    [Fact]
    public void ANewCountInTheParagraphIsAnotherClaim()
    {
        var claims = Claims("Officials sent summonses to 300 men in Penza. A week later summonses were handed out to 40 students.");
        Assert.Equal([300, 40], claims.Where(c => c.Type == "summons").Select(c => c.Quantity?.Min ?? 0));
    }

    [Theory]
    [InlineData("Lawyers received dozens of letters describing the same thing: recruiters came to the colony and offered inmates pardons for going to the front.", "recruiters came to the colony")]
    [InlineData("Правозащитникам пришли десятки писем с описанием одной ситуации: в колонию приехали вербовщики и предложили заключённым контракт.", "в колонию приехали вербовщики")]
    public void AfterAColonTheEvidenceIsTheContentItAnnounces(string sentence, string start)
    {
        var claim = Assert.Single(Claims(sentence), c => c.Type == "coerced_volunteering");
        Assert.StartsWith(start, claim.Evidence);
    }

    [Fact]
    public void AnAnaphorAfterAColonKeepsTheClauseWhole()
    {
        var claim = Assert.Single(Claims("Recruiters went to villages of one street: there they sent 30 men to the front."), c => c.Type == "combat_deployment");
        Assert.StartsWith("Recruiters went to villages", claim.Evidence);
    }

    [Theory]
    [InlineData("en", "Officials sent summonses to men in Penza. Students were also handed summonses at the university.")]
    [InlineData("ru", "Мужчинам в Пензе разослали повестки. Повестки вручили также студентам университета.")]
    [InlineData("uk", "Чоловікам у Львові розіслали повістки. Повістки вручили також студентам університету.")]
    public void AnAdditiveWordReportsAnotherHappening(string language, string paragraph)
    {
        var claims = Claims(paragraph);
        Assert.True(claims.Count(c => c.Type == "summons") == 2, $"{language}: {string.Join(" | ", claims.Select(c => c.Type + ": " + c.Evidence))}");
    }
}

/// <summary>The limits of taxonomy.txt's patterns: the same words in other senses give no claim of the type.</summary>
public class TriggerLimitTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    public static TheoryData<string, string, string> Rows => new()
    {
        { "ru: a reflexive verb of travel is no deployment", "Школьники отправились на экскурсию на фронтовую линию обороны XIX века.", "combat_deployment" },
        { "ru: требует in the sense of needs", "Мобилизация экономики требует новых решений от мужчин во власти.", "grievance" },
        { "uk: a land registry is no military register", "Громада веде електронний реєстр земельних ділянок.", "registration" },
        { "uk: to refuse a compromise", "Сторони відмовилися йти на компроміс у переговорах.", "refusal" },
        { "ru: to refuse to go along", "Депутаты отказались идти на уступки.", "refusal" },
        { "uk: demanding money is no grievance about mobilization", "Чоловік вимагав від сина гроші за авто.", "grievance" },
        { "ru: what a demand asks to stop is no report that it happens", "Жители села вышли на площадь с требованием прекратить отправку мужчин на фронт.", "combat_deployment" },
        { "uk: what a demand asks to stop is no report that it happens", "Матері вимагають припинити відправку строковиків на фронт.", "combat_deployment" },
        { "en: the beginning of a mobilization is no announcement", "Since the beginning of the mobilization, many men have left the town.", "mobilization_wave" },
        { "en: conscripts sent to training are not in combat", "A new intake of conscripts was sent to 12 training camps.", "combat_deployment" },
        { "en: a factory's output is no quota", "The factory is expected to produce 500 drones a month.", "recruitment_quota" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void OtherSensesGiveNoClaimOfTheType(string reason, string sentence, string type)
    {
        var claims = Pipeline.Process(new PageInput("row.txt", Encoding.UTF8.GetBytes(sentence + "\n"), null)).Document!
            .Stories.SelectMany(s => s.Claims).Select(c => c.Type).ToList();
        Assert.True(!claims.Contains(type), $"{reason}: gave {string.Join(", ", claims)}");
    }
}
