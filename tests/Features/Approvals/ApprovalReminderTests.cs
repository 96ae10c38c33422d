using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>Pending approvals are reminded to whoever has still to decide, on a fake clock, through the scheduler and the outbox.</summary>
public sealed class ApprovalReminderTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reminders_UndecidedApproverAfterFiveAndTenDays_OnlyThemOnceEachAndNoneAfterTheDecision()
    {
        var clock = new FakeTimeProvider(Start);
        await using var bot = await StartAsync(rule: "All", time: clock, configure: o =>
        {
            // Development mode: channel tokens' lifetimes follow the real clock, not the fake one.
            o.Authenticated = false;
            o.Settings["Scheduler:RunInBackground"] = "false";
        });
        var sam = bot.User("Sam");
        var sue = bot.User("Sue");
        await sam.SayAsync("hello");
        await sue.SayAsync("hello");
        var (_, id) = await SubmitAsync(bot.User("Alice"));

        // Sam approves on day 1; under "All" the proposal still waits for Sue.
        await QuietAsync(bot);
        clock.Advance(TimeSpan.FromDays(1));
        await sam.ClickAsync(CardFor(bot, "aad-sam"), "Approve");

        await RunDaysUntilAsync(bot, clock, Start.AddDays(5).AddMinutes(-1));
        Assert.Empty(Reminders(bot));

        await RunDaysUntilAsync(bot, clock, Start.AddDays(5));
        var first = Reminders(bot);
        Assert.Equal([(OutboxKind.ChatCard, "aad-sue"), (OutboxKind.ActivityFeed, "aad-sue")], first.Select(m => (m.Kind, m.RecipientId)));
        Assert.Equal("approvalReminder", first[1].ActivityType);
        var card = first[0].Payload!;
        Assert.Contains("Reminder 1", CardInspector.AllText(card));
        Assert.Contains("Approve", CardInspector.ButtonTitles(card));
        await DeliveredAsync(bot, sue, "Reminder 1");

        // A restart on the reminder day, a pass again, and the handler run again as after a crash before its "done" mark: nothing new.
        await bot.RestartAsync();
        await QuietAsync(bot);
        clock.Advance(TimeSpan.FromHours(1));
        await RunSchedulerAsync(bot);
        var handled = (await bot.Get<IDuePromptStore>().ForSubjectAsync(id, default)).Single(p => p.Key.EndsWith(":1", StringComparison.Ordinal));
        await bot.Get<IEnumerable<IDuePromptHandler>>().Single(h => h.Kind == ApprovalReminders.Kind).HandleAsync(handled, default);
        var again = Reminders(bot);
        Assert.Equal(first.Select(m => m.IdempotencyKey), again.Select(m => m.IdempotencyKey));
        Assert.Equal((OutboxStatus.Sent, 1), (again[0].Status, again[0].Attempts));
        Assert.Single(bot.Connector.Calls, c => c.ConversationId == sue.ConversationId && c.Shown.Contains("Reminder 1", StringComparison.Ordinal));

        await RunDaysUntilAsync(bot, clock, Start.AddDays(10).AddHours(1));
        var second = Reminders(bot).Skip(2).ToList();
        Assert.Equal([(OutboxKind.ChatCard, "aad-sue"), (OutboxKind.ActivityFeed, "aad-sue")], second.Select(m => (m.Kind, m.RecipientId)));
        Assert.Contains("Reminder 2", CardInspector.AllText(second[0].Payload));

        await sue.ClickAsync(second[0].Payload!, "Approve");
        Assert.Equal(SubmissionStatus.Approved, (await StoredAsync(bot, id))!.Status);
        await RunDaysUntilAsync(bot, clock, Start.AddDays(25));
        Assert.Equal(4, Reminders(bot).Count);
        Assert.DoesNotContain(Outbox(bot), m => m.IdempotencyKey.StartsWith(ApprovalReminders.Kind, StringComparison.Ordinal) && m.RecipientId != "aad-sue");
    }

    [Fact]
    public async Task Reminders_DecidedBeforeDayFive_SendNothing()
    {
        var clock = new FakeTimeProvider(Start);
        await using var bot = await StartAsync(time: clock, configure: o =>
        {
            o.Authenticated = false;
            o.Settings["Scheduler:RunInBackground"] = "false";
        });
        var (_, id) = await SubmitAsync(bot.User("Alice"));
        Assert.Single(await bot.Get<IDuePromptStore>().ForSubjectAsync(id, default));

        await QuietAsync(bot);
        clock.Advance(TimeSpan.FromDays(4));
        await bot.User("Sue").ClickAsync(CardFor(bot, "aad-sue"), "Reject", new Dictionary<string, string> { ["comment"] = "Duplicates the county board" });
        await RunDaysUntilAsync(bot, clock, Start.AddDays(12));
        Assert.Empty(Reminders(bot));
    }

    private static List<OutboxMessage> Reminders(BotHarness bot) =>
        Outbox(bot).Where(m => m.IdempotencyKey.StartsWith(ApprovalReminders.Kind, StringComparison.Ordinal))
            .OrderBy(m => m.IdempotencyKey, StringComparer.Ordinal).ToList();

    /// <summary>Reads a person's chat until a message containing <paramref name="text"/> arrives.</summary>
    private static async Task DeliveredAsync(BotHarness bot, TeamsUser user, string text)
    {
        for (var guard = 0; guard < 10; guard++)
        {
            if ((await bot.Connector.NextAsync(user.ConversationId, TimeSpan.FromSeconds(20))).Shown.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"{user.Name} never received \"{text}\".");
    }

    /// <summary>
    /// Waits until nothing is being delivered: the connector client's timeouts and retry delays run on the fake clock,
    /// so moving it while a request is in flight would time that request out and park its retry until the next move.
    /// </summary>
    private static Task QuietAsync(BotHarness bot) =>
        Task.WhenAll(bot.Get<OutboxSignal>().WhenIdleAsync(), bot.Get<ApprovalCardUpdates>().WhenIdleAsync()).WaitAsync(TimeSpan.FromSeconds(20));

    private static Task<int> RunSchedulerAsync(BotHarness bot) => bot.Get<SchedulerService>().RunDueAsync(CancellationToken.None);

    /// <summary>Moves the clock a day at a time to <paramref name="until"/>, running a scheduler pass each day and at the end.</summary>
    private static async Task RunDaysUntilAsync(BotHarness bot, FakeTimeProvider clock, DateTimeOffset until)
    {
        while (clock.GetUtcNow().AddDays(1) <= until)
        {
            await QuietAsync(bot);
            clock.Advance(TimeSpan.FromDays(1));
            await RunSchedulerAsync(bot);
        }

        await QuietAsync(bot);
        clock.SetUtcNow(until);
        await RunSchedulerAsync(bot);
    }
}
