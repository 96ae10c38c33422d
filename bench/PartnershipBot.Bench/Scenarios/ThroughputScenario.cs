using System.Globalization;
using System.Text;
using PartnershipBot.Bench.Bot;
using PartnershipBot.Bench.Load;

namespace PartnershipBot.Bench.Scenarios;

/// <summary>One row of the throughput table: a load run on a fresh bot process and database, then the durability check.</summary>
internal sealed record ThroughputRow(int Users, int Run, LoadResult Load, Memory Memory, double BotCpuPercent, int AnswersMissing);

/// <summary>
/// Turns per second and latency for each number of concurrent users, each configuration run several times on a
/// fresh bot process. After each run the bot is killed (SIGKILL, no shutdown code) and the database file is read:
/// every answer the load generator saw acknowledged must be in it.
/// </summary>
internal static class ThroughputScenario
{
    public static async Task<List<ThroughputRow>> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var rows = new List<ThroughputRow>();
        var runNumber = 0;
        foreach (var users in settings.Users)
        {
            for (var run = 1; run <= settings.Runs; run++)
            {
                var row = await RunOnceAsync(settings, users, run, ++runNumber, cancellationToken);
                log.WriteLine(Describe(row));
                rows.Add(row);
            }
        }

        return rows;
    }

    public static async Task<ThroughputRow> RunOnceAsync(BenchSettings settings, int users, int run, int runNumber, CancellationToken cancellationToken)
    {
        await using var bot = await BenchBot.StartAsync(settings.BotDll, cancellationToken: cancellationToken);
        var load = new LoadRun(bot.Channel, bot.Connector.ServiceUrl, runNumber, bot.Connector);
        var cpu = MeasureCpuAsync(bot, settings, cancellationToken);
        var result = await load.RunAsync(new LoadPlan(users, settings.WarmUp, settings.Measure), cancellationToken);
        var cpuPercent = await cpu;
        var memory = bot.Process.Memory();
        bot.Process.Kill();
        MemoryAndStartScenario.LogProblems(bot.Process, Console.Out);
        var stored = StoredAnswers.Read(bot.DatabasePath);
        return new ThroughputRow(users, run, result, memory, cpuPercent, stored.Missing(result.AcknowledgedTokens).Count);
    }

    /// <summary>The bot's CPU use during the measured window, in percent of one core.</summary>
    private static async Task<double> MeasureCpuAsync(BenchBot bot, BenchSettings settings, CancellationToken cancellationToken)
    {
        await Task.Delay(settings.WarmUp, cancellationToken);
        var before = bot.BotCpuTime();
        await Task.Delay(settings.Measure, cancellationToken);
        return (bot.BotCpuTime() - before).TotalSeconds / settings.Measure.TotalSeconds * 100;
    }

    public static string Describe(ThroughputRow row) => string.Create(CultureInfo.InvariantCulture,
        $"users={row.Users} run={row.Run}: {row.Load.TurnsPerSecond:F0} turns/s, p50 {row.Load.Latency.P50:F1} ms, p90 {row.Load.Latency.P90:F1}, " +
        $"p99 {row.Load.Latency.P99:F1}, max {row.Load.Latency.Max:F1}, errors {row.Load.Errors}, refused {row.Load.Refused}, " +
        $"journeys {row.Load.JourneysCompleted} (+{row.Load.JourneysFailed} failed), peak RSS {Mb(row.Memory.PeakRssBytes)} MB, " +
        $"bot CPU {row.BotCpuPercent:F0}%, answers acknowledged {row.Load.AcknowledgedTokens.Count}, missing {row.AnswersMissing}")
        + (row.Load.ErrorSamples.Count > 0 ? "\n  first error: " + row.Load.ErrorSamples[0] : "");

    public static string Table(IReadOnlyList<ThroughputRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| users | run | turns/s | p50 ms | p90 ms | p99 ms | max ms | errors | refused | journeys done | peak RSS MB | bot CPU % | answers acknowledged | missing from DB |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Users} | {r.Run} | {r.Load.TurnsPerSecond:F0} | {r.Load.Latency.P50:F1} | {r.Load.Latency.P90:F1} | {r.Load.Latency.P99:F1} | {r.Load.Latency.Max:F1} | " +
                $"{r.Load.Errors} | {r.Load.Refused} | {r.Load.JourneysCompleted} | {Mb(r.Memory.PeakRssBytes)} | {r.BotCpuPercent:F0} | {r.Load.AcknowledgedTokens.Count} | {r.AnswersMissing} |"));
        }

        return text.ToString();
    }

    public static long Mb(long bytes) => bytes / (1024 * 1024);
}
