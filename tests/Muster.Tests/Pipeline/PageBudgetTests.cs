using System.Text;
using Muster.Pipeline;
using Muster.Reading;

namespace Muster.Tests.Pipeline;

/// <summary>
/// A page that runs past its time budget is given up, named with the reason and the stage, and the batch goes on;
/// the clock is a fake one that moves a fixed step each time it is read, so "time" here is work done.
/// </summary>
public class PageBudgetTests
{
    // Moves one second each time a stage looks at it.
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public long Reads { get; private set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp()
        {
            Reads++;
            return _ticks += TimeSpan.TicksPerSecond;
        }
    }

    // The budget applies once the process has read one page (the first also pays for building the patterns).
    static PageBudgetTests() =>
        new MusterPipelineBuilder().UseClaims().Build().Process(new PageInput("warm.txt", Encoding.UTF8.GetBytes("Recruiters handed out summonses in Lviv."), null));

    private static string Page(int sentences) =>
        string.Join(" ", Enumerable.Range(1, sentences).Select(i => $"Recruiters handed out {i} summonses in Lviv, the governor said."));

    [Fact]
    public void APageThatRunsPastItsBudgetIsGivenUpWithTheStageNamed()
    {
        var clock = new SteppingClock();
        var pipeline = new MusterPipelineBuilder().UseTimeProvider(clock).UsePageBudget(TimeSpan.FromSeconds(20)).UseClaims().Build();

        var outcome = pipeline.Process(new PageInput("long.txt", Encoding.UTF8.GetBytes(Page(200)), null));

        Assert.Null(outcome.Document);
        Assert.Equal("long.txt", outcome.Source);
        Assert.StartsWith("analysis ran past the page's time budget of 20 s (in ", outcome.Error);
        Assert.EndsWith("); nothing stored", outcome.Error);
        // Given up when the budget ran out, not at the end: 200 sentences would read the clock over 400 times.
        Assert.InRange(clock.Reads, 20, 30);
    }

    [Fact]
    public void APageWithinItsBudgetIsReadWhole()
    {
        var pipeline = new MusterPipelineBuilder().UseTimeProvider(new SteppingClock()).UsePageBudget(TimeSpan.FromHours(1)).UseClaims().Build();

        var outcome = pipeline.Process(new PageInput("long.txt", Encoding.UTF8.GetBytes(Page(200)), null));

        Assert.Null(outcome.Error);
        Assert.Equal(200, outcome.Document!.Stories.Sum(s => s.Claims.Count));
    }

    [Fact]
    public void TheNextPageGetsAFreshBudget()
    {
        var pipeline = new MusterPipelineBuilder().UseTimeProvider(new SteppingClock()).UsePageBudget(TimeSpan.FromSeconds(20)).UseClaims().Build();

        var first = pipeline.Process(new PageInput("long.txt", Encoding.UTF8.GetBytes(Page(200)), null));
        var second = pipeline.Process(new PageInput("short.txt", Encoding.UTF8.GetBytes(Page(2)), null));

        Assert.NotNull(first.Error);
        Assert.Null(second.Error);
        Assert.Equal(2, second.Document!.Stories.Sum(s => s.Claims.Count));
    }

    [Fact]
    public void AStageUsedOnItsOwnHasNoBudget() =>
        // Outside the pipeline there is no page clock: the check passes.
        Assert.Null(Record.Exception(() => PageBudget.Check("claims")));

    [Fact]
    public void ABudgetMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MusterPipelineBuilder().UsePageBudget(TimeSpan.Zero));
}
