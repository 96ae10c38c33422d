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

        // Prompt day: the lead officer (the HCS role holder) gets ONE digest of her five partnerships and one feed notice.
        await bot.RunDaysUntilAsync(Prompt2027);
        var prompt = bot.Outbox.Messages.Where(m => m.RecipientId == CycleBot.Hcs).ToList();
        Assert.Equal([(OutboxKind.ChatCard, "annual-digest:aad-hana:2027:chat"), (OutboxKind.ActivityFeed, "annual-digest:aad-hana:2027:feed")], prompt.Select(m => (m.Kind, m.IdempotencyKey)));
        var card = prompt[0].Payload!;
        Assert.Equal(["kp03", "kp07", "kp11", "kp12", "kp13"], Digests.PartnershipIds(card));
        Assert.Contains("Annual reviews 2027", CardInspector.AllText(card));
        Assert.Contains("Terms of reference", CardInspector.AllText(card));
        // Nobody is greeted by a role title: with no name on record or in the directory, just "Hello."
        Assert.Contains("Hello. Please complete the annual review of 5 partnerships below by 15 March 2027", CardInspector.AllText(card).Replace("\n", "", StringComparison.Ordinal));
        Assert.DoesNotContain("Hello Head of", CardInspector.AllText(card).Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal("reviewDue", prompt[1].ActivityType);

        // Nothing more until the reminder after 14 days; the escalation to the PPM comes with the second reminder at 28.
        // However many of her partnerships' reminders fall due, she gets one reminder a day listing what is outstanding.
        await bot.RunDaysUntilAsync(Prompt2027.AddDays(13));
        Assert.Single(Digests.ChatCardsTo(bot.Outbox, CycleBot.Hcs));
        await bot.RunDaysUntilAsync(Prompt2027.AddDays(28));
        var reminders = Digests.ChatCardsTo(bot.Outbox, CycleBot.Hcs).Skip(1).ToList();
        Assert.Equal(["annual-reminder-digest:aad-hana:2027:20270315:chat", "annual-reminder-digest:aad-hana:2027:20270329:chat"], reminders.Select(m => m.IdempotencyKey));
        Assert.Contains("Reminder: annual reviews 2027 still outstanding", CardInspector.AllText(reminders[0].Payload));
        Assert.Equal(["kp03", "kp07", "kp11", "kp12", "kp13"], Digests.PartnershipIds(reminders[0].Payload));
        var escalation = Assert.Single(bot.Outbox.Messages, m => m.IdempotencyKey.StartsWith("annual-escalation-digest:", StringComparison.Ordinal));
        Assert.Equal(("annual-escalation-digest:aad-pat:2027:20270329:chat", CycleBot.Ppm), (escalation.IdempotencyKey, escalation.RecipientId));
        Assert.Contains("Overdue: annual reviews 2027", CardInspector.AllText(escalation.Payload));
        Assert.Contains("Escalation 1 of 3", CardInspector.AllText(escalation.Payload));
        Assert.Contains(CycleBot.CommunitySafety, Digests.PartnershipIds(escalation.Payload, "Open partnership"));

        // The lead officer starts from the digest and completes the questionnaire, recommending disengagement.
        bot.Clock.Advance(TimeSpan.FromHours(2));
        var hana = bot.Harness.User("Hana");
        var step = await Digests.ClickForAsync(hana, card, CycleBot.CommunitySafety);
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

        // Completion ended this partnership's follow-ups: later reminders and escalations list only what is still outstanding.
        var before = bot.Outbox.Messages.Count;
        await bot.RunDaysUntilAsync(Prompt2027.AddYears(1).AddMinutes(-1));
        var later = bot.Outbox.Messages.Skip(before).Where(m => m.Kind == OutboxKind.ChatCard).ToList();
        Assert.Contains(later, m => m.RecipientId == CycleBot.Hcs);
        Assert.All(later, m => Assert.DoesNotContain(CycleBot.CommunitySafety, Digests.PartnershipIds(m.Payload).Concat(Digests.PartnershipIds(m.Payload, "Open partnership"))));

        // 2028 is three cycles after the 2025 review: the annual review asks the three-yearly points as well.
        await bot.RunDaysUntilAsync(Prompt2027.AddYears(1));
        var next = Digests.Prompt(bot.Outbox, CycleBot.Hcs, 2028);
        Assert.Contains(CycleBot.CommunitySafety, Digests.PartnershipIds(next));
        var text = CardInspector.AllText(next);
        Assert.Contains("Community Safety Partnership\nAnnual review with the three-yearly points (section 3.7): complete by 15 March 2028", text);
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

        // Hana leads five partnerships: one proactive digest card in her chat lists them all.
        var card = (await bot.Harness.Connector.NextAsync(hana.ConversationId)).Card!;
        Assert.Equal(["kp03", "kp07", "kp11", "kp12", "kp13"], Digests.PartnershipIds(card));
        // The rolling programme: of her five, the 2027 third of the register is kp07 and kp13.
        var text = CardInspector.AllText(card);
        Assert.Equal(2, text.Split("Annual review with the three-yearly points (section 3.7)").Length - 1);
        Assert.Contains("Castle Point & Rochford Domestic Abuse Panel\nAnnual review with the three-yearly points", text);
    }

    [Fact]
    public async Task Restart_OnThePromptDay_SendsNothingTwice()
    {
        await using var bot = await StartAsync(Prompt2027.AddMinutes(-1));
        await bot.RunSchedulerAsync();
        Assert.Empty(bot.Outbox.Messages);

        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await bot.RunSchedulerAsync();
        // One digest and one feed notice each for the four people asked: Hana, Chris, Eve and Pat (who also answers
        // for the two partnerships whose role has no holder).
        var sent = bot.Outbox.Messages.Count;
        Assert.Equal(["aad-chris", "aad-eve", "aad-hana", "aad-pat"], bot.Outbox.Messages.Where(m => m.Kind == OutboxKind.ChatCard).Select(m => m.RecipientId).Order(StringComparer.Ordinal));
        Assert.Equal(8, sent);

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

        var prompts = Digests.ChatCardsTo(bot.Outbox, CycleBot.Hcs);
        Assert.Equal("annual-digest:aad-hana:2027:chat", Assert.Single(prompts).IdempotencyKey);
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

        // The first pass runs a day after the prompt time (2 March), so the follow-ups count from then.
        Assert.Equal(
            ["annual-digest:aad-hana:2027:chat", "annual-reminder-digest:aad-hana:2027:20270316:chat", "annual-reminder-digest:aad-hana:2027:20270330:chat"],
            Digests.ChatCardsTo(bot.Outbox, CycleBot.Hcs).Select(m => m.IdempotencyKey));
        Assert.Equal(
            ["annual-escalation-digest:aad-pat:2027:20270330:chat", "annual-escalation-digest:aad-pat:2027:20270413:chat"],
            bot.Outbox.Messages.Where(m => m.IdempotencyKey.StartsWith("annual-escalation", StringComparison.Ordinal)).Select(m => m.IdempotencyKey));
    }

    [Fact]
    public async Task EndedPartnership_WhenItsPromptFallsDue_GetsNoPrompt()
    {
        await using var bot = await StartAsync(Prompt2027.AddDays(-1));
        await bot.RunSchedulerAsync();
        var p = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal(EditOutcome.Saved, (await bot.Register.EditAsync(p.Id, null, [new RegisterEdit.End()], CycleBot.Ppm, "Pat", default)).Outcome);

        await bot.RunDaysUntilAsync(Prompt2027.AddDays(40));

        var toHana = Digests.ChatCardsTo(bot.Outbox, CycleBot.Hcs);
        Assert.Equal(["kp07", "kp11", "kp12", "kp13"], Digests.PartnershipIds(toHana[0].Payload));
        Assert.All(bot.Outbox.Messages.Where(m => m.Kind == OutboxKind.ChatCard), m =>
            Assert.DoesNotContain(CycleBot.CommunitySafety, Digests.PartnershipIds(m.Payload).Concat(Digests.PartnershipIds(m.Payload, "Open partnership"))));
        Assert.Contains("kp01", Digests.PartnershipIds(Digests.Prompt(bot.Outbox, "aad-chris", 2027)));
    }

    [Fact]
    public async Task Start_BySomeoneWhoIsNotTheLeadOfficer_IsRefusedAndNoDraftStarts()
    {
        await using var bot = await StartAsync(Prompt2027);
        await bot.RunSchedulerAsync();
        var card = Digests.Prompt(bot.Outbox, CycleBot.Hcs, 2027);

        var refused = await Digests.ClickForAsync(bot.Harness.User("Mallory"), card, CycleBot.CommunitySafety);

        Assert.Contains("Not allowed", CardInspector.AllText(refused));
        Assert.False(StepCard.IsQuestion(refused));
        Assert.Empty(await bot.Harness.Get<PartnershipBot.Features.Journeys.IDraftStore>().ListBySubjectAsync(CycleBot.CommunitySafety, default));
    }
}
