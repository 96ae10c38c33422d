using System.Text.Json.Nodes;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Notifications;

/// <summary>Approval cards sent into people's chats with the bot, and what happens when someone has no chat yet.</summary>
public sealed class ChatCardDeliveryTests
{
    private static OutboxMessage Card(string key, string recipientId) => new()
    {
        IdempotencyKey = key,
        Kind = OutboxKind.ChatCard,
        RecipientId = recipientId,
        Topic = "submission:S1",
        Body = "Riverside Youth Partnership needs your decision",
        Payload = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = "Riverside Youth Partnership", ["wrap"] = true }),
        },
    };

    [Fact]
    public async Task ChatCard_RecipientHasTalkedToTheBot_ArrivesInTheirChatAndIsFindableByTopic()
    {
        await using var bot = await GraphBot.StartAsync();
        var bob = bot.Bot.User("Bob", "aad-bob");
        await bob.SayAsync("help");

        await bot.EnqueueAsync(Card("approval:S1:card:aad-bob", "aad-bob"));

        var call = await bot.Bot.Connector.NextAsync(bob.ConversationId);
        Assert.Equal("send", call.Kind);
        Assert.Equal("Riverside Youth Partnership", CardInspector.AllText(call.Card));
        var sent = Assert.Single(await bot.Outbox.SentChatCardsAsync("submission:S1", CancellationToken.None));
        Assert.Equal(("aad-bob", bob.ConversationId, call.ActivityId), (sent.RecipientId, sent.SentConversationId, sent.SentActivityId));
        Assert.Equal(bot.Bot.Connector.BaseUrl + "/", sent.SentServiceUrl);
        Assert.Empty(await bot.Outbox.SentChatCardsAsync("submission:S2", CancellationToken.None));
    }

    [Fact]
    public async Task ChatCard_NoChatAndInstallAllowed_InstallsTheAppAndDeliversOnceTeamsOpensTheChat()
    {
        await using var bot = await GraphBot.StartAsync(o => o.Settings["Graph:InstallAppForUsers"] = "true");
        await bot.EnqueueAsync(Card("approval:S1:card:aad-carol", "aad-carol"));

        var install = Assert.Single(bot.Graph.Succeeded("/teamwork/installedApps"));
        Assert.Equal("/v1.0/users/aad-carol/teamwork/installedApps", install.Path);
        Assert.Equal($"{bot.Graph.GraphBaseUrl}/appCatalogs/teamsApps/{GraphBot.TeamsAppId}", install.Body!["teamsApp@odata.bind"]!.GetValue<string>());
        var waiting = await bot.FindAsync("approval:S1:card:aad-carol");
        Assert.Equal(OutboxStatus.Pending, waiting.Status);

        // Teams tells the bot about the installation; the bot keeps the chat.
        var carol = bot.Bot.User("Carol", "aad-carol");
        var installed = carol.NewActivity("installationUpdate");
        installed["action"] = "add";
        using (var response = await carol.SendAsync(installed))
        {
            Assert.True(response.IsSuccessStatusCode);
        }

        bot.Bot.Connector.Drain(carol.ConversationId);
        await bot.AdvanceAsync(TimeSpan.FromSeconds(10));

        var card = await bot.Bot.Connector.NextAsync(carol.ConversationId);
        Assert.Equal("Riverside Youth Partnership", CardInspector.AllText(card.Card));
        Assert.Equal(OutboxStatus.Sent, (await bot.FindAsync("approval:S1:card:aad-carol")).Status);
        Assert.Single(bot.Graph.Requests, r => r.Path.EndsWith("/installedApps", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChatCard_NoChatAndInstallNotAllowed_IsUnreachableForTheTopic()
    {
        await using var bot = await GraphBot.StartAsync();
        var bob = bot.Bot.User("Bob", "aad-bob");
        await bob.SayAsync("help");

        await bot.EnqueueAsync(Card("approval:S1:card:aad-bob", "aad-bob"), Card("approval:S1:card:aad-dave", "aad-dave"));

        var unreachable = Assert.Single(await bot.Outbox.UnreachableAsync("submission:S1", CancellationToken.None));
        Assert.Equal("aad-dave", unreachable.RecipientId);
        Assert.Equal("Has not installed PartnershipBot in Teams", unreachable.LastError);
        Assert.DoesNotContain(bot.Graph.Requests, r => r.Path.EndsWith("/installedApps", StringComparison.Ordinal));
        Assert.Single(await bot.Outbox.SentChatCardsAsync("submission:S1", CancellationToken.None));
    }

    [Fact]
    public async Task ChatCard_InstalledButTeamsNeverOpensTheChat_BecomesUnreachableAfterMaxAttempts()
    {
        await using var bot = await GraphBot.StartAsync(o =>
        {
            o.Settings["Graph:InstallAppForUsers"] = "true";
            o.Settings["Notifications:MaxAttempts"] = "2";
        });
        await bot.EnqueueAsync(Card("c1", "aad-dave"));
        await bot.AdvanceAsync(TimeSpan.FromSeconds(10));

        var message = await bot.FindAsync("c1");
        Assert.Equal((OutboxStatus.Unreachable, 2), (message.Status, message.Attempts));
        Assert.Equal([201, 409], bot.Graph.Requests.Where(r => r.Path.EndsWith("/installedApps", StringComparison.Ordinal)).Select(r => r.Status));
        Assert.Empty(await bot.Outbox.DeadLettersAsync(CancellationToken.None));
    }
}
