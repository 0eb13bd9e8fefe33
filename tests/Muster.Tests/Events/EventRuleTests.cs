using Muster.Events;

namespace Muster.Tests.Events;

/// <summary>How two claims of one cluster are judged the same happening.</summary>
public class EventRuleTests
{
    private static EventClaim Claim(long id, string evidence, params string[] places) =>
        new(id, "summons", evidence, places, null, null, "C-1", null);

    [Fact]
    public void AReprintedClaimInTheClusterIsTheSameEvent()
    {
        var a = Claim(1, "authorities handed out summonses to at least 150 men in Tokmak");
        var b = Claim(2, "authorities handed out summonses to at least 150 men in Tokmak this week");
        Assert.Equal(1, EventRules.Match(a, b));
    }

    [Fact]
    public void TheStoryTellingMoreOfTheSameTownIsTheSameEvent()
    {
        var a = Claim(1, "authorities handed out summonses to at least 150 men", "UA-23", "loc:Tokmak");
        var b = Claim(2, "the summonses order the men to report to a temporary enlistment point", "UA-23", "loc:Tokmak");
        Assert.True(EventRules.Match(a, b) >= 0.6);
    }

    [Fact]
    public void OtherClaimsOfTheClusterInOtherPlacesAreOtherEvents()
    {
        var a = Claim(1, "authorities handed out summonses to at least 150 men", "UA-23", "loc:Tokmak");
        var b = Claim(2, "students were called to training at the university", "RU-SAM", "loc:Samara");
        Assert.Equal(0, EventRules.Match(a, b));
    }
}
