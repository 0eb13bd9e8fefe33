using Muster.Attribution;

namespace Muster.Tests.Attribution;

/// <summary>Who says it: each row a sentence, the parties innermost first, and the content that remains.</summary>
public class AttributionFinderTests
{
    public static TheoryData<string, string, string[], string> Rows => new()
    {
        { "a trailing reporter", "Men were sent to the front without training, the ministry said.", ["ministry"], "Men were sent to the front without training" },
        { "a subject with an appositive and a statement phrase", "Jane Roe, head of the regional council, in a May 20 statement said that recruits refuse to fight.", ["Jane Roe"], "recruits refuse to fight" },
        { "nested: a claimant inside a reporter", "The local administration in Tokmak claimed that 300 men were mobilized, the partisans reported on March 3.", ["local administration in Tokmak", "partisans"], "300 men were mobilized" },
        { "an inverted trailing verb", "Lists of employees were compiled, said Petro Kovalenko, the deputy mayor, in a statement.", ["Petro Kovalenko"], "Lists of employees were compiled" },
        { "according to, leading", "According to the governor, 40 men deserted.", ["governor"], "40 men deserted" },
        { "according to, trailing, outside a denial", "The Kremlin has denied plans for a new wave of mobilization, according to the Example Gazette.", ["Kremlin", "Example Gazette"], "plans for a new wave of mobilization" },
        { "a quote, then the speaker and a relay", "“We have no mobilization,” an official in Kursk, as quoted by the Example Post, insisted.", ["an official in Kursk", "Example Post"], "We have no mobilization" },
        { "a quote, then the speaker with a relative clause", "“Conscripts took up the fight,” Ivan Petrov, who heads the local branch, wrote in a letter to the minister.", ["Ivan Petrov"], "Conscripts took up the fight" },
        { "told someone that", "A former detainee told the Example Post that recruiters visited the camp.", ["A former detainee"], "recruiters visited the camp" },
        { "a quote answered by a speaker who told the hearer", "\"Those who refuse will be deported,\" one of the detained men, a citizen of Tajikistan, told the group.", ["one of the detained men"], "Those who refuse will be deported" },
        { "'reports' as a noun is no verb", "A number of media reports said conscripts were captured.", ["A number of media reports"], "conscripts were captured" },
        { "an introductory phrase before the subject", "In a video appeal, wives of the soldiers said the men were beaten.", ["wives of the soldiers"], "the men were beaten" },
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
    public void ADenialVerbMarksTheFrame()
    {
        const string sentence = "The Kremlin has dismissed reports about conscripts being deployed.";
        var frame = AttributionFinder.Find(sentence, new TextSpan(0, sentence.Length));
        Assert.True(frame.Denial);
        Assert.Equal("Kremlin", frame.Parties[0].Name);
    }
}
