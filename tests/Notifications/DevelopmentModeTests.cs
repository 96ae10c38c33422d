using System.Text.Json.Nodes;
using PartnershipBot.Notifications;
using PartnershipBot.People;

namespace PartnershipBot.Tests.Notifications;

/// <summary>Local development without Graph: e-mail and feed are skipped, chat cards still go through the connector.</summary>
public sealed class DevelopmentModeTests
{
    [Fact]
    public async Task Outbox_NoGraphInDevelopmentMode_SkipsEmailAndFeedAndStillSendsChatCards()
    {
        await using var bot = await GraphBot.StartAsync(o =>
        {
            o.Authenticated = false;
            o.Environment = "Development";
            o.Settings["Graph:ServiceMailbox"] = "";
            o.Settings["Graph:TeamsAppId"] = "";
        });
        var bob = bot.Bot.User("Bob", "aad-bob");
        await bob.SayAsync("help");

        await bot.EnqueueAsync(
            GraphBot.Email("e1", "aad-bob"),
            new OutboxMessage { IdempotencyKey = "f1", Kind = OutboxKind.ActivityFeed, RecipientId = "aad-bob", ActivityType = "reviewDue" },
            new OutboxMessage
            {
                IdempotencyKey = "c1",
                Kind = OutboxKind.ChatCard,
                RecipientId = "aad-bob",
                Payload = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray() },
            });

        Assert.Equal((OutboxStatus.Skipped, "Graph is not configured"), ((await bot.FindAsync("e1")).Status, (await bot.FindAsync("e1")).LastError));
        Assert.Equal(OutboxStatus.Skipped, (await bot.FindAsync("f1")).Status);
        Assert.Equal(OutboxStatus.Sent, (await bot.FindAsync("c1")).Status);
        Assert.Equal("send", (await bot.Bot.Connector.NextAsync(bob.ConversationId)).Kind);
        Assert.Empty(bot.Graph.Requests);
        Assert.Contains(bot.Bot.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Information && e.Message == "Outbox message e1 (Email) skipped: Graph is not configured");
    }

    [Fact]
    public async Task PeopleDirectory_NoGraph_KnowsPeopleByTheirTeamsName()
    {
        await using var bot = await GraphBot.StartAsync(o =>
        {
            o.Authenticated = false;
            o.Environment = "Development";
            o.Settings["Graph:ServiceMailbox"] = "";
            o.Settings["Graph:TeamsAppId"] = "";
        });
        await bot.Bot.User("Bob Jones", "aad-bob").SayAsync("help");
        var people = bot.Bot.Get<IPeopleDirectory>();

        Assert.Equal(new Person("aad-bob", "Bob Jones", null), await people.GetPersonAsync("aad-bob", CancellationToken.None));
        Assert.Null(await people.GetPersonAsync("aad-carol", CancellationToken.None));
        Assert.Null(await people.GetManagerAsync("aad-bob", CancellationToken.None));
        Assert.Empty(bot.Graph.Requests);
    }
}
