using System.Diagnostics;

namespace Muster.Benchmarks;

/// <summary>Whole passes over in-memory work, timed together and one by one.</summary>
/// <param name="Passes">How many passes ran.</param>
/// <param name="Seconds">Their total time.</param>
/// <param name="FastestSeconds">The fastest pass: the figure least disturbed by other work on a shared machine.</param>
internal readonly record struct TimedPasses(int Passes, double Seconds, double FastestSeconds)
{
    /// <summary>Collects garbage, then runs <paramref name="pass"/> until at least <paramref name="minSeconds"/> have passed.</summary>
    public static TimedPasses Run(Action pass, double minSeconds)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var passes = 0;
        var fastest = double.MaxValue;
        var clock = Stopwatch.StartNew();
        do
        {
            var start = Stopwatch.GetTimestamp();
            pass();
            passes++;
            fastest = Math.Min(fastest, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        while (clock.Elapsed.TotalSeconds < minSeconds);
        return new TimedPasses(passes, clock.Elapsed.TotalSeconds, fastest);
    }
}
