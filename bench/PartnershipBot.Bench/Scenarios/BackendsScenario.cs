using System.Globalization;
using System.Text;
using PartnershipBot.Bench.Load;

namespace PartnershipBot.Bench.Scenarios;

/// <summary>
/// The same journeys on each deployment (by default LiteDB, PostgreSQL with one instance, PostgreSQL with three
/// instances behind round-robin), back to back for each run so they share the machine's conditions; every answer
/// committed before it is acknowledged, and after each run every instance is killed (SIGKILL) and the database
/// searched for every acknowledged answer.
/// </summary>
internal static class BackendsScenario
{
    public const string Begin = "<!-- bench:backends:begin (written by the load generator; edit outside these markers) -->";
    public const string End = "<!-- bench:backends:end -->";

    public static async Task<List<ThroughputRow>> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var rows = new List<ThroughputRow>();
        var runNumber = 0;
        foreach (var users in settings.Users)
        {
            for (var run = 1; run <= settings.Runs; run++)
            {
                foreach (var deployment in settings.Deployments)
                {
                    var row = await ThroughputScenario.RunOnceAsync(settings, users, run, ++runNumber, cancellationToken, deployment);
                    log.WriteLine(ThroughputScenario.Describe(row));
                    rows.Add(row);
                }
            }
        }

        return rows;
    }

    public static string Table(IReadOnlyList<ThroughputRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| backend | instances | users | run | turns/s | p50 ms | p99 ms | max ms | errors | journeys done (failed) | bot CPU % per instance | bot CPU ms/turn (all instances) | PostgreSQL CPU % (ms/turn) | load gen. / others CPU % | answers acknowledged | missing after SIGKILL |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            var tps = r.Load.TurnsPerSecond;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Deployment.Backend} | {r.Deployment.Instances} | {r.Users} | {r.Run} | {tps:F0} | {r.Load.Latency.P50:F1} | {r.Load.Latency.P99:F1} | {r.Load.Latency.Max:F1} | " +
                $"{r.Load.Errors} | {r.Load.JourneysCompleted} ({r.Load.JourneysFailed}) | {string.Join(" / ", r.Cpu.Instances.Select(c => c.ToString("F0", CultureInfo.InvariantCulture)))} | " +
                $"{r.Cpu.BotMsPerTurn(tps):F2} | {(r.Deployment.PostgreSql ? $"{r.Cpu.Database:F0} ({CpuShares.MsPerTurn(r.Cpu.Database, tps):F2})" : "–")} | " +
                $"{r.Cpu.LoadGenerator:F0} / {r.Cpu.Others:F0} | {r.Load.AcknowledgedTokens.Count} | {r.AnswersMissing} |"));
        }

        return text.ToString();
    }

    /// <summary>Issue 19's targets, from the rows of one run of this scenario.</summary>
    public static IEnumerable<string> Targets(IReadOnlyList<ThroughputRow> rows)
    {
        static string Mark(bool met) => met ? "**met**" : "**missed**";
        static string F(double value) => value.ToString("F0", CultureInfo.InvariantCulture);
        var lite = rows.Where(r => !r.Deployment.PostgreSql && r.Users == 50).ToList();
        var single = rows.Where(r => r.Deployment is { PostgreSql: true, Instances: 1 } && r.Users == 50).ToList();
        if (lite.Count > 0 && single.Count > 0)
        {
            var (pg, liteDb) = (single.Average(r => r.Load.TurnsPerSecond), lite.Average(r => r.Load.TurnsPerSecond));
            yield return $"PostgreSQL, one instance, 50 users: ≥ half of LiteDB's turns/s: {F(pg)} vs {F(liteDb)} turns/s (mean of runs, {F(pg / liteDb * 100)} %) — {Mark(pg >= liteDb / 2)}";
            var p99 = single.Max(r => r.Load.Latency.P99);
            yield return string.Create(CultureInfo.InvariantCulture, $"PostgreSQL, one instance, 50 users: p99 < 100 ms: worst run {p99:F1} ms — {Mark(p99 < 100)}");
        }

        var three = rows.Where(r => r.Deployment is { PostgreSql: true, Instances: 3 }).ToList();
        if (three.Count > 0)
        {
            var errors = three.Sum(r => r.Load.Errors + r.Load.JourneysFailed);
            yield return $"PostgreSQL, three instances: 0 errors: {errors} errors in {three.Count} runs — {Mark(errors == 0)}";
        }

        var missing = rows.Sum(r => r.AnswersMissing);
        yield return $"every acknowledged answer in the database after SIGKILL: {rows.Sum(r => r.Load.AcknowledgedTokens.Count):N0} acknowledged, {missing} missing — {Mark(missing == 0)}";
    }

    public static string Measured(string command, Report.Machine machine, string commit, IReadOnlyList<ThroughputRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC at commit `{commit}` with:");
        text.AppendLine().AppendLine("```").AppendLine(command).AppendLine("```").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}.").AppendLine();
        text.Append(Table(rows)).AppendLine();
        foreach (var target in Targets(rows))
        {
            text.AppendLine("- " + target);
        }

        return text.AppendLine().ToString();
    }
}
