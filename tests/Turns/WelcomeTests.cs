using System.Text.Json.Nodes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Turns;

/// <summary>First contact, "help" and unknown text all get the welcome; nothing goes unanswered.</summary>
public sealed class WelcomeTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static string Shown(Fakes.ConnectorCall call) => call.Shown;

    [Fact]
    public async Task Help_Replies_WithWhatTheBotDoes()
    {
        var reply = await _bot.User("Alice").SayAsync("help");
        Assert.Contains("new partnership", Shown(reply), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnknownText_GetsHelpNotSilence()
    {
        var reply = await _bot.User("Alice").SayAsync("what is the weather like?");
        Assert.Contains("new partnership", Shown(reply), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InstallationUpdateAdd_SendsWelcome()
    {
        var alice = _bot.User("Alice");
        var install = alice.NewActivity("installationUpdate");
        install["action"] = "add";
        using var response = await alice.SendAsync(install);
        Assert.Contains("new partnership", Shown(await _bot.Connector.NextAsync(alice.ConversationId)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TeamsInstall_ConversationUpdateAndInstallationUpdate_OneWelcomeWithNoEmptyGreeting()
    {
        var alice = _bot.User("Alice");
        // Teams sends both, and neither carries the user's name.
        var added = alice.NewActivity("conversationUpdate");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = alice.ChannelUserId });
        added["from"]!.AsObject().Remove("name");
        var install = alice.NewActivity("installationUpdate");
        install["action"] = "add";
        install["from"]!.AsObject().Remove("name");

        (await alice.SendAsync(added)).Dispose();
        (await alice.SendAsync(install)).Dispose();

        var welcome = await _bot.Connector.NextAsync(alice.ConversationId);
        Assert.Empty(_bot.Connector.Drain(alice.ConversationId));
        Assert.Contains("new partnership", Shown(welcome), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Hello", Shown(welcome), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Welcome_WithTheName_GreetsByName()
    {
        var alice = _bot.User("Alice Smith");
        var install = alice.NewActivity("installationUpdate");
        install["action"] = "add";
        (await alice.SendAsync(install)).Dispose();

        var texts = CardInspector.Texts((await _bot.Connector.NextAsync(alice.ConversationId)).Card);
        Assert.Equal(["Hello ", "Alice Smith", "."], texts.SkipWhile(t => t != "Hello ").Take(3));
    }

    [Fact]
    public async Task MemberAdded_OutsideTeams_SendsWelcome_ButNotWhenOnlyTheBotWasAdded()
    {
        // Development mode: the fake channel's signing keys are endorsed for msteams only.
        await using var bot = await BotHarness.StartAsync(o => { o.Authenticated = false; o.Settings["Bot:AllowedChannelIds:0"] = "webchat"; });
        var alice = bot.User("Alice");
        var botOnly = alice.NewActivity("conversationUpdate");
        botOnly["channelId"] = "webchat";
        botOnly["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + bot.Options.AppId });
        (await alice.SendAsync(botOnly)).Dispose();
        Assert.Empty(bot.Connector.Drain(alice.ConversationId));

        var userAdded = alice.NewActivity("conversationUpdate");
        userAdded["channelId"] = "webchat";
        userAdded["membersAdded"] = new JsonArray(new JsonObject { ["id"] = alice.ChannelUserId });
        (await alice.SendAsync(userAdded)).Dispose();
        Assert.Contains("new partnership", Shown(await bot.Connector.NextAsync(alice.ConversationId)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MentionAndCase_AreIgnoredInCommands()
    {
        var reply = await _bot.User("Alice").SayAsync("<at>PartnershipBot</at>  HELP ");
        Assert.Contains("new partnership", Shown(reply), StringComparison.OrdinalIgnoreCase);
    }
}
