using System.Globalization;
using System.Text;
using PartnershipBot.Bench.Scenarios;

namespace PartnershipBot.Bench.Report;

/// <summary>Everything one full benchmark measured.</summary>
internal sealed record BenchResults(
    IReadOnlyList<ThroughputRow> Throughput,
    JourneysResult? Journeys,
    StartupResult? Startup,
    CrashReport? Crash,
    FaultReport? Faults);

/// <summary>
/// Writes the measured part of bench/RESULTS.md between two markers, keeping the hand-written analysis around it,
/// so a rerun replaces the numbers and nothing else.
/// </summary>
internal static class ResultsFile
{
    public const string Begin = "<!-- bench:begin (written by the load generator; edit outside these markers) -->";
    public const string End = "<!-- bench:end -->";

    public static void Write(string path, string command, Machine machine, string commit, BenchResults results) =>
        WriteSection(path, Begin, End, Measured(command, machine, commit, results));

    /// <summary>Replaces what is between <paramref name="begin"/> and <paramref name="end"/> (added at the end when missing).</summary>
    public static void WriteSection(string path, string begin, string end, string measured)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n\n" + begin + "\n" + end + "\n";
        var from = existing.IndexOf(begin, StringComparison.Ordinal);
        var to = existing.IndexOf(end, StringComparison.Ordinal);
        var text = from >= 0 && to > from
            ? existing[..from] + begin + "\n" + measured + end + existing[(to + end.Length)..]
            : existing.TrimEnd() + "\n\n" + begin + "\n" + measured + end + "\n";
        File.WriteAllText(path, text);
    }

    public static string Measured(string command, Machine machine, string commit, BenchResults r)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC at commit `{commit}` with:");
        text.AppendLine().AppendLine("```").AppendLine(command).AppendLine("```").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}.").AppendLine();
        if (r.Throughput.Count > 0)
        {
            text.AppendLine("### Throughput and latency (each configuration on a fresh bot process and database)").AppendLine();
            text.Append(ThroughputScenario.Table(r.Throughput)).AppendLine();
        }

        if (r.Journeys is { } journeys)
        {
            text.AppendLine("### Memory after many completed journeys (one bot process)").AppendLine();
            text.AppendLine("| journeys completed | users | turns | seconds | turns/s | p99 ms | errors | RSS at end MB | peak RSS MB | database MB | answers acknowledged | missing from DB |");
            text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            text.AppendLine(MemoryAndStartScenario.Describe(journeys)).AppendLine();
        }

        if (r.Startup is { } startup)
        {
            text.AppendLine("### Start-up (fresh database; `dotnet PartnershipBot.dll` started → answer to the opening message received)").AppendLine();
            text.Append(MemoryAndStartScenario.Table(startup)).AppendLine();
        }

        if (r.Crash is { } crash)
        {
            text.AppendLine("### Crash safety (SIGKILL at a random moment, restart on the same database file)").AppendLine();
            text.AppendLine("```").AppendLine(CrashDrill.Describe(crash)).AppendLine("```").AppendLine();
        }

        if (r.Faults is { } faults)
        {
            text.AppendLine("### Connector faults").AppendLine();
            text.AppendLine("```").AppendLine(FaultScenario.Describe(faults)).AppendLine("```").AppendLine();
        }

        text.AppendLine("### Targets").AppendLine();
        foreach (var line in Targets(r))
        {
            text.AppendLine("- " + line);
        }

        return text.AppendLine().ToString();
    }

    /// <summary>Each target of issue 10 with the measured value and whether it is met.</summary>
    public static IEnumerable<string> Targets(BenchResults r)
    {
        static string Mark(bool met) => met ? "**met**" : "**missed**";
        var at50 = r.Throughput.Where(t => t.Users == 50).ToList();
        if (at50.Count > 0)
        {
            var slowest = at50.Min(t => t.Load.TurnsPerSecond);
            var worstP99 = at50.Max(t => t.Load.Latency.P99);
            var missing = at50.Sum(t => t.AnswersMissing);
            yield return Invariant($"50 users, ≥ 2,000 turns/s with every answer stored: lowest run {slowest:F0} turns/s, {missing} acknowledged answers missing — {Mark(slowest >= 2000 && missing == 0)}");
            yield return Invariant($"50 users, p99 < 25 ms: worst run {worstP99:F1} ms — {Mark(worstP99 < 25)}");
        }

        var at200 = r.Throughput.Where(t => t.Users == 200).ToList();
        if (at200.Count > 0)
        {
            var worstP99 = at200.Max(t => t.Load.Latency.P99);
            var errors = at200.Sum(t => t.Load.Errors + t.Load.JourneysFailed);
            yield return Invariant($"200 users, p99 < 100 ms and no errors: worst run {worstP99:F1} ms, {errors} errors — {Mark(worstP99 < 100 && errors == 0)}");
        }

        if (r.Journeys is { } j)
        {
            var peak = ThroughputScenario.Mb(j.Memory.PeakRssBytes);
            yield return Invariant($"peak RSS < 200 MB after {j.Load.JourneysCompleted:N0} completed journeys: {peak} MB — {Mark(peak < 200 && j.Load.JourneysCompleted >= 10_000)}");
        }

        if (r.Startup is { Starts.Count: > 0 } s)
        {
            var slowest = s.Starts.Max(x => x.FirstTurn);
            yield return Invariant($"start-up to first answered turn < 2 s: slowest of {s.Starts.Count} starts {slowest.TotalMilliseconds:F0} ms — {Mark(slowest < TimeSpan.FromSeconds(2))}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
