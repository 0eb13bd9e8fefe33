using Muster.Attribution;
using Muster.Claims;

namespace Muster.Tests.Attribution;

/// <summary>Short references resolve to the party named before: each row the names in story order, the last one resolved.</summary>
public class PartyRegistryTests
{
    public static TheoryData<string, string[], string> Rows => new()
    {
        { "an inflected surname names the person in full", ["Леся Федорова", "Федоровой"], "Леся Федорова" },
        { "a generic institution word names the institution before", ["Одеський обласний ТЦК", "відомство"], "Одеський обласний ТЦК" },
        { "a one-word English reference", ["Ministry of Defense", "ministry"], "Ministry of Defense" },
        { "a generic word does not stand for a common noun named before", ["summonses", "group"], "group" },
        { "a common noun stands for the named party that holds it, not for a phrase around it", ["издание Military", "журналистов издания", "издание"], "издание Military" },
        { "a bare plural document names nobody in particular", ["Ministry of Defense", "Estimates"], "Estimates" },
        { "a statement names its author", ["Міноборони", "повідомленні"], "Міноборони" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Resolves(string reason, string[] names, string expected)
    {
        var registry = new PartyRegistry();
        var resolved = "";
        foreach (var name in names)
            resolved = registry.Resolve(new Party(name, new TextSpan(0, name.Length)));
        Assert.True(expected == resolved, $"{reason}: {resolved}");
    }

    [Fact]
    public void APronounIsThePartyNamedLast()
    {
        var registry = new PartyRegistry();
        registry.Resolve(new Party("мер Іван Петренко", new TextSpan(0, 1)));
        Assert.Equal("мер Іван Петренко", registry.Resolve(new Party("він", new TextSpan(0, 1)) { Pronoun = true }));
    }
}
