using System.Globalization;
using System.Text;
using PartnershipBot.Bench.Bot;
using PartnershipBot.Bench.Load;

namespace PartnershipBot.Bench.Scenarios;

/// <summary>Where the bot keeps its data and how many instances serve it: LiteDB (one process) or PostgreSQL with N instances.</summary>
internal sealed record Deployment(bool PostgreSql, int Instances)
{
    public static readonly Deployment LiteDb = new(false, 1);

    /// <summary>"litedb", "postgresql" or "postgresql:3".</summary>
    public static Deployment Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split(':');
        return parts switch
        {
            ["litedb"] => LiteDb,
            ["postgresql"] => new Deployment(true, 1),
            ["postgresql", var n] when int.TryParse(n, CultureInfo.InvariantCulture, out var instances) && instances is >= 1 and <= 16 => new Deployment(true, instances),
            _ => throw new ArgumentException($"Unknown deployment '{text}': litedb, postgresql or postgresql:N."),
        };
    }

    public string Backend => PostgreSql ? "PostgreSQL" : "LiteDB";
}

/// <summary>One row of the throughput table: a load run on fresh bot processes and database, then the durability check.</summary>
internal sealed record ThroughputRow(int Users, int Run, LoadResult Load, Memory Memory, CpuShares Cpu, int AnswersMissing)
{
    public Deployment Deployment { get; init; } = Deployment.LiteDb;
}

/// <summary>
/// CPU use during the measured window, in percent of one core: the bot (every instance), the load generator, the
/// PostgreSQL server (when used), everything else on the machine.
/// </summary>
internal sealed record CpuShares(double Bot, double LoadGenerator, double Others)
{
    /// <summary>Each instance's share of <see cref="Bot"/>.</summary>
    public IReadOnlyList<double> Instances { get; init; } = [];

    public double Database { get; init; }

    /// <summary>The bot's CPU time per turn in ms: less sensitive than latency to other work on a shared machine.</summary>
    public double BotMsPerTurn(double turnsPerSecond) => MsPerTurn(Bot, turnsPerSecond);

    public static double MsPerTurn(double percent, double turnsPerSecond) => turnsPerSecond > 0 ? percent * 10 / turnsPerSecond : 0;
}

/// <summary>
/// Turns per second and latency for each number of concurrent users, each configuration run several times on a
/// fresh bot process. After each run the bot is killed (SIGKILL, no shutdown code) and the database is read:
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

    public static async Task<ThroughputRow> RunOnceAsync(BenchSettings settings, int users, int run, int runNumber, CancellationToken cancellationToken, Deployment? deployment = null)
    {
        deployment ??= Deployment.LiteDb;
        var cluster = deployment.PostgreSql ? await PostgreSqlCluster.SharedAsync(durable: true, statements: settings.Statements) : null;
        var connectionString = cluster is null ? null : await cluster.CreateDatabaseAsync("bench");
        try
        {
            var botConnection = connectionString is null || settings.PostgreSqlOptions.Length == 0 ? connectionString : connectionString + ";" + settings.PostgreSqlOptions;
            await using var bot = await BenchBot.StartAsync(settings.BotDll, cancellationToken: cancellationToken, instances: deployment.Instances, postgreSql: botConnection);
            var load = new LoadRun(bot.Channel, bot.Connector.ServiceUrl, runNumber, bot.Connector);
            var cpu = MeasureCpuAsync(bot, cluster, connectionString, settings, cancellationToken);
            var result = await load.RunAsync(new LoadPlan(users, settings.WarmUp, settings.Measure), cancellationToken);
            var cpuShares = await cpu;
            var memory = bot.Processes.Select(p => p.Memory()).MaxBy(m => m.PeakRssBytes);
            bot.KillAll();
            foreach (var process in bot.Processes)
            {
                MemoryAndStartScenario.LogProblems(process, Console.Out);
            }

            if (connectionString is not null)
            {
                await LogStatementsAsync(cluster!, connectionString, settings.Statements, result.Turns, Console.Out);
            }

            var stored = connectionString is null ? StoredAnswers.Read(bot.DatabasePath) : await StoredAnswers.ReadPostgreSqlAsync(connectionString);
            return new ThroughputRow(users, run, result, memory, cpuShares, stored.Missing(result.AcknowledgedTokens).Count) { Deployment = deployment };
        }
        finally
        {
            if (connectionString is not null)
            {
                await cluster!.DropDatabaseAsync(connectionString);
            }
        }
    }

    /// <summary>CPU use during the measured window (other processes show how busy the machine was besides the run).</summary>
    private static async Task<CpuShares> MeasureCpuAsync(BenchBot bot, PostgreSqlCluster? cluster, string? connectionString, BenchSettings settings, CancellationToken cancellationToken)
    {
        await Task.Delay(settings.WarmUp, cancellationToken);
        if (connectionString is not null && settings.Statements)
        {
            await cluster!.ResetStatementsAsync(connectionString);
        }

        var instances = Enumerable.Range(0, bot.Processes.Length).ToList();
        var botsBefore = instances.Select(i => bot.BotCpuTime(i)).ToList();
        var (selfBefore, allBefore, databaseBefore) = (SelfCpuTime(), MachineBusyTime(), cluster?.ServerCpuTime() ?? TimeSpan.Zero);
        await Task.Delay(settings.Measure, cancellationToken);
        double Percent(TimeSpan used) => used.TotalSeconds / settings.Measure.TotalSeconds * 100;
        var botsUsed = instances.Select(i => bot.BotCpuTime(i) - botsBefore[i]).ToList();
        var botUsed = botsUsed.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        var selfUsed = SelfCpuTime() - selfBefore;
        var databaseUsed = (cluster?.ServerCpuTime() ?? TimeSpan.Zero) - databaseBefore;
        var allUsed = MachineBusyTime() - allBefore;
        return new CpuShares(Percent(botUsed), Percent(selfUsed), Math.Max(0, Percent(allUsed - botUsed - selfUsed - databaseUsed)))
        {
            Instances = botsUsed.Select(Percent).ToList(),
            Database = Percent(databaseUsed),
        };
    }

    /// <summary>Where the server's time went in the measured window (with --statements on): the costliest statements, per turn; and the documents' sizes.</summary>
    private static async Task LogStatementsAsync(PostgreSqlCluster cluster, string connectionString, bool statements, long turns, TextWriter log)
    {
        foreach (var (calls, totalMs, query, walBytes, walFpi, dirtied) in statements ? await cluster.TopStatementsAsync(connectionString, 14) : [])
        {
            var text = string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  statement: {(double)calls / Math.Max(1, turns):F2} calls/turn, {totalMs / Math.Max(1, turns):F3} ms/turn, WAL {walBytes / Math.Max(1, calls):F0} B/call ({(double)walFpi / Math.Max(1, calls):F2} full pages), {(double)dirtied / Math.Max(1, calls):F2} pages dirtied/call: {text[..Math.Min(text.Length, 110)]}"));
        }

        log.WriteLine("  sizes: " + await cluster.DocumentSizesAsync(connectionString));
    }

    private static TimeSpan SelfCpuTime()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Time all cores spent not idle, from the first line of /proc/stat (USER_HZ = 100).</summary>
    private static TimeSpan MachineBusyTime()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        return TimeSpan.FromSeconds((fields.Take(8).Sum() - idle) / 100.0);
    }

    public static string Describe(ThroughputRow row) => string.Create(CultureInfo.InvariantCulture,
        $"{row.Deployment.Backend} x{row.Deployment.Instances} users={row.Users} run={row.Run}: {row.Load.TurnsPerSecond:F0} turns/s, p50 {row.Load.Latency.P50:F1} ms, p90 {row.Load.Latency.P90:F1}, " +
        $"p99 {row.Load.Latency.P99:F1}, max {row.Load.Latency.Max:F1}, errors {row.Load.Errors}, refused {row.Load.Refused}, " +
        $"journeys {row.Load.JourneysCompleted} (+{row.Load.JourneysFailed} failed), peak RSS {Mb(row.Memory.PeakRssBytes)} MB, " +
        $"CPU bot {row.Cpu.Bot:F0}% ({row.Cpu.BotMsPerTurn(row.Load.TurnsPerSecond):F2} ms/turn; per instance {string.Join(" / ", row.Cpu.Instances.Select(c => c.ToString("F0", CultureInfo.InvariantCulture)))}) " +
        $"PostgreSQL {row.Cpu.Database:F0}% load generator {row.Cpu.LoadGenerator:F0}% others {row.Cpu.Others:F0}%, answers acknowledged {row.Load.AcknowledgedTokens.Count}, missing {row.AnswersMissing}")
        + "\n  by kind: " + string.Join("; ", row.Load.ByKind.OrderBy(k => k.Key).Select(k => string.Create(CultureInfo.InvariantCulture,
            $"{k.Key} {k.Value.Count} turns, p50 {k.Value.Latency.P50:F1} p99 {k.Value.Latency.P99:F1} ms")))
        + (row.Load.ErrorSamples.Count > 0 ? "\n  first error: " + row.Load.ErrorSamples[0] : "");

    public static string Table(IReadOnlyList<ThroughputRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| users | run | turns/s | p50 ms | p90 ms | p99 ms | max ms | errors | refused | journeys done | peak RSS MB | CPU % bot / load gen. / others | bot CPU ms/turn | answers acknowledged | missing from DB |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Users} | {r.Run} | {r.Load.TurnsPerSecond:F0} | {r.Load.Latency.P50:F1} | {r.Load.Latency.P90:F1} | {r.Load.Latency.P99:F1} | {r.Load.Latency.Max:F1} | " +
                $"{r.Load.Errors} | {r.Load.Refused} | {r.Load.JourneysCompleted} | {Mb(r.Memory.PeakRssBytes)} | {r.Cpu.Bot:F0} / {r.Cpu.LoadGenerator:F0} / {r.Cpu.Others:F0} | {r.Cpu.BotMsPerTurn(r.Load.TurnsPerSecond):F2} | {r.Load.AcknowledgedTokens.Count} | {r.AnswersMissing} |"));
        }

        return text.ToString();
    }

    public static long Mb(long bytes) => bytes / (1024 * 1024);
}
