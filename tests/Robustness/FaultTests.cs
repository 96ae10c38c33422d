using System.Text.RegularExpressions;
using PartnershipBot.Bench.Bot;
using PartnershipBot.Bench.Play;
using PartnershipBot.Notifications;
using PartnershipBot.Storage;
using PartnershipBot.Tests.Harness;
using PartnershipBot.Tests.Notifications;

namespace PartnershipBot.Tests.Robustness;

/// <summary>
/// Faults of the services around the bot while officers work: the Bot Connector refusing a share of calls with the
/// statuses Teams documents as retryable, and Microsoft Graph down for a period. Nothing may be lost or sent twice,
/// and the bot must recover by itself.
/// </summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Connector_RefusingAQuarterOfCalls_NoAnswerLostNoReplySentTwiceAndRecovers()
    {
        await using var connector = new StubConnector(new FaultPlan(0.25, RetryAfterSeconds: 1));
        await connector.StartAsync();
        await using var bot = await BotHarness.StartAsync(o => o.Authenticated = false);
        var channel = new HarnessChannel(bot, connector);

        // Officers type their answers, so every answer's reply (the next question) goes through the failing connector.
        var (whileFailing, _) = await PlayAsync(channel, connector.ServiceUrl, phase: 1, users: 4);
        var refused = connector.FailedOnPurpose;
        connector.Faults = FaultPlan.None;
        var (afterRecovery, failedAfterRecovery) = await PlayAsync(channel, connector.ServiceUrl, phase: 2, users: 2);

        Assert.True(refused >= FaultPlan.Statuses.Length, $"Only {refused} calls were refused: 429, 412, 502 and 504 were not all seen.");
        Assert.All(whileFailing.Concat(afterRecovery), j => Assert.True(j.Completed, j.Failure));
        Assert.Equal(0, failedAfterRecovery);
        Assert.Equal(0, connector.DuplicateReplies);
        var acknowledged = whileFailing.Concat(afterRecovery).SelectMany(j => j.AcknowledgedTokens).ToList();
        Assert.True(acknowledged.Count > 50, $"Only {acknowledged.Count} answers were acknowledged.");
        Assert.Empty(acknowledged.Except(StoredTokens(bot)));
    }

    [Fact]
    public async Task Graph_DownWhileOfficersSubmit_EveryNotificationDeliveredExactlyOnceAfterItRecovers()
    {
        await using var connector = new StubConnector();
        await connector.StartAsync();
        await using var graph = await GraphBot.StartAsync(o =>
        {
            o.Settings["Register:RoleHolders:PPM"] = "aad-bob";
            o.Settings["Approvals:SmtUserIds:0"] = "aad-carol";
            o.Settings["Approvals:SmtUserIds:1"] = "aad-dave";
            o.Settings["Approvals:DivisionalHeadStage"] = "false";
            // The played journeys come from the bench's tenant.
            o.Settings["Bot:AllowedTenantIds:1"] = "tenant-bench";
        });
        var channel = new HarnessChannel(graph.Bot, connector);
        graph.Graph.Down = true;

        var (submitted, _) = await PlayAsync(channel, connector.ServiceUrl, phase: 3, users: 3);
        // Submissions do not wake the dispatcher (reported to the lead): its one-minute poll finds them.
        await graph.AdvanceAsync(TimeSpan.FromMinutes(1));
        await graph.AdvanceAsync(TimeSpan.FromSeconds(20));
        var duringOutage = Outbox(graph.Bot).Where(m => m.Kind == OutboxKind.Email).ToList();
        graph.Graph.Down = false;
        await graph.AdvanceAsync(TimeSpan.FromMinutes(1));
        await graph.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.All(submitted, j => Assert.True(j.Completed, j.Failure));
        // Three submissions, each e-mailed to the PPM and both SMT members; all were tried and failed while Graph was down.
        Assert.Equal(9, duringOutage.Count);
        Assert.All(duringOutage, m => Assert.True(m.Status == OutboxStatus.Pending && m.Attempts >= 2, $"{m.IdempotencyKey}: {m.Status} after {m.Attempts} attempts"));
        var emails = Outbox(graph.Bot).Where(m => m.Kind is OutboxKind.Email or OutboxKind.ActivityFeed).ToList();
        Assert.All(emails, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        var delivered = graph.Graph.Succeeded("/sendMail");
        Assert.Equal(9, delivered.Count);
        Assert.Equal(9, delivered.Select(r => r.Body!.ToJsonString()).Distinct().Count());
        Assert.Equal(emails.Count(m => m.Kind == OutboxKind.ActivityFeed), graph.Graph.Succeeded("/sendActivityNotification").Count);
    }

    /// <summary>
    /// Several officers at once, each playing one whole new-partnership journey, typing the answers they can. An
    /// officer whose turn got no answer (the connector refused every retry) tries again, as a person would; the
    /// number of such turns is returned.
    /// </summary>
    private static async Task<(List<Journey> Journeys, int FailedTurns)> PlayAsync(IBotChannel channel, string serviceUrl, int phase, int users)
    {
        var journeys = Enumerable.Range(0, users)
            .Select(u => new Journey(channel, new TeamsActivities(serviceUrl, $"officer{phase}x{u}"), new CardPlayer(phase, u), typeAnswers: true))
            .ToList();
        var failed = 0;
        await Task.WhenAll(journeys.Select(async journey =>
        {
            for (var attempt = 0; attempt < 5 && await journey.RunAsync(null, CancellationToken.None) is not null && !journey.IsOver; attempt++)
            {
                Interlocked.Increment(ref failed);
            }
        }));
        return (journeys, failed);
    }

    private static HashSet<string> StoredTokens(BotHarness bot)
    {
        var pattern = new Regex(CardPlayer.TokenPattern);
        return bot.Get<LiteDbStore>().Collection("drafts").FindAll()
            .SelectMany(d => pattern.Matches(d["json"].AsString).Select(m => m.Value))
            .ToHashSet();
    }

    private static List<OutboxMessage> Outbox(BotHarness bot) =>
        bot.Get<LiteDbStore>().Collection("outbox").FindAll().Select(StoredDocument.FromBson<OutboxMessage>).ToList();
}
