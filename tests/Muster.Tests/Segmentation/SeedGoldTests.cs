using System.Text.Json;
using System.Text.RegularExpressions;
using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Tests.Segmentation;

/// <summary>Segmentation against the hand annotation of the seed pages (<c>../shared/gold/seeds.json</c>).</summary>
public class SeedGoldTests
{
    private static readonly MusterPipeline Pipeline = new MusterPipelineBuilder().Build();

    private static (JsonElement Gold, PageDocument Page)[] Documents()
    {
        using var gold = SharedFolder.Gold();
        var seeds = SharedFolder.Require("seeds");
        return gold.RootElement.GetProperty("documents").EnumerateArray().Select(d =>
        {
            var file = Path.Combine(seeds, d.GetProperty("file").GetString()!);
            var outcome = Pipeline.Process(new PageInput(file, File.ReadAllBytes(file), null));
            Assert.True(outcome.Success, outcome.Error);
            return (d.Clone(), outcome.Document!);
        }).ToArray();
    }

    private static Story? Match(PageDocument page, JsonElement goldStory)
    {
        var first = goldStory.GetProperty("first").GetString();
        var last = goldStory.GetProperty("last").GetString();
        var title = goldStory.GetProperty("title").GetString();
        if (first is null || last is null)
            return page.Stories.FirstOrDefault(s => s.Title == title);
        return page.Stories.FirstOrDefault(s => s.Text.Contains(first, StringComparison.Ordinal) && s.Text.Contains(last, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryGoldStoryIsFoundWithItsRoleTitleAndRelevance()
    {
        var problems = new List<string>();
        foreach (var (gold, page) in Documents())
        {
            foreach (var goldStory in gold.GetProperty("stories").EnumerateArray())
            {
                var label = $"{gold.GetProperty("file").GetString()}: {goldStory.GetProperty("role").GetString()} '{goldStory.GetProperty("first").GetString() ?? goldStory.GetProperty("title").GetString()}'";
                var found = Match(page, goldStory);
                if (found is null)
                {
                    problems.Add(label + " not found");
                    continue;
                }
                if (found.Role.ToString().ToLowerInvariant() != goldStory.GetProperty("role").GetString())
                    problems.Add($"{label}: role {found.Role}");
                if (found.Relevant != goldStory.GetProperty("relevant").GetBoolean())
                    problems.Add($"{label}: relevant {found.Relevant}");
                if (found.Title != goldStory.GetProperty("title").GetString())
                    problems.Add($"{label}: title '{found.Title}'");
                if (goldStory.TryGetProperty("published", out var published) && found.Published?.ToString() != published.GetString())
                    problems.Add($"{label}: published {found.Published}");
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void RelevanceIsRightForEveryFoundStory()
    {
        // Every story found that matches a gold story must carry the gold relevance; stories Muster finds beyond
        // the gold ones are furniture the gold does not list and must not be marked relevant.
        foreach (var (gold, page) in Documents())
        {
            var matched = gold.GetProperty("stories").EnumerateArray().Select(g => Match(page, g)).Where(s => s is not null).ToHashSet();
            foreach (var extra in page.Stories.Where(s => !matched.Contains(s)))
                Assert.False(extra.Relevant, $"{page.Source}: an unlisted story is marked relevant: {extra.Text[..Math.Min(80, extra.Text.Length)]}");
        }
    }

    [Fact]
    public void ArticleBodiesMatchTheGoldWithF1AtLeast097AndHoldNoBoilerplate()
    {
        var scores = new List<double>();
        foreach (var (gold, page) in Documents())
        {
            var goldArticle = gold.GetProperty("stories").EnumerateArray().First(s => s.GetProperty("role").GetString() == "article");
            var first = goldArticle.GetProperty("first").GetString()!;
            var last = goldArticle.GetProperty("last").GetString()!;
            var start = page.Text.IndexOf(first, StringComparison.Ordinal);
            var end = page.Text.IndexOf(last, start, StringComparison.Ordinal) + last.Length;
            var article = page.Stories.Single(s => s.Role == StoryRole.Article);
            scores.Add(BagOfWordsF1(page.Text[start..end], article.Text));
            foreach (var boilerplate in gold.GetProperty("boilerplate").EnumerateArray().Select(b => b.GetString()!))
                Assert.False(article.Text.Contains(boilerplate, StringComparison.Ordinal), $"{page.Source}: boilerplate '{boilerplate}' in the article body");
        }
        Assert.True(scores.Average() >= 0.97, $"article body F1 {scores.Average():F4} ({string.Join(", ", scores.Select(s => s.ToString("F3")))})");
        Assert.All(scores, s => Assert.True(s >= 0.95, $"one page's article body F1 is {s:F3}"));
    }

    [Fact]
    public void TheOutletIsRightForEverySeed()
    {
        foreach (var (gold, page) in Documents())
            Assert.Equal(gold.GetProperty("outlet").GetString(), page.Outlet);
    }

    [Fact]
    public void OffsetsPointIntoTheDecodedText()
    {
        foreach (var (_, page) in Documents())
        {
            foreach (var story in page.Stories)
            {
                Assert.InRange(story.Start, 0, story.End);
                Assert.InRange(story.End, story.Start, page.Text.Length);
                if (story.Title is not null)
                    Assert.Equal(story.Title, page.Text[story.TitleSpan!.Value.Start..story.TitleSpan.Value.End]);
                foreach (var paragraph in story.Paragraphs)
                    Assert.Contains(page.Text[paragraph.Start..paragraph.End], story.Text);
            }
        }
    }

    internal static double BagOfWordsF1(string expected, string predicted)
    {
        static Dictionary<string, int> Bag(string text) => Regex.Matches(text.ToLowerInvariant(), @"\w+")
            .GroupBy(m => m.Value).ToDictionary(g => g.Key, g => g.Count());
        var truth = Bag(expected);
        var guess = Bag(predicted);
        var overlap = truth.Sum(t => Math.Min(t.Value, guess.GetValueOrDefault(t.Key)));
        if (overlap == 0)
            return 0;
        var precision = (double)overlap / guess.Values.Sum();
        var recall = (double)overlap / truth.Values.Sum();
        return 2 * precision * recall / (precision + recall);
    }
}
