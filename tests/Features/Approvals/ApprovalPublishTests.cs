using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Register;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>What follows a decision (register entry, card updates) is recorded with it and survives a restart.</summary>
public sealed class ApprovalPublishTests
{
    [Fact]
    public async Task Approve_RestartBeforeCardUpdatesSucceeded_EveryCopyUpdatedOnceAndRegisteredOnceAfterRestart()
    {
        // A clock that does not move: the failed step's retry (15 s later on this clock) never comes before the restart.
        await using var bot = await StartAsync(time: new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 10, 0, 0, TimeSpan.Zero)));
        var alice = bot.User("Alice");
        var approvers = new[] { bot.User("Sam"), bot.User("Sue"), bot.User("Pat") };
        foreach (var approver in approvers)
        {
            await approver.SayAsync("hello");
        }

        var (_, id) = await SubmitAsync(alice);
        var cards = new Dictionary<TeamsUser, ConnectorCall>();
        foreach (var approver in approvers)
        {
            cards[approver] = await MessageWithAsync(bot, approver, "Approval needed");
        }

        bot.Connector.RefuseUpdates = true;
        await approvers[0].ClickAsync(cards[approvers[0]].Card!, "Approve");
        await MessageWithAsync(bot, alice, "Approved");
        await bot.Connector.UpdateRefused.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True((await StoredAsync(bot, id))!.OutcomeToPublish);
        Assert.DoesNotContain(bot.Connector.Calls, c => c.Kind == "update");

        // Updates are refused until the old instance is gone, so none of its attempts can land.
        bot.Options.Settings["Bot:TrustedServiceUrls:1"] = bot.Connector.BaseUrl + "/";
        await bot.RestartAsync(whileStopped: () => bot.Connector.RefuseUpdates = false);
        await bot.Get<ApprovalCardUpdates>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

        foreach (var approver in approvers)
        {
            var update = Assert.Single(bot.Connector.Calls, c => c.Kind == "update" && c.ConversationId == approver.ConversationId);
            Assert.Equal(cards[approver].ActivityId, update.ActivityId);
            Assert.Contains("Approved", CardInspector.AllText(update.Card));
        }

        Assert.False((await StoredAsync(bot, id))!.OutcomeToPublish);
        Assert.Single(await bot.Get<IPartnershipRegister>().AllAsync(default), p => p.Name == "Answer for name");
    }
}
