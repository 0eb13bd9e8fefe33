using Muster.Watching;

namespace Muster.Tests.Watching;

/// <summary>The sources file's checks and robots.txt's rules, row by row.</summary>
public sealed class WatchRulesTests
{
    [Theory]
    [InlineData("sources:\n  - url: http://a.example/\n", "contact is required", "no contact: the User-Agent would name nobody")]
    [InlineData("contact: x@y.z\nsource:\n  - url: http://a.example/\n", "line 2: 'source' is not a setting of the file", "a misspelt key is named, not ignored")]
    [InlineData("contact: x@y.z\nsources:\n  - url: http://a.example/\n    evry: 1h\n", "line 4: 'evry' is not a setting of a source", "a misspelt source key")]
    [InlineData("contact: x@y.z\nsources:\n  - url: http://a.example/\n    every: 15 minutes\n", "line 4: every '15 minutes' is not a duration", "durations are 30s, 15m, 1h")]
    [InlineData("contact: x@y.z\nsources:\n  - url: ftp://a.example/\n", "line 3: url 'ftp://a.example/' is not an http or https address", "only http and https")]
    [InlineData("contact: x@y.z\nsources:\n  - url: http://a.example/\n  - url: http://a.example/\n", "is listed twice (first on line 3)", "a source twice")]
    [InlineData("contact: x@y.z\nallow_private_addresses: maybe\nsources:\n  - url: http://a.example/\n", "allow_private_addresses must be true or false", "a switch is true or false")]
    [InlineData("contact: [x\n", "not valid YAML", "broken YAML")]
    public void ABadSourcesFileIsNamedWithItsLineAndReason(string text, string expected, string why)
    {
        var error = Assert.Throws<WatchSourcesException>(() => WatchSourcesReader.Parse(text, "s.yaml"));
        Assert.True(error.Message.StartsWith("s.yaml: ", StringComparison.Ordinal) && error.Message.Contains(expected, StringComparison.Ordinal), $"{why}: {error.Message}");
    }

    [Fact]
    public void AGoodSourcesFileGivesItsSettings()
    {
        var sources = WatchSourcesReader.Parse("contact: x@y.z\ndelay: 1h30m\nsources:\n  - url: http://a.example/feed\n    every: 30s\n    fetch_articles: true\n    outlet: A\n  - url: http://b.example/\n", "s.yaml");
        Assert.Equal(TimeSpan.FromMinutes(90), sources.Delay);
        Assert.Equal(new WatchSource(new Uri("http://a.example/feed"), TimeSpan.FromSeconds(30), true, "A"), sources.Sources[0]);
        Assert.Equal(WatchSourcesReader.DefaultEvery, sources.Sources[1].Every);
    }

    [Theory]
    [InlineData("User-agent: *\nDisallow: /private/", "/private/a", false, "a disallowed prefix")]
    [InlineData("User-agent: *\nDisallow: /private/", "/public/a", true, "elsewhere is allowed")]
    [InlineData("User-agent: *\nDisallow: /\nUser-agent: Muster\nDisallow: /x", "/a", true, "Muster's own group wins over *")]
    [InlineData("User-agent: Other\nUser-agent: muster\nDisallow: /a", "/a/b", false, "a group of several agents, matched ignoring case")]
    [InlineData("User-agent: *\nDisallow: /a\nAllow: /a/b", "/a/b/c", true, "the longest match wins")]
    [InlineData("User-agent: *\nDisallow: /*.pdf$", "/x/y.pdf", false, "* and $")]
    [InlineData("User-agent: *\nDisallow: /*.pdf$", "/x/y.pdf?z", true, "$ anchors the end")]
    [InlineData("User-agent: *\nDisallow:", "/a", true, "an empty Disallow allows all")]
    [InlineData("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*b", "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", true, "many stars stay quick")]
    public void RobotsRulesDecideAsRfc9309Says(string robots, string path, bool allowed, string why)
    {
        Assert.True(RobotsRules.Parse(robots, "Muster").Allows(new Uri(new Uri("http://a.example/"), path)) == allowed, why);
    }
}
