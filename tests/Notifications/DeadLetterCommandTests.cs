using PartnershipBot.Notifications;

namespace PartnershipBot.Tests.Notifications;

/// <summary>The PPM sees notifications that could not be delivered and sends them again.</summary>
public sealed class DeadLetterCommandTests
{
    private const string PpmId = "aad-pat";

    private static Task<GraphBot> StartAsync() => GraphBot.StartAsync(o =>
    {
        o.Settings["Register:RoleHolders:PPM"] = PpmId;
        // Another tenant may reach the bot, so the outbox's own tenant check is what Outbox_PpmIdFromAnotherTenant tests.
        o.Settings["Bot:AllowedTenantIds:1"] = "tenant-elsewhere";
        o.Settings["Notifications:MaxAttempts"] = "3";
    });

    [Fact]
    public async Task Outbox_MessageFailedMaxAttempts_IsListedForThePpmAndRetryDeliversIt()
    {
        await using var bot = await StartAsync();
        var pat = bot.Bot.User("Pat", PpmId);
        bot.Graph.Down = true;
        await bot.EnqueueAsync(GraphBot.Email("approval:S1:email:aad-bob", "aad-bob", "Riverside Youth Partnership needs your decision"));
        await bot.AdvanceAsync(TimeSpan.FromSeconds(10));
        await bot.AdvanceAsync(TimeSpan.FromSeconds(20));

        var dead = await bot.FindAsync("approval:S1:email:aad-bob");
        Assert.Equal((OutboxStatus.DeadLettered, 3), (dead.Status, dead.Attempts));
        await bot.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(3, bot.Graph.Requests.Count(r => r.Path == "/v1.0/users/aad-bob"));

        bot.Graph.Down = false;
        var list = (await pat.SayAsync("outbox")).Text!;
        var shortRef = OutboxRules.ShortRef("approval:S1:email:aad-bob");
        Assert.Contains("1 undelivered notification", list);
        Assert.Contains($"**{shortRef}**: E-mail to Bob Jones", list);
        Assert.Contains("\"Riverside Youth Partnership needs your decision\"", list);
        Assert.Contains("3 attempts", list);
        Assert.Contains("last error: Graph returned 503 serviceNotAvailable", list);

        var retried = (await pat.SayAsync($"outbox retry {shortRef}")).Text!;
        Assert.Contains($"Notification {shortRef} will be sent again now", retried);
        await bot.IdleAsync();

        Assert.Single(bot.Graph.Succeeded("/sendMail"));
        var sent = await bot.FindAsync("approval:S1:email:aad-bob");
        Assert.Equal((OutboxStatus.Sent, 1), (sent.Status, sent.Attempts));
        Assert.Equal(OutboxCommands.NothingText, (await pat.SayAsync("outbox")).Text);
    }

    [Fact]
    public async Task OutboxRetry_UnknownId_SaysSoAndChangesNothing()
    {
        await using var bot = await StartAsync();
        var pat = bot.Bot.User("Pat", PpmId);
        await bot.EnqueueAsync(GraphBot.Email("e1", "aad-bob"));

        var reply = (await pat.SayAsync($"outbox retry {OutboxRules.ShortRef("e1")}")).Text!;

        Assert.Contains("There is no undelivered notification", reply);
        Assert.Single(bot.Graph.Succeeded("/sendMail"));
    }

    [Fact]
    public async Task Outbox_NotThePpm_IsRefusedAndCannotRetry()
    {
        await using var bot = await StartAsync();
        var mallory = bot.Bot.User("Mallory");
        bot.Graph.Down = true;
        await bot.EnqueueAsync(GraphBot.Email("e1", "aad-bob"));
        await bot.AdvanceAsync(TimeSpan.FromSeconds(10));
        await bot.AdvanceAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(OutboxStatus.DeadLettered, (await bot.FindAsync("e1")).Status);

        Assert.Equal(OutboxCommands.NotAllowedText, (await mallory.SayAsync("outbox")).Text);
        Assert.Equal(OutboxCommands.NotAllowedText, (await mallory.SayAsync($"outbox retry {OutboxRules.ShortRef("e1")}")).Text);
        Assert.Equal(OutboxStatus.DeadLettered, (await bot.FindAsync("e1")).Status);
    }

    [Fact]
    public async Task Outbox_PpmIdFromAnotherTenant_IsRefused()
    {
        await using var bot = await StartAsync();
        var impostor = bot.Bot.User("Pat", PpmId);
        impostor.TenantId = "tenant-elsewhere";

        Assert.Equal(OutboxCommands.NotAllowedText, (await impostor.SayAsync("outbox")).Text);
    }
}
