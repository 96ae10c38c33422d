using System.Diagnostics;
using PartnershipBot.Bench.Bot;
using PartnershipBot.Bench.Report;
using PartnershipBot.Bench.Scenarios;

namespace PartnershipBot.Bench;

/// <summary>The load generator's entry point: parse the command, run the scenarios, print and write the results.</summary>
internal static class BenchProgram
{
    private static readonly TimeSpan FaultPhase = TimeSpan.FromSeconds(15);

    public static async Task<int> Main(string[] args)
    {
        BenchSettings settings;
        var root = BenchSettings.FindRepositoryRoot(AppContext.BaseDirectory);
        try
        {
            settings = BenchSettings.Parse(args, root);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var log = Console.Out;
        var machine = Machine.Describe();
        log.WriteLine($"Machine: {machine}\nBot: {settings.BotDll}");
        if (settings.Command == "backends")
        {
            var rows = await BackendsScenario.RunAsync(settings, log, cancel.Token);
            foreach (var target in BackendsScenario.Targets(rows))
            {
                log.WriteLine(target);
            }

            if (settings.ResultsPath is { } backendsPath)
            {
                var command = "dotnet run -c Release --project bench/PartnershipBot.Bench -- " + string.Join(' ', args);
                ResultsFile.WriteSection(backendsPath, BackendsScenario.Begin, BackendsScenario.End, BackendsScenario.Measured(command, machine, Commit(root), rows));
                log.WriteLine($"Wrote {backendsPath}");
            }

            return 0;
        }

        if (settings.Command == "tab")
        {
            return await TabAsync(settings, root, machine.ToString(), args, log, cancel.Token);
        }

        var all = settings.Command == "all";
        var throughput = all || settings.Command == "throughput" ? await ThroughputScenario.RunAsync(settings, log, cancel.Token) : [];
        var journeys = all || settings.Command == "journeys" ? await MemoryAndStartScenario.JourneysAsync(settings, log, cancel.Token) : null;
        var startup = all || settings.Command == "startup" ? await MemoryAndStartScenario.StartupAsync(settings, log, cancel.Token) : null;
        var crash = all || settings.Command == "crash" ? await CrashAsync(settings, log, cancel.Token) : null;
        var faults = all || settings.Command == "faults" ? await FaultScenario.RunAsync(settings, 10, FaultPhase, FaultPhase, log, cancel.Token) : null;
        if (throughput.Count == 0 && journeys is null && startup is null && crash is null && faults is null)
        {
            Console.Error.WriteLine($"Unknown command '{settings.Command}'.\n{BenchSettings.Usage}");
            return 2;
        }

        var results = new BenchResults(throughput, journeys, startup, crash, faults);
        foreach (var target in ResultsFile.Targets(results))
        {
            log.WriteLine(target);
        }

        if (settings.ResultsPath is { } path)
        {
            var command = "dotnet run -c Release --project bench/PartnershipBot.Bench -- " + string.Join(' ', args);
            ResultsFile.Write(path, command, machine, Commit(root), results);
            log.WriteLine($"Wrote {path}");
        }

        return 0;
    }

    /// <summary>The register tab's pages with a whole council's register (issue 20): its own section of RESULTS.md.</summary>
    private static async Task<int> TabAsync(BenchSettings settings, string root, string machine, string[] args, TextWriter log, CancellationToken cancellationToken)
    {
        var report = await Tab.TabBench.RunAsync(settings.BotDll, partnerships: 500, years: 10, rounds: 40, log, cancellationToken);
        var path = settings.ResultsPath ?? Path.Combine(root, "bench", "RESULTS.md");
        var command = "dotnet run -c Release --project bench/PartnershipBot.Bench -- " + string.Join(' ', args);
        Tab.TabBench.Write(path, Tab.TabBench.Markdown(report, command, machine, Commit(root)));
        log.WriteLine($"Wrote {path}");
        return 0;
    }

    private static async Task<CrashReport> CrashAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        await using var bot = await BenchBot.StartAsync(settings.BotDll, cancellationToken: cancellationToken);
        var drill = new CrashDrill(bot, users: 50, new Random());
        var report = await drill.RunAsync(settings.CrashRounds, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(4), cancellationToken);
        log.WriteLine(CrashDrill.Describe(report));
        return report;
    }

    private static string Commit(string root)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", $"-C \"{root}\" rev-parse --short HEAD") { RedirectStandardOutput = true })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
