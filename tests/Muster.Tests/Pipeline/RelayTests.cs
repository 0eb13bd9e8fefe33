using Muster.Claims;
using Muster.Pipeline;

namespace Muster.Tests.Pipeline;

/// <summary>How a forwarded record's relays enter its claims' chains.</summary>
public sealed class RelayTests
{
    private static Claim Claim(string? source, params string[] via) => new()
    {
        Type = "summons", Stance = Stance.Asserted, Evidence = "e", Span = new TextSpan(0, 1), Source = source, Via = via,
    };

    [Fact]
    public void AnUnattributedClaimBelongsToTheOriginalChannelRelayedByTheOutlet()
    {
        var relayed = MusterPipeline.Relayed(Claim("Outlet"), ["Original"], "Outlet");
        Assert.Equal("Original", relayed.Source);
        Assert.Equal(["Outlet"], relayed.Via);
    }

    [Fact]
    public void AnAttributedClaimKeepsItsSourceAndGainsTheRelayBeforeTheOutlet()
    {
        var relayed = MusterPipeline.Relayed(Claim("Rights group", "Outlet"), ["Original"], "Outlet");
        Assert.Equal("Rights group", relayed.Source);
        Assert.Equal(["Original", "Outlet"], relayed.Via);
    }

    [Fact]
    public void ARelayAlreadyInTheChainIsNotRepeated()
    {
        var relayed = MusterPipeline.Relayed(Claim("Rights group", "Original", "Outlet"), ["Original"], "Outlet");
        Assert.Equal(["Original", "Outlet"], relayed.Via);
    }
}
