using Muster.Html;

namespace Muster.Tests.Html;

/// <summary>The headline found in a page's <c>&lt;title&gt;</c>, each row with its reason.</summary>
public class HtmlTitleTests
{
    public static TheoryData<string, string, string[], string?, string> Rows => new()
    {
        { "the site's name after a bar is cut", "Obama admits gun laws frustrate him | BBC News", [], null, "Obama admits gun laws frustrate him" },
        { "the site's name after a hyphen is cut", "How to Build a Terrarium at Home - eHow", [], null, "How to Build a Terrarium at Home" },
        { "an en dash separates like a hyphen", "Lorem ipsum dolor sit amet – My website", [], null, "Lorem ipsum dolor sit amet" },
        { "an em dash separates like a hyphen", "Lorem ipsum dolor sit amet — My website", [], null, "Lorem ipsum dolor sit amet" },
        { "only the last separator cuts", "Apple - iPhone review - a phone worth its price - The Site", [], null, "Apple - iPhone review - a phone worth its price" },
        { "a site's name in front is dropped when the cut leaves too little", "The Site » Wars are won by logistics today", [], null, "Wars are won by logistics today" },
        { "a colon's prefix is dropped when no heading repeats the title", "Opinion: Why the ceasefire will not hold this winter", [], null, "Why the ceasefire will not hold this winter" },
        { "a heading that repeats the title keeps the colon", "Opinion: Why the ceasefire will not hold", ["Opinion: Why the ceasefire will not hold"], null, "Opinion: Why the ceasefire will not hold" },
        { "too many words before the colon: the title is kept whole", "This is a long title with a colon: and then it carries on", [], null, "This is a long title with a colon: and then it carries on" },
        { "a very short title gives way to the only h1", "Home", ["Storm floods the coastal towns"], "Storm floods the coastal towns", "Storm floods the coastal towns" },
        { "four words or fewer after a cut: the whole title is kept", "Breaking news today | The Daily Paper", [], null, "Breaking news today | The Daily Paper" },
        { "whitespace is normalized", "  Rockets   hit\nthe port city overnight  ", [], null, "Rockets hit the port city overnight" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void FindsTheHeadline(string reason, string title, string[] headings, string? onlyH1, string expected)
    {
        var found = HtmlTitle.FromTitle(title, () => headings, () => onlyH1);
        Assert.True(expected == found, $"{reason}: got \"{found}\"");
    }
}
