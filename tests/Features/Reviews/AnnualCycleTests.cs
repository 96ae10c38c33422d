using System.Text.Json.Nodes;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>The annual cycle end to end on a fake clock: prompt, reminders, escalation, completion, SMT report, restarts.</summary>
public class AnnualCycleTests
{
    /// <summary>Where the bot stores its data; the …OnPostgreSql subclass runs the same dialogues on PostgreSQL.</summary>
    protected virtual BotStorage Storage => BotStorage.LiteDb;

    private Task<CycleBot> StartAsync(DateTimeOffset now, Action<HarnessOptions>? configure = null, bool recordOutbox = true) =>
        CycleBot.StartAsync(now, o =>
        {
            o.Storage = Storage;
            configure?.Invoke(o);
        }, recordOutbox);

    // 1 March is in GMT, so 09:00 Europe/London is 09:00 UTC.
    private static readonly DateTimeOffset Prompt2027 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SimulatedYear_PromptThroughReminderEscalationAndCompletion_ReportsToSmtAndStopsFollowUps()
    {
        await using var bot = await StartAsync(new DateTimeOffset(2027, 2, 20, 12, 0, 0, TimeSpan.Zero));
        // A three-yearly review in April 2025 makes 2027 an annual-return year and 2028 a three-yearly one.
        await bot.SetDatesAsync(CycleBot.CommunitySafety, lastThreeYearReview: new DateOnly(2025, 4, 10));

        await bot.RunSchedulerAsync();
        Assert.Empty(bot.Outbox.About(CycleBot.CommunitySafety));
        var planned = await bot.Harness.Get<IDuePromptStore>().ForSubjectAsync("kp03/2027", default);
        Assert.Equal(Prompt2027, Assert.Single(planned).DueAt);

        // Prompt day: the lead officer (the HCS role holder) gets the prompt card and an activity-feed notice.
        await bot.RunDaysUntilAsync(Prompt2027);
        var prompt = bot.Outbox.About(CycleBot.CommunitySafety);
        Assert.Equal([(OutboxKind.ChatCard, CycleBot.Hcs), (OutboxKind.ActivityFeed, CycleBot.Hcs)], prompt.Select(m => (m.Kind, m.RecipientId)));
        var card = prompt[0].Payload!;
        Assert.Contains("Annual return 2027", CardInspector.AllText(card));
        Assert.Contains("Terms of reference", CardInspector.AllText(card));
        // Nobody is greeted by a role title: with no name on record or in the directory, just "Hello."
        Assert.Contains("Hello. As the Council's lead officer", CardInspector.AllText(card).Replace("\n", "", StringComparison.Ordinal));
        Assert.DoesNotContain("Hello Head of", CardInspector.AllText(card).Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal("reviewDue", prompt[1].ActivityType);

        // Nothing more until the reminder after 14 days; the escalation to the PPM comes with the second reminder at 28.
        await bot.RunDaysUntilAsync(Prompt2027.AddDays(13));
        Assert.Equal(2, bot.Outbox.About(CycleBot.CommunitySafety).Count);
        await bot.RunDaysUntilAsync(Prompt2027.AddDays(28));
        // Same-day prompts run in parallel, so their order is not fixed.
        var followUps = bot.Outbox.About(CycleBot.CommunitySafety).Skip(2).OrderBy(m => m.IdempotencyKey, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [("annual-escalation:kp03:2027:1:chat", CycleBot.Ppm), ("annual-reminder:kp03:2027:1:chat", CycleBot.Hcs), ("annual-reminder:kp03:2027:2:chat", CycleBot.Hcs)],
            followUps.Select(m => (m.IdempotencyKey, m.RecipientId)));
        Assert.Contains("Overdue", CardInspector.AllText(followUps[0].Payload));
        Assert.Contains("Reminder 1", CardInspector.AllText(followUps[1].Payload));

        // The lead officer starts from the prompt card and completes the questionnaire, recommending disengagement.
        bot.Clock.Advance(TimeSpan.FromHours(2));
        var hana = bot.Harness.User("Hana");
        var step = await hana.ClickAsync(card, "Start");
        for (var guard = 0; StepCard.IsQuestion(step); guard++)
        {
            Assert.True(guard < 40, "The annual return never reached its review.");
            var answers = StepCard.ValidAnswers(step);
            if (StepCard.StepId(step) == "recommendation")
            {
                answers["recommendation"] = "Recommend disengagement";
                answers["reasons"] = "Duplicates the county board.";
                answers["contingentLiabilities"] = "Share of the joint post until March.";
            }

            step = await hana.ClickAsync(step, "Next", answers);
        }

        var done = await hana.ClickAsync(step, "Submit");
        Assert.Contains("AR-2027-", CardInspector.AllText(done));

        var entry = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        var completedOn = new DateOnly(2027, 3, 29);
        Assert.Equal(completedOn, entry.LastAnnualReturn);
        Assert.Equal(completedOn, entry.LastEffectivenessReview);
        Assert.Equal(new DateOnly(2025, 4, 10), entry.LastThreeYearReview);
        var outcome = Assert.Single(entry.Reviews);
        Assert.Equal((2027, ReviewKind.AnnualReturn, Recommendation.RecommendDisengagement), (outcome.CycleYear, outcome.Kind, outcome.Recommendation));
        Assert.Equal("Share of the joint post until March.", outcome.ContingentLiabilities);

        var smt = bot.Outbox.About(CycleBot.CommunitySafety).Where(m => m.Kind == OutboxKind.Email).ToList();
        Assert.Equal(["aad-sam", "aad-sue"], smt.Select(m => m.RecipientId).Order());
        Assert.All(smt, m => Assert.Equal("Annual return 2027 completed: Community Safety Partnership", m.Subject));
        Assert.Contains("Recommend disengagement", smt[0].Body);
        Assert.Contains("Duplicates the county board.", smt[0].Body);

        // Completion cancelled the rest: nothing more about this partnership until next year's prompt.
        var before = bot.Outbox.About(CycleBot.CommunitySafety).Count;
        await bot.RunDaysUntilAsync(Prompt2027.AddYears(1).AddMinutes(-1));
        Assert.Equal(before, bot.Outbox.About(CycleBot.CommunitySafety).Count);

        // 2028 is three cycles after the 2025 review: the annual return asks the three-yearly points as well.
        await bot.RunDaysUntilAsync(Prompt2027.AddYears(1));
        var next = bot.Outbox.About(CycleBot.CommunitySafety).Skip(before).ToList();
        Assert.Equal("annual:kp03:2028:chat", next[0].IdempotencyKey);
        var text = CardInspector.AllText(next[0].Payload);
        Assert.Contains("Annual return with three-yearly review 2028", text);
        Assert.Contains("Terms of reference", text);
        Assert.Contains("The need for the partnership to continue", text);
    }

    [Fact]
    public async Task Prompt_ThroughTheRealOutbox_ArrivesInTheLeadOfficersTeamsChat()
    {
        await using var bot = await StartAsync(Prompt2027.AddHours(-1), recordOutbox: false);
        var hana = bot.Harness.User("Hana");
        await hana.SayAsync("help");

        bot.Clock.SetUtcNow(Prompt2027);
        await bot.RunSchedulerAsync();

        // Hana leads five partnerships; each prompt is a proactive card in her chat.
        var cards = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            cards.Add(CardInspector.AllText((await bot.Harness.Connector.NextAsync(hana.ConversationId)).Card));
        }

        Assert.Single(cards, c => c.Contains("Community Safety Partnership", StringComparison.Ordinal));
        Assert.All(cards, c => Assert.Contains("Annual return", c));
        // The rolling programme: of her five (kp03, kp07, kp11, kp12, kp13), the 2027 third of the register is kp07 and kp13.
        Assert.Equal(2, cards.Count(c => c.Contains("Annual return with three-yearly review 2027", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Restart_OnThePromptDay_SendsNothingTwice()
    {
        await using var bot = await StartAsync(Prompt2027.AddMinutes(-1));
        await bot.RunSchedulerAsync();
        Assert.Empty(bot.Outbox.Messages);

        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await bot.RunSchedulerAsync();
        var sent = bot.Outbox.Messages.Count;
        Assert.True(sent >= 32, $"Every Active partnership should have had its prompt; {sent} messages.");

        await bot.RestartAsync();
        await bot.RunSchedulerAsync();
        bot.Clock.Advance(TimeSpan.FromHours(3));
        await bot.RunSchedulerAsync();
        await bot.RestartAsync();
        await bot.RunSchedulerAsync();

        Assert.Equal(sent, bot.Outbox.Messages.Count);
        Assert.Equal(sent, bot.Outbox.Messages.Select(m => m.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task Downtime_OverThePromptDay_PromptSentOnceAtStartAndRemindersCountFromThen()
    {
        await using var bot = await StartAsync(Prompt2027.AddDays(-10));
        await bot.RunSchedulerAsync();
        Assert.Empty(bot.Outbox.Messages);

        // The bot is down from before the prompt until three days after it.
        var back = Prompt2027.AddDays(3);
        bot.Clock.SetUtcNow(back);
        await bot.RestartAsync();
        await bot.RunSchedulerAsync();
        await bot.RunSchedulerAsync();

        var prompts = bot.Outbox.About(CycleBot.CommunitySafety).Where(m => m.Kind == OutboxKind.ChatCard).ToList();
        Assert.Equal("annual:kp03:2027:chat", Assert.Single(prompts).IdempotencyKey);
        var followUps = await bot.Harness.Get<IDuePromptStore>().ForSubjectAsync("kp03/2027", default);
        Assert.Equal(back.AddDays(14), followUps.Single(p => p.Key == "annual-reminder:kp03:2027:1").DueAt);
        Assert.Equal(back.AddDays(28), followUps.Single(p => p.Key == "annual-escalation:kp03:2027:1").DueAt);
    }

    [Fact]
    public async Task FollowUps_AfterTheLastOne_StopAtTheConfiguredBound()
    {
        await using var bot = await StartAsync(Prompt2027, o =>
        {
            o.Settings["Reviews:MaxReminders"] = "2";
            o.Settings["Reviews:MaxEscalations"] = "2";
        });

        await bot.RunDaysUntilAsync(Prompt2027.AddDays(200));

        var keys = bot.Outbox.About(CycleBot.CommunitySafety).Where(m => m.Kind == OutboxKind.ChatCard).Select(m => m.IdempotencyKey).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["annual-escalation:kp03:2027:1:chat", "annual-escalation:kp03:2027:2:chat",
             "annual-reminder:kp03:2027:1:chat", "annual-reminder:kp03:2027:2:chat", "annual:kp03:2027:chat"],
            keys);
    }

    [Fact]
    public async Task EndedPartnership_WhenItsPromptFallsDue_GetsNoPrompt()
    {
        await using var bot = await StartAsync(Prompt2027.AddDays(-1));
        await bot.RunSchedulerAsync();
        var p = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal(EditOutcome.Saved, (await bot.Register.EditAsync(p.Id, null, [new RegisterEdit.End()], CycleBot.Ppm, "Pat", default)).Outcome);

        await bot.RunDaysUntilAsync(Prompt2027.AddDays(40));

        Assert.Empty(bot.Outbox.About(CycleBot.CommunitySafety));
        Assert.NotEmpty(bot.Outbox.About("kp01"));
    }

    [Fact]
    public async Task Start_BySomeoneWhoIsNotTheLeadOfficer_IsRefusedAndNoDraftStarts()
    {
        await using var bot = await StartAsync(Prompt2027);
        await bot.RunSchedulerAsync();
        var card = bot.Outbox.About(CycleBot.CommunitySafety)[0].Payload!;

        var refused = await bot.Harness.User("Mallory").ClickAsync(card, "Start");

        Assert.Contains("Not allowed", CardInspector.AllText(refused));
        Assert.False(StepCard.IsQuestion(refused));
        Assert.Empty(await bot.Harness.Get<PartnershipBot.Features.Journeys.IDraftStore>().ListBySubjectAsync(CycleBot.CommunitySafety, default));
    }
}
