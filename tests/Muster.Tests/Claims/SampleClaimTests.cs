using Muster.Claims;
using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Tests.Claims;

/// <summary>Patterns the seeds do not show, on the team's own sample pages.</summary>
public class SampleClaimTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().UseClaims().Build();

    private static List<Claim> Claims(string name)
    {
        var path = Path.Combine(SharedFolder.Samples, name);
        return Pipeline.Process(new PageInput(path, File.ReadAllBytes(path), null)).Document!.Stories.SelectMany(s => s.Claims).ToList();
    }

    [Fact]
    public void SummonsesServedAtMetroStationsArePlacedInMoscowAndAttributed()
    {
        var summons = Assert.Single(Claims("metro-raids.txt"), c => c.Type == "summons");
        Assert.Contains(summons.Places, p => p.Code == "RU-MOW");
        Assert.Contains("Kama Herald", string.Join(" ", summons.Via.Append(summons.Source ?? "")));
        Assert.Equal(Stance.Asserted, summons.Stance);
    }

    [Fact]
    public void RaidsOnMigrantsCountTheDetainedAndTheDenialIsKept()
    {
        var claims = Claims("metro-raids.txt");
        var raid = Assert.Single(claims, c => c.Type == "forced_enlistment");
        Assert.Equal(new Quantity(200, 200, true, "people"), raid.Quantity);
        Assert.Contains("Migrant Assistance", raid.Source);
        Assert.Contains(claims, c => c.Type == "coerced_volunteering" && c.Stance == Stance.Denied && c.Source!.Contains("administration"));
        Assert.Contains(claims, c => c.Type == "coerced_volunteering" && c.Evidence.Contains("deported"));
    }

    [Fact]
    public void RefusersHeldInABasementAndDistrictQuotas()
    {
        var claims = Claims("basement-refusers.txt");
        var refusal = Assert.Single(claims, c => c.Type == "refusal");
        Assert.Equal(new Quantity(40, null, false, "people"), refusal.Quantity);
        Assert.Equal(["UA-09"], refusal.Places.Select(p => p.Code));
        var quota = Assert.Single(claims, c => c.Type == "recruitment_quota");
        Assert.Equal(50, quota.Quantity?.Min);
        Assert.Contains(quota.Places, p => p.Code == "RU-IRK");
        Assert.Contains(claims, c => c.Type == "coerced_volunteering" && c.Evidence.Contains("unless they signed new contracts"));
    }

    [Fact]
    public void ContractsOfferedToDetaineesAndATargetWithAMonthDate()
    {
        var claims = Claims("membership-prompt.txt");
        Assert.Contains(claims, c => c.Type == "coerced_volunteering" && c.Places.Any(p => p.Code == "RU-BA") && c.Date?.ToString() == "--03-11");
        var quota = Assert.Single(claims, c => c.Type == "recruitment_quota");
        Assert.Equal("2024-04", quota.Date?.ToString());
        Assert.Equal(150, quota.Quantity?.Min);
    }

    [Fact]
    public void ABudgetSentenceGivesNoClaimAndAHedgedPlanIsHedged()
    {
        var claims = Claims("single-newline-paragraphs.txt");
        Assert.DoesNotContain(claims, c => c.Evidence.Contains("budget"));
        Assert.Contains(claims, c => c.Type == "mobilization_wave" && c.Stance == Stance.Hedged && c.Source == "Ivan Hrytsenko");
        Assert.Contains(claims, c => c.Type == "mobilization_wave" && c.Stance == Stance.Denied);
        Assert.Contains(claims, c => c.Type == "registration" && c.Places.Any(p => p.Code == "UA-23"));
    }
}
