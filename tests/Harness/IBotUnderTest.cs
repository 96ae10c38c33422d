using PartnershipBot.Tests.Fakes;

namespace PartnershipBot.Tests.Harness;

/// <summary>
/// What a <see cref="TeamsUser"/> talks to: the bot in process (<see cref="BotHarness"/>) or several bot processes
/// behind one address (<see cref="BotInstances"/>), with the fake channel and connector they share.
/// </summary>
public interface IBotUnderTest
{
    /// <summary>Posts to the bot's /api/messages (a relative address).</summary>
    HttpClient Client { get; }

    FakeBotConnector Connector { get; }

    FakeEntra Entra { get; }

    HarnessOptions Options { get; }
}
