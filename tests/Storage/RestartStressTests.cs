using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Storage;

/// <summary>An in-process restart must never leave two open instances on one database file (that corrupts it).</summary>
public sealed class RestartStressTests
{
    [Fact]
    public async Task Restart_RepeatedlyMidConversation_DatabaseStaysUsable()
    {
        await using var bot = await BotHarness.StartAsync();
        var alice = bot.User("Alice");
        for (var i = 0; i < 5; i++)
        {
            var reply = await alice.SayAsync("new partnership");
            Assert.True(StepCard.IsQuestion(reply.Card!), i + ": " + string.Join("\n", bot.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning || e.Category.Contains("LiteDbStore")).Select(e => e.Message + " " + e.Exception?.GetType())));
            await alice.SayAsync("Some name");
            await bot.RestartAsync();
        }
    }
}
