using PartnershipBot.Notifications;

namespace PartnershipBot.Tests.Notifications;

/// <summary>No notification lost, none sent twice: failures, Retry-After, restarts and duplicates.</summary>
public sealed class OutboxReliabilityTests
{
    [Fact]
    public async Task Email_GraphDownThenRecovers_EachDeliveredExactlyOnce()
    {
        await using var bot = await GraphBot.StartAsync();
        bot.Graph.Down = true;
        await bot.EnqueueAsync(
            GraphBot.Email("approval:S1:email:aad-bob", "aad-bob"),
            GraphBot.Email("approval:S1:email:aad-carol", "aad-carol"),
            GraphBot.Email("approval:S1:email:aad-dave", "aad-dave"));
        await bot.AdvanceAsync(TimeSpan.FromSeconds(10));

        var failing = await bot.FindAsync("approval:S1:email:aad-bob");
        Assert.Equal((OutboxStatus.Pending, 2), (failing.Status, failing.Attempts));
        Assert.Equal("Graph returned 503 serviceNotAvailable", failing.LastError);
        Assert.Empty(bot.Graph.Succeeded("/sendMail"));

        bot.Graph.Down = false;
        await bot.AdvanceAsync(TimeSpan.FromSeconds(20));
        await bot.AdvanceAsync(TimeSpan.FromMinutes(5));

        var delivered = bot.Graph.Succeeded("/sendMail");
        Assert.Equal(3, delivered.Count);
        Assert.Equal(
            ["bob.jones@council.example", "carol.smith@council.example", "dave.brown@council.example"],
            delivered.Select(r => r.Body!["Message"]!["toRecipients"]![0]!["emailAddress"]!["address"]!.GetValue<string>()).Order());
        foreach (var key in new[] { "approval:S1:email:aad-bob", "approval:S1:email:aad-carol", "approval:S1:email:aad-dave" })
        {
            var message = await bot.FindAsync(key);
            Assert.Equal((OutboxStatus.Sent, 3), (message.Status, message.Attempts));
        }
    }

    [Fact]
    public async Task Email_TooManyRequestsWithRetryAfter_IsNotRetriedBeforeIt()
    {
        await using var bot = await GraphBot.StartAsync();
        bot.Graph.FailNext(429, retryAfter: "120", pathContains: "/sendMail");
        await bot.EnqueueAsync(GraphBot.Email("e1", "aad-bob"));

        var throttled = await bot.FindAsync("e1");
        Assert.Equal(bot.Time.GetUtcNow() + TimeSpan.FromSeconds(120), throttled.NextAttemptAt);

        // The backoff alone (10 s) has long passed; Graph's 120 s have not.
        await bot.AdvanceAsync(TimeSpan.FromSeconds(119));
        Assert.Single(bot.Graph.Requests, r => r.Path.EndsWith("/sendMail", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Pending, (await bot.FindAsync("e1")).Status);

        await bot.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal([429, 202], bot.Graph.Requests.Where(r => r.Path.EndsWith("/sendMail", StringComparison.Ordinal)).Select(r => r.Status));
        Assert.Equal(OutboxStatus.Sent, (await bot.FindAsync("e1")).Status);
    }

    [Fact]
    public async Task Restart_WithPendingMessages_DeliversThemOnceAfterTheRestart()
    {
        await using var bot = await GraphBot.StartAsync();
        bot.Graph.Down = true;
        await bot.EnqueueAsync(GraphBot.Email("e-bob", "aad-bob"), GraphBot.Email("e-carol", "aad-carol"));
        Assert.Equal(1, (await bot.FindAsync("e-bob")).Attempts);

        await bot.Bot.RestartAsync();
        bot.Graph.Down = false;
        await bot.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, bot.Graph.Succeeded("/sendMail").Count);
        Assert.Equal(OutboxStatus.Sent, (await bot.FindAsync("e-bob")).Status);
        Assert.Equal(OutboxStatus.Sent, (await bot.FindAsync("e-carol")).Status);

        // Sent messages stay sent across a further restart: nothing goes out again.
        await bot.Bot.RestartAsync();
        await bot.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(2, bot.Graph.Succeeded("/sendMail").Count);
    }

    [Fact]
    public async Task Restart_MessageEnqueuedBeforeTheDispatcherRan_IsPickedUpAtStart()
    {
        await using var bot = await GraphBot.StartAsync(o => o.Settings["Graph:ServiceMailbox"] = "");
        await bot.EnqueueAsync(GraphBot.Email("skipped-before", "aad-bob"));
        Assert.Equal(OutboxStatus.Skipped, (await bot.FindAsync("skipped-before")).Status);

        // Written straight into storage (as another feature's repository does) while no dispatcher looks.
        var store = bot.Bot.Get<PartnershipBot.Storage.LiteDb.LiteDbStore>();
        await store.WriteAsync(db =>
        {
            PartnershipBot.Storage.LiteDb.LiteDbOutbox.Add(db, [GraphBot.Email("e-written", "aad-carol")], bot.Time.GetUtcNow());
            return true;
        }, CancellationToken.None);
        bot.Bot.Options.Settings["Graph:ServiceMailbox"] = GraphBot.ServiceMailbox;
        await bot.Bot.RestartAsync();
        await bot.IdleAsync();

        Assert.Equal(OutboxStatus.Sent, (await bot.FindAsync("e-written")).Status);
        Assert.Single(bot.Graph.Succeeded("/sendMail"));
    }

    [Fact]
    public async Task Enqueue_SameKeyTwice_StoresAndDeliversTheFirstOnly()
    {
        await using var bot = await GraphBot.StartAsync();
        await bot.EnqueueAsync(GraphBot.Email("approval:S1:email:aad-bob", "aad-bob", "First"));
        await bot.EnqueueAsync(GraphBot.Email("approval:S1:email:aad-bob", "aad-bob", "Second"));
        await bot.AdvanceAsync(TimeSpan.FromHours(1));

        var sent = Assert.Single(bot.Graph.Succeeded("/sendMail"));
        Assert.Equal("First", sent.Body!["Message"]!["subject"]!.GetValue<string>());
        Assert.Equal("First", (await bot.FindAsync("approval:S1:email:aad-bob")).Subject);
    }

    [Fact]
    public async Task Email_RecipientWithoutAddress_IsUnreachableAndListedByTopic()
    {
        await using var bot = await GraphBot.StartAsync();
        bot.Graph.AddUser("aad-erin", "Erin Hall", mail: null, userPrincipalName: "");
        await bot.EnqueueAsync(GraphBot.Email("e-erin", "aad-erin"), GraphBot.Email("e-bob", "aad-bob"));

        var unreachable = Assert.Single(await bot.Outbox.UnreachableAsync("submission:S1", CancellationToken.None));
        Assert.Equal("aad-erin", unreachable.RecipientId);
        Assert.Equal("Has no e-mail address in the directory", unreachable.LastError);
        Assert.Single(bot.Graph.Succeeded("/sendMail"));
    }
}
