using PartnershipBot.Bench.Bot;
using PartnershipBot.Bench.Scenarios;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Robustness;

/// <summary>
/// The bot as a real process, killed with SIGKILL mid-load and restarted on the same database file. The longer
/// drill (50 users, five kills) is `dotnet run -c Release --project bench/PartnershipBot.Bench -- crash`.
/// </summary>
public sealed class CrashSafetyTests
{
    /// <summary>The bot built alongside these tests (same configuration), run as its own process.</summary>
    internal static string BotDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepoRoot.Find(), "bot", "bin", configuration, "net10.0", "PartnershipBot.dll");
        Assert.True(File.Exists(dll), $"The bot is not built at {dll}.");
        return dll;
    }

    [Fact]
    public async Task Kill_AtRandomMoments_EveryAcknowledgedAnswerIsStoredAndJourneysGoOn()
    {
        var seed = Environment.TickCount;
        await using var bot = await BenchBot.StartAsync(BotDll());
        var drill = new CrashDrill(bot, users: 8, new Random(seed));

        var report = await drill.RunAsync(rounds: 2, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(1500), CancellationToken.None);

        var described = $"seed {seed}\n{CrashDrill.Describe(report)}";
        Assert.All(report.Rounds, round =>
        {
            // Reading the file after the kill is itself the check that it opens as it is (LiteDB throws on a damaged file).
            Assert.True(round.AnswersAcknowledged > 0, described);
            Assert.True(round.AnswersMissing == 0, described);
            Assert.True(round.JourneysLostTheirPlace == 0, described);
        });
        Assert.True(report.Rounds.Sum(r => r.JourneysContinued) > 0, "No journey was interrupted mid-way: " + described);
        Assert.True(report.ErrorsWhileUp == 0, described);
        Assert.True(report.JourneysFailed == 0, described);
        Assert.True(report.AnswersMissingAtEnd == 0, described);
    }
}
