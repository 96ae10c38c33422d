using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using PartnershipBot.Bench.Bot;

namespace PartnershipBot.Bench.Tab;

/// <summary>One page's timings: each API request it makes, and the page (its requests one after another).</summary>
/// <remarks><see cref="CpuP50"/>: the bot process's CPU time per page (median), which a busy shared machine inflates far less than the time waited.</remarks>
internal sealed record TabPageTiming(string Viewer, string Page, IReadOnlyList<string> Requests, double P50, double P99, double Max, int Samples, long Bytes, double CpuP50);

/// <summary>The tab benchmark's results.</summary>
internal sealed record TabReport(TabSeedSummary Seed, IReadOnlyList<TabPageTiming> Pages, int Rounds)
{
    /// <summary>The machine's 1-minute load average at the start and end of each viewer's run (a shared machine says so).</summary>
    public string LoadAverages { get; init; } = "";
}

/// <summary>
/// Issue 20's target: under 300 ms of server time per tab page with 500 partnerships and 10 years of reviews. Seeds
/// that register in a LiteDB file through the bot's own stores, starts the real bot (Release, as deployed,
/// development mode: the tab answers for Tab:DevelopmentUserId without a token) on it, and times each page's API
/// requests from this process over loopback, as the PPM (who sees the whole register) and as a lead officer.
/// </summary>
internal static class TabBench
{
    /// <summary>The API requests each page makes when opened (the page's scripts in tab/web), in order.</summary>
    private static readonly (string Page, string[] Paths)[] Pages =
    [
        ("Register", ["/api/tab/me", "/api/tab/register?sort=Name&dir=asc"]),
        ("Register, filtered and searched", ["/api/tab/register?status=Active&overdue=true&q=Housing&sort=NextReview&dir=desc"]),
        ("Partnership", ["/api/tab/partnerships/{id}", "/api/tab/hallmarks/{id}", "/api/tab/charts/hallmarks/{id}.svg?theme=light"]),
        ("Due and overdue", ["/api/tab/due", "/api/tab/approvals"]),
        ("Proposals", ["/api/tab/proposals"]),
        ("Hallmarks", ["/api/tab/hallmarks", "/api/tab/charts/hallmarks.svg?theme=light"]),
        ("Audit Committee", ["/api/tab/audit"]),
    ];

    public static async Task<TabReport> RunAsync(string botDll, int partnerships, int years, int rounds, TextWriter log, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("partnershipbot-tabbench-").FullName;
        try
        {
            var database = Path.Combine(folder, "partnershipbot.db");
            var seed = await TabSeed.SeedAsync(database, Path.Combine(Path.GetDirectoryName(botDll)!, "Questionnaires"), partnerships, years, cancellationToken);
            log.WriteLine($"Seeded {seed.Partnerships} partnerships, {seed.Reviews} reviews, {seed.Assessments} assessments, {seed.WaitingProposals} proposals waiting ({seed.DatabaseBytes / 1048576.0:0} MB) in {seed.Took.TotalSeconds:0} s");
            var pages = new List<TabPageTiming>();
            var loads = new List<string>();
            // The PPM sees the whole register (the worst case); a lead officer their dozen or so partnerships.
            foreach (var (viewer, user, own) in new[] { ("PPM", TabSeed.Ppm, (Func<int, bool>)(_ => true)), ("Lead officer", TabSeed.LeadOfficer(7), i => i % TabSeed.LeadOfficers == 7) })
            {
                var ids = Enumerable.Range(0, partnerships).Where(own).Select(i => $"bp{i:000}").ToList();
                var loadBefore = LoadAverage();
                pages.AddRange(await TimeAsViewerAsync(botDll, database, viewer, user, ids, rounds, log, cancellationToken));
                loads.Add($"{viewer} {loadBefore} to {LoadAverage()}");
            }

            log.WriteLine($"Load average (1 min): {string.Join("; ", loads)}");
            return new TabReport(seed, pages, rounds) { LoadAverages = string.Join("; ", loads) };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<TabPageTiming>> TimeAsViewerAsync(
        string botDll, string database, string viewer, string user, IReadOnlyList<string> ids, int rounds, TextWriter log, CancellationToken cancellationToken)
    {
        var launch = new BotLaunch(botDll, database)
        {
            Settings = new()
            {
                ["Tab:DevelopmentUserId"] = user,
                ["Register:RoleHolders:PPM"] = TabSeed.Ppm,
                ["Approvals:SmtUserIds:0"] = TabSeed.Smt,
                ["Scheduler:RunInBackground"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
            },
        };
        await using var bot = BotProcess.Start(launch);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = bot.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        await bot.WaitHealthyAsync(http, TimeSpan.FromSeconds(60), cancellationToken);
        var random = new Random(7);
        var samples = Pages.ToDictionary(p => p.Page, _ => new List<double>());
        var cpu = Pages.ToDictionary(p => p.Page, _ => new List<double>());
        var bytes = Pages.ToDictionary(p => p.Page, _ => 0L);
        // Five rounds to warm up (JIT, LiteDB's page cache), then the measured rounds.
        for (var round = -5; round < rounds; round++)
        {
            var id = ids[random.Next(ids.Count)];
            foreach (var (page, paths) in Pages)
            {
                if (page == "Audit Committee" && viewer != "PPM")
                {
                    // The Audit Committee's figures are for the PPM and A&PM only: a lead officer has no such page.
                    continue;
                }

                var cpuBefore = bot.CpuTime;
                var started = Stopwatch.GetTimestamp();
                long size = 0;
                foreach (var path in paths)
                {
                    using var response = await http.GetAsync(path.Replace("{id}", id, StringComparison.Ordinal), cancellationToken);
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"{viewer}: {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
                    }

                    size += body.Length;
                }

                if (round >= 0)
                {
                    samples[page].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    cpu[page].Add((bot.CpuTime - cpuBefore).TotalMilliseconds);
                    bytes[page] = size;
                }
            }
        }

        await bot.StopAsync(TimeSpan.FromSeconds(10));
        var timings = Pages.Where(p => samples[p.Page].Count > 0).Select(p =>
        {
            var sorted = samples[p.Page].Order().ToList();
            return new TabPageTiming(viewer, p.Page, p.Paths, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1], sorted.Count, bytes[p.Page],
                Percentile(cpu[p.Page].Order().ToList(), 0.50));
        }).ToList();
        foreach (var t in timings)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t.Viewer,-13} {t.Page,-32} p50 {t.P50,7:0.0} ms  p99 {t.P99,7:0.0} ms  max {t.Max,7:0.0} ms  bot CPU p50 {t.CpuP50,7:0.0} ms  ({t.Bytes / 1024.0:0} KB)"));
        }

        return timings;
    }

    /// <summary>The 1-minute load average (Linux), or "unknown".</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The section of RESULTS.md between the tab markers (written by this command, nothing else).</summary>
    public static string Markdown(TabReport report, string command, string machine, string commit)
    {
        var s = report.Seed;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC at commit `{commit}` with:");
        md.AppendLine().AppendLine("```").AppendLine(command).AppendLine("```").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Data: {s.Partnerships} partnerships led by {TabSeed.LeadOfficers} officers, {s.Reviews} completed reviews (each with its submitted questionnaire), {s.Assessments} hallmark self-assessments, {s.WaitingProposals} proposals waiting; LiteDB file {s.DatabaseBytes / 1048576.0:0} MB. {report.Rounds} measured rounds per page after 5 warm-up rounds, a random partnership each round.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Load average (1 min) when the runs started and ended: {report.LoadAverages}.");
        md.AppendLine();
        md.AppendLine("| viewer | page | API requests | p50 ms | p99 ms | max ms | bot CPU ms per page (p50) | response KB | under 300 ms (p99) |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var t in report.Pages)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {t.Viewer} | {t.Page} | {string.Join("<br>", t.Requests.Select(r => "`" + r + "`"))} | {t.P50:0.0} | {t.P99:0.0} | {t.Max:0.0} | {t.CpuP50:0.0} | {t.Bytes / 1024.0:0} | {(t.P99 < 300 ? "yes" : "**no**")} |");
        }

        return md.ToString();
    }

    public const string Begin = "<!-- bench:tab:begin (written by the tab command; edit outside these markers) -->";
    public const string End = "<!-- bench:tab:end -->";

    /// <summary>Replaces the tab section of the results file (adding it at the end the first time), leaving the rest as it is.</summary>
    public static void Write(string path, string section)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "";
        var block = Begin + "\n" + section + End;
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        text = start >= 0 && end > start
            ? text[..start] + block + text[(end + End.Length)..]
            : text.TrimEnd() + "\n\n## Register tab: server time per page\n\n" + block + "\n";
        File.WriteAllText(path, text);
    }
}
