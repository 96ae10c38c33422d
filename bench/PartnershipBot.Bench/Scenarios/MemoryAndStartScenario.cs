using System.Diagnostics;
using System.Globalization;
using System.Text;
using PartnershipBot.Bench.Bot;
using PartnershipBot.Bench.Load;
using PartnershipBot.Bench.Play;

namespace PartnershipBot.Bench.Scenarios;

/// <summary>Peak memory after many completed journeys on one bot process.</summary>
internal sealed record JourneysResult(int Users, LoadResult Load, Memory Memory, int AnswersMissing, long DatabaseBytes);

/// <summary>Start-up to the first answered turn, for several cold starts.</summary>
internal sealed record StartupResult(IReadOnlyList<(TimeSpan Healthy, TimeSpan FirstTurn, Memory Memory)> Starts);

/// <summary>The memory run (10,000 journeys) and the start-up measurement.</summary>
internal static class MemoryAndStartScenario
{
    private const int JourneyUsers = 50;
    private const int Starts = 5;

    public static async Task<JourneysResult> JourneysAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        await using var bot = await BenchBot.StartAsync(settings.BotDll, cancellationToken: cancellationToken);
        var load = new LoadRun(bot.Channel, bot.Connector.ServiceUrl, 900, bot.Connector);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = SampleAsync(bot.Process, load, log, sampling.Token);
        var result = await load.RunAsync(new LoadPlan(JourneyUsers, TimeSpan.Zero, TimeSpan.Zero, settings.Journeys), cancellationToken);
        await sampling.CancelAsync();
        await sampler;
        var memory = bot.Process.Memory();
        bot.Process.Kill();
        LogProblems(bot.Process, log);
        var stored = StoredAnswers.Read(bot.DatabasePath);
        var size = new FileInfo(bot.DatabasePath).Length;
        var row = new JourneysResult(JourneyUsers, result, memory, stored.Missing(result.AcknowledgedTokens).Count, size);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.JourneysCompleted} journeys ({result.Turns} turns, {result.TurnsPerSecond:F0} turns/s): RSS {ThroughputScenario.Mb(memory.RssBytes)} MB, " +
            $"peak {ThroughputScenario.Mb(memory.PeakRssBytes)} MB, errors {result.Errors}, missing answers {row.AnswersMissing}, database {size / 1024 / 1024} MB"));
        foreach (var sample in result.ErrorSamples.Take(3))
        {
            log.WriteLine("  error: " + sample);
        }

        return row;
    }

    /// <summary>Shows memory as journeys accumulate, so growth (a leak) can be told from a plateau.</summary>
    private static async Task SampleAsync(BotProcess process, LoadRun load, TextWriter log, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
                var memory = process.Memory();
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {load.JourneysStarted} journeys started: RSS {ThroughputScenario.Mb(memory.RssBytes)} MB, peak {ThroughputScenario.Mb(memory.PeakRssBytes)} MB"));
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>Prints the first warnings and errors the bot logged, with a few lines of their detail.</summary>
    public static void LogProblems(BotProcess process, TextWriter log)
    {
        var output = process.Output.ToList();
        var shown = 0;
        for (var i = 0; i < output.Count && shown < 3; i++)
        {
            if (output[i].StartsWith("fail:", StringComparison.Ordinal) || output[i].StartsWith("crit:", StringComparison.Ordinal) || output[i].StartsWith("warn:", StringComparison.Ordinal))
            {
                shown++;
                log.WriteLine("  bot: " + string.Join("\n       ", output.Skip(i).Take(8)));
            }
        }
    }

    public static async Task<StartupResult> StartupAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var starts = new List<(TimeSpan, TimeSpan, Memory)>();
        for (var i = 0; i < Starts; i++)
        {
            await using var bot = await BenchBot.StartAsync(settings.BotDll, cancellationToken: cancellationToken);
            var user = new TeamsActivities(bot.Connector.ServiceUrl, $"start{i}");
            var reply = await bot.Channel.SayAsync(user, user.Message(Journey.OpeningText), cancellationToken);
            var firstTurn = Stopwatch.GetElapsedTime(bot.Process.StartedAt);
            if (!reply.Succeeded)
            {
                throw new InvalidOperationException("The first turn failed: " + reply.Error);
            }

            var memory = bot.Process.Memory();
            starts.Add((bot.StartToHealthy, firstTurn, memory));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"start {i + 1}: healthy after {bot.StartToHealthy.TotalMilliseconds:F0} ms, first turn answered after {firstTurn.TotalMilliseconds:F0} ms, RSS {ThroughputScenario.Mb(memory.RssBytes)} MB"));
        }

        return new StartupResult(starts);
    }

    public static string Describe(JourneysResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Load.JourneysCompleted} | {r.Users} | {r.Load.Turns} | {r.Load.Seconds:F0} | {r.Load.TurnsPerSecond:F0} | {r.Load.Latency.P99:F1} | {r.Load.Errors} | " +
        $"{ThroughputScenario.Mb(r.Memory.RssBytes)} | {ThroughputScenario.Mb(r.Memory.PeakRssBytes)} | {r.DatabaseBytes / 1024 / 1024} | {r.Load.AcknowledgedTokens.Count} | {r.AnswersMissing} |");

    public static string Table(StartupResult r)
    {
        var text = new StringBuilder("| start | process start → /healthz OK | process start → first turn answered | RSS then |\n|---:|---:|---:|---:|\n");
        for (var i = 0; i < r.Starts.Count; i++)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {i + 1} | {r.Starts[i].Healthy.TotalMilliseconds:F0} ms | {r.Starts[i].FirstTurn.TotalMilliseconds:F0} ms | {ThroughputScenario.Mb(r.Starts[i].Memory.RssBytes)} MB |"));
        }

        return text.ToString();
    }
}
