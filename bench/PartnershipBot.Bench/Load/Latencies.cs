using System.Diagnostics;

namespace PartnershipBot.Bench.Load;

/// <summary>Turn latencies of a run, in milliseconds: percentiles by the nearest-rank method.</summary>
internal sealed record Latencies(double P50, double P90, double P99, double Max, double Mean)
{
    public static Latencies From(IReadOnlyCollection<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return new Latencies(0, 0, 0, 0, 0);
        }

        var sorted = ticks.Order().ToArray();
        return new Latencies(Ms(Rank(sorted, 0.50)), Ms(Rank(sorted, 0.90)), Ms(Rank(sorted, 0.99)), Ms(sorted[^1]), Ms((long)sorted.Average()));
    }

    /// <summary>The smallest value with at least <paramref name="fraction"/> of all values at or below it.</summary>
    public static long Rank(long[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
