using Muster.Claims;

namespace Muster.Tests.Claims;

public class StanceAndTaxonomyTests
{
    public static TheoryData<string, string, string, Stance> Stances => new()
    {
        { "a plain statement", "Officials sent summonses to men in Penza.", "sent summonses", Stance.Asserted },
        { "most likely", "Authorities are most likely threatening firms.", "threatening", Stance.Hedged },
        { "allegedly", "The summonses are allegedly about data.", "summonses", Stance.Hedged },
        { "a denial verb governs the trigger", "The ministry has dismissed claims that conscripts were sent to the border.", "conscripts were sent to the border", Stance.Denied },
        { "a negated trigger", "For now there is no mobilization here, we don't have mobilization.", "don't have mobilization", Stance.Denied },
        { "never", "He was never sent to the front.", "sent to the front", Stance.Denied },
    };

    [Theory]
    [MemberData(nameof(Stances))]
    public void DecidesStance(string reason, string sentence, string trigger, Stance expected)
    {
        var at = sentence.IndexOf(trigger, StringComparison.Ordinal);
        var whole = new TextSpan(0, sentence.Length);
        var stance = StanceDetector.Decide(sentence, whole, whole, new TextSpan(at, at + trigger.Length), frameDenies: false);
        Assert.True(expected == stance, $"{reason}: {stance}");
    }

    [Fact]
    public void TheShippedTaxonomyHasEveryVersion1Type()
    {
        var codes = ClaimTaxonomy.Default.Types.Select(t => t.Code).ToList();
        Assert.Equal(ClaimTaxonomy.Version1Codes.Order(), codes.Order());
        Assert.All(ClaimTaxonomy.Default.Types, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
    }

    public static TheoryData<string, string, string> Faults => new()
    {
        { "an unknown key", "[summons]\ndescription = x\ntriggers.en = a", "taxonomy.txt:3: unknown key 'triggers.en'" },
        { "an invalid pattern", "[summons]\ndescription = x\ntrigger.en = (unclosed", "taxonomy.txt:3: invalid pattern" },
        { "a type without a trigger", "[summons]\ndescription = x", "taxonomy.txt:1: type [summons] has no trigger" },
        { "a type defined twice", "[summons]\ndescription = x\ntrigger.en = a\n[summons]", "taxonomy.txt:4: type [summons] is defined twice" },
        { "missing version-1 types", "[summons]\ndescription = x\ntrigger.en = a", "lacks the type(s) forced_enlistment" },
        { "a bad code", "[Summons!]", "taxonomy.txt:1: a type code" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void ValidatesAtLoad(string reason, string content, string expected)
    {
        var e = Assert.Throws<FormatException>(() => ClaimTaxonomy.Parse(content, "taxonomy.txt"));
        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{reason}: {e.Message}");
    }
}

/// <summary>Stance where negation belongs to the claim's meaning or to another clause.</summary>
public class NegationScopeTests
{
    public static TheoryData<string, string, string, string, Stance> Rows => new()
    {
        { "a refusal is negative in itself", "Many reservists did not want to fight.", "want to fight", "refusal", Stance.Asserted },
        { "ru: a refusal with не", "Мобилизованные не хотят воевать.", "хотят воевать", "refusal", Stance.Asserted },
        { "uk: a negation in a relative clause", "Тих, хто не підписує, залякують судом.", "залякують судом", "coerced_volunteering", Stance.Asserted },
        { "en: a negation in a relative clause", "Men who did not sign, were sent to the front.", "sent to the front", "combat_deployment", Stance.Asserted },
        { "ru: a negated denial denies nothing", "Глава региона не стал опровергать данные о квоте мобилизации.", "квоте мобилизации", "recruitment_quota", Stance.Asserted },
        { "a negation right before the trigger still denies", "The men were not sent to the front.", "sent to the front", "combat_deployment", Stance.Denied },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void NegationCountsInItsOwnScope(string reason, string sentence, string trigger, string type, Stance expected)
    {
        var at = sentence.IndexOf(trigger, StringComparison.Ordinal);
        var whole = new TextSpan(0, sentence.Length);
        var stance = StanceDetector.Decide(sentence, whole, whole, new TextSpan(at, at + trigger.Length), frameDenies: false, type);
        Assert.True(expected == stance, $"{reason}: {stance}");
    }
}
