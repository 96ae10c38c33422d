using PartnershipBot.Bench.Bot;
using PartnershipBot.Tests.Harness;
using PartnershipBot.Tests.Robustness;

namespace PartnershipBot.Tests.Playground;

/// <summary>
/// The bot as its own process with the Playground against it. Starting is all or nothing: when any step fails, what
/// was already started is stopped before the error reaches the test (xunit does not dispose a class whose
/// InitializeAsync threw, which is how a failed run used to leave bot processes behind).
/// </summary>
internal sealed class PlaygroundSession : IAsyncDisposable
{
    private readonly HttpClient _http;

    private PlaygroundSession(BotProcess bot, AgentsPlayground playground, HttpClient http)
    {
        Bot = bot;
        Playground = playground;
        _http = http;
    }

    public BotProcess Bot { get; }

    public AgentsPlayground Playground { get; }

    /// <param name="started">Told the id of each process as it starts (tests of clean-up).</param>
    public static async Task<PlaygroundSession> StartAsync(
        string folder, TimeSpan limit, Action<int>? started = null, string? cliPath = null, string? configPath = null,
        IReadOnlyDictionary<string, string>? botSettings = null)
    {
        using var timeout = new CancellationTokenSource(limit);
        var http = new HttpClient();
        BotProcess? bot = null;
        try
        {
            bot = BotProcess.Start(new BotLaunch(CrashSafetyTests.BotDll(), Path.Combine(folder, "partnershipbot.db"))
            {
                Settings = botSettings?.ToDictionary() ?? [],
            });
            TestProcesses.Adopt(bot.Pid);
            started?.Invoke(bot.Pid);
            await bot.WaitHealthyAsync(http, limit, timeout.Token);
            var playground = await AgentsPlayground.StartAsync(bot.MessagesUrl, folder, timeout.Token, cliPath, configPath, started);
            return new PlaygroundSession(bot, playground, http);
        }
        catch
        {
            if (bot is not null)
            {
                await bot.DisposeAsync();
            }

            http.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Playground.DisposeAsync();
        }
        finally
        {
            await Bot.DisposeAsync();
            _http.Dispose();
        }
    }
}
