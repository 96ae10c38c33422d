using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>Issue 16.4: withdraw, "not mine", "approvals", "my proposals" and History, with Graph (fake) and delivered cards.</summary>
public class ApprovalFeatureTests : IAsyncLifetime
{
    /// <summary>Where the bot stores its data; the …OnPostgreSql subclass runs the same dialogues on PostgreSQL.</summary>
    protected virtual BotStorage Storage => BotStorage.LiteDb;

    private readonly FakeGraph _graph = new();
    private BotHarness _bot = null!;

    public async Task InitializeAsync()
    {
        await _graph.StartAsync();
        _graph.AddUser("aad-alice", "Alice Green", "alice.green@council.example");
        _graph.AddUser(PpmId, "Pat Policy", "pat.policy@council.example");
        _graph.AddUser("aad-sam", "Sam Senior", "sam.senior@council.example");
        _graph.AddUser("aad-sue", "Sue Senior", "sue.senior@council.example");
        _graph.AddUser("aad-dana", "Dana Head", "dana.head@council.example");
        _graph.AddUser("aad-dave", "Dave Head", "dave.head@council.example");
        _graph.AddUser("aad-tom", "Tom Deputy", "tom.deputy@council.example", "tom.deputy@council.example");
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private async Task StartAsync(bool divisionalHead = false, Action<HarnessOptions>? configure = null)
    {
        _bot = await BotHarness.StartAsync(o =>
        {
            o.Storage = Storage;
            o.Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 10, 0, 0, TimeSpan.Zero));
            o.Settings["Graph:BaseUrl"] = _graph.GraphBaseUrl;
            o.Settings["Register:RoleHolders:PPM"] = PpmId;
            o.Settings["Approvals:SmtUserIds:0"] = SmtIds[0];
            o.Settings["Approvals:SmtUserIds:1"] = SmtIds[1];
            o.Settings["Approvals:DivisionalHeadStage"] = divisionalHead ? "true" : "false";
            o.Settings["Scheduler:RunInBackground"] = "false";
            configure?.Invoke(o);
        });
    }

    private Task IdleAsync() => _bot.Get<OutboxSignal>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

    [Fact]
    public async Task Withdraw_BySubmitter_EveryDeliveredCopyShowsWithdrawn_RemindersSendNothing_ApproversCannotDecide()
    {
        await StartAsync();
        var alice = _bot.User("Alice Green", "aad-alice");
        var sam = _bot.User("Sam Senior", "aad-sam");
        var sue = _bot.User("Sue Senior", "aad-sue");
        var pat = _bot.User("Pat Policy", PpmId);
        foreach (var approver in new[] { sam, sue, pat })
        {
            await approver.SayAsync("hello");
        }

        var (submitted, id) = await SubmitAsync(alice);
        await IdleAsync();
        var delivered = new Dictionary<TeamsUser, ConnectorCall>();
        foreach (var approver in new[] { sam, sue, pat })
        {
            delivered[approver] = await _bot.Connector.NextAsync(approver.ConversationId);
        }

        // Only the submitter may withdraw (the id on the card proves nothing).
        Assert.Contains("Not allowed", CardInspector.AllText(await sam.ClickAsync(submitted, "Withdraw the proposal")));
        var withdrawn = await alice.ClickAsync(submitted, "Withdraw the proposal");
        Assert.Contains("Withdrawn", CardInspector.AllText(withdrawn));
        var stored = (await StoredAsync(_bot, id))!;
        Assert.Equal(SubmissionStatus.Withdrawn, stored.Status);
        Assert.Contains(stored.Audit, a => a.What == nameof(DecisionKind.Withdrawn) && a.ById == "aad-alice");

        foreach (var approver in new[] { sam, sue, pat })
        {
            var update = await _bot.Connector.NextAsync(approver.ConversationId);
            Assert.Equal(("update", delivered[approver].ActivityId), (update.Kind, update.ActivityId));
            Assert.Contains("Withdrawn", CardInspector.AllText(update.Card));
            Assert.DoesNotContain("Approve", CardInspector.ButtonTitles(update.Card!));
        }

        // The planned reminder falls due: the stage has moved on, so it sends nothing.
        var reminder = Assert.Single(await _bot.Get<IDuePromptStore>().ForSubjectAsync(id, default), p => p.Kind == ApprovalReminders.Kind);
        await _bot.Get<IEnumerable<IDuePromptHandler>>().Single(h => h.Kind == ApprovalReminders.Kind).HandleAsync(reminder, default);
        Assert.DoesNotContain(Outbox(_bot), m => m.IdempotencyKey.StartsWith(ApprovalReminders.Kind, StringComparison.Ordinal));

        var late = await sam.ClickAsync(delivered[sam].Card!, "Approve");
        Assert.Contains("withdrawn", CardInspector.AllText(late));
        Assert.Equal(SubmissionStatus.Withdrawn, (await StoredAsync(_bot, id))!.Status);
    }

    [Fact]
    public async Task ApprovalsMyProposalsAndHistory_ShowWhatWaitsForWhom_HistoryOnlyForReaders()
    {
        await StartAsync();
        var alice = _bot.User("Alice Green", "aad-alice");
        var sam = _bot.User("Sam Senior", "aad-sam");
        await sam.SayAsync("hello");
        var (_, id) = await SubmitAsync(alice);
        await IdleAsync();

        var samList = (await ReplyToAsync(_bot, sam, "approvals")).Card!;
        Assert.Contains("Answer for name", CardInspector.AllText(samList));
        Assert.Contains("still to decide: Sam Senior, Sue Senior", CardInspector.AllText(samList));
        Assert.Contains("Nothing is waiting for your decision", CardInspector.AllText((await ReplyToAsync(_bot, alice, "approvals")).Card));

        var mine = (await ReplyToAsync(_bot, alice, "my proposals")).Card!;
        Assert.Contains("Awaiting a decision by the Senior Management Team", CardInspector.AllText(mine));
        Assert.Contains("waiting since 18 November 2026, 10:00", CardInspector.AllText(mine));

        var history = await sam.ClickAsync(samList, "History");
        var text = CardInspector.AllText(history);
        Assert.Contains("Submitted: version 1", text);
        Assert.Contains("To Sam Senior, delivered", text);
        Assert.Contains("E-mail", text);
        Assert.Contains("Not allowed", CardInspector.AllText(await _bot.User("Bob Other", "aad-bob").ClickAsync(samList, "History")));

        await sam.ClickAsync(CardFor(_bot, "aad-sam"), "Approve");
        Assert.Contains("Approved", CardInspector.AllText(await alice.ClickAsync(mine, "History")));
        Assert.Contains("Nothing is waiting for your decision", CardInspector.AllText((await ReplyToAsync(_bot, sam, "approvals")).Card));
    }

    [Fact]
    public async Task NotMine_DivisionalHeadWithReason_BackToTheSubmitterWhoNamesTheRightOne()
    {
        await StartAsync(divisionalHead: true);
        _graph.SetManager("aad-alice", "aad-dana");
        var alice = _bot.User("Alice Green", "aad-alice");
        var dana = _bot.User("Dana Head", "aad-dana");
        var (_, id) = await SubmitAsync(alice);
        var danaCard = CardFor(_bot, "aad-dana");

        var noReason = await dana.ClickAsync(danaCard, "Not mine to endorse");
        Assert.Contains(ApprovalRules.NotMineNeedsReason, CardInspector.AllText(noReason));
        var back = await dana.ClickAsync(noReason, "Not mine to endorse", new Dictionary<string, string> { ["comment"] = "Alice moved to Dave's division" });
        Assert.DoesNotContain("Endorse", CardInspector.ButtonTitles(back));
        var stored = (await StoredAsync(_bot, id))!;
        Assert.Equal((SubmissionStatus.Submitted, null), (stored.Status, stored.DivisionalHeadId));
        Assert.Equal(DecisionKind.NotTheDivisionalHead, stored.Decisions.Single().Kind);
        var told = Assert.Single(DecisionsTold(_bot, "aad-alice"));
        Assert.Contains("Alice moved to Dave's division", told.Body);
        Assert.Contains("divisional head", told.Body);

        Assert.Contains("sent to Dave Head", (await ReplyToAsync(_bot, alice, "divisional head aad-dave")).Shown);
        Assert.Equal(("aad-dave", SubmissionStatus.AwaitingDivisionalHead), ((await StoredAsync(_bot, id))!.DivisionalHeadId, (await StoredAsync(_bot, id))!.Status));
        Assert.Contains("Not allowed", CardInspector.AllText(await dana.ClickAsync(danaCard, "Endorse", Assessment)));

        // While undecided the submitter may change the Divisional Head again; an unknown id is refused.
        Assert.Contains("does not know anyone", (await ReplyToAsync(_bot, alice, "divisional head aad-nobody")).Shown);
        Assert.Contains("sent to Dana Head", (await ReplyToAsync(_bot, alice, "divisional head aad-dana")).Shown);
        Assert.Contains("sent to Dave Head", (await ReplyToAsync(_bot, alice, "divisional head aad-dave")).Shown);
        Assert.Contains((await StoredAsync(_bot, id))!.Audit, a => a.What == "Divisional Head changed from aad-dana to aad-dave");
        await _bot.User("Dave Head", "aad-dave").ClickAsync(CardFor(_bot, "aad-dave"), "Endorse", Assessment);
        Assert.Equal(SubmissionStatus.UnderReview, (await StoredAsync(_bot, id))!.Status);
    }

    [Fact]
    public async Task ApprovalCard_DeliveredOnlyAfterTheDecision_ShowsTheOutcomeWithoutButtons()
    {
        // Sue has no chat with the bot yet: the app is installed for her and her card waits for Teams to open the chat.
        await StartAsync(configure: o =>
        {
            o.Settings["Graph:InstallAppForUsers"] = "true";
            o.Settings["Graph:TeamsAppId"] = "catalog-app-0001";
            o.Settings["Notifications:BaseRetryDelay"] = "00:00:10";
        });
        var sam = _bot.User("Sam Senior", "aad-sam");
        await sam.SayAsync("hello");
        var (_, id) = await SubmitAsync(_bot.User("Alice Green", "aad-alice"));
        await IdleAsync();
        await sam.ClickAsync(CardFor(_bot, "aad-sam"), "Approve");
        Assert.Equal(SubmissionStatus.Approved, (await StoredAsync(_bot, id))!.Status);

        var sue = _bot.User("Sue Senior", "aad-sue");
        var installed = sue.NewActivity("installationUpdate");
        installed["action"] = "add";
        using (var response = await sue.SendAsync(installed))
        {
            Assert.True(response.IsSuccessStatusCode);
        }

        _bot.Connector.Drain(sue.ConversationId);
        var clock = (FakeTimeProvider)_bot.Options.Time!;
        for (var i = 0; i < 10 && !_bot.Connector.Calls.Any(c => c.ConversationId == sue.ConversationId && c.Kind == "send"); i++)
        {
            await IdleAsync();
            clock.Advance(TimeSpan.FromSeconds(30));
            await IdleAsync();
        }

        var late = _bot.Connector.Calls.First(c => c.ConversationId == sue.ConversationId && c.Kind == "send");
        Assert.Contains("Approved", CardInspector.AllText(late.Card));
        Assert.DoesNotContain("Approve", CardInspector.ButtonTitles(late.Card!));
        Assert.DoesNotContain("Reject", CardInspector.ButtonTitles(late.Card!));
    }

    [Fact]
    public async Task DecisionNeededBy_SetBySubmitter_RemindersSayIt_OverdueEscalatesToThePpmOnce()
    {
        await StartAsync();
        var alice = _bot.User("Alice Green", "aad-alice");
        var (submitted, id) = await SubmitAsync(alice);
        Assert.Contains("Date needed", CardInspector.AllText(await alice.ClickAsync(submitted, "Set the date", new Dictionary<string, string> { ["decisionNeededBy"] = "2026-11-10" })));
        Assert.Contains("Not allowed", CardInspector.AllText(await _bot.User("Sam Senior", "aad-sam").ClickAsync(submitted, "Set the date",
            new Dictionary<string, string> { ["decisionNeededBy"] = "2026-11-20" })));
        var set = await alice.ClickAsync(submitted, "Set the date", new Dictionary<string, string> { ["decisionNeededBy"] = "2026-11-20" });
        Assert.Contains("a decision by 20 November 2026", CardInspector.AllText(set));
        var stored = (await StoredAsync(_bot, id))!;
        Assert.Equal(new DateOnly(2026, 11, 20), stored.DecisionNeededBy);
        Assert.Contains(stored.Audit, a => a.What == "Decision needed by 20 November 2026" && a.ById == "aad-alice");

        var prompts = await _bot.Get<IDuePromptStore>().ForSubjectAsync(id, default);
        var handlers = _bot.Get<IEnumerable<IDuePromptHandler>>().ToList();
        await handlers.Single(h => h.Kind == ApprovalReminders.Kind).HandleAsync(prompts.Single(p => p.Kind == ApprovalReminders.Kind), default);
        var reminder = Outbox(_bot).First(m => m.IdempotencyKey.StartsWith(ApprovalReminders.Kind, StringComparison.Ordinal) && m.Kind == OutboxKind.ChatCard);
        Assert.Contains("The submitter needs a decision by 20 November 2026", CardInspector.AllText(reminder.Payload));

        // Due the day after the date plus Approvals:EscalateAfterDaysOverdue (1); run twice as after a crash: one message.
        var overdue = prompts.Single(p => p.Kind == DecisionDueDate.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), overdue.DueAt);
        var escalation = handlers.Single(h => h.Kind == DecisionDueDate.Kind);
        await escalation.HandleAsync(overdue, default);
        await escalation.HandleAsync(overdue, default);
        var toPat = Assert.Single(Outbox(_bot), m => m.Topic == "overdue:" + id);
        Assert.Equal(PpmId, toPat.RecipientId);
        Assert.Contains("needed a decision by 20 November 2026 and is still waiting for Sam Senior, Sue Senior", toPat.Body);
    }

    [Fact]
    public async Task Reassign_ApproverHandsOnWithReason_NewApproverDecidesOldCannot_PpmHandsOnAnyones()
    {
        await StartAsync();
        var sam = _bot.User("Sam Senior", "aad-sam");
        var (_, id) = await SubmitAsync(_bot.User("Alice Green", "aad-alice"));
        var samCard = CardFor(_bot, "aad-sam");
        const string HandOn = "Hand on to the colleague chosen";

        Assert.Contains(ApprovalRules.ReassignNeedsReason, CardInspector.AllText(await sam.ClickAsync(samCard, HandOn, new Dictionary<string, string> { ["reassignTo"] = "aad-tom" })));
        Assert.Contains("does not know that person", CardInspector.AllText(await sam.ClickAsync(samCard, HandOn,
            new Dictionary<string, string> { ["reassignTo"] = "nobody@council.example", ["comment"] = "On leave" })));
        Assert.Contains("Not allowed", CardInspector.AllText(await _bot.User("Bob Other", "aad-bob").ClickAsync(samCard, HandOn,
            new Dictionary<string, string> { ["reassignTo"] = "aad-tom", ["comment"] = "Mine now" })));

        // A typed sign-in address is checked against the directory; the object id is stored.
        var handed = await sam.ClickAsync(samCard, HandOn, new Dictionary<string, string> { ["reassignTo"] = "tom.deputy@council.example", ["comment"] = "On leave until the 30th" });
        Assert.Contains("Handed on to Tom Deputy", CardInspector.AllText(handed));
        var stored = (await StoredAsync(_bot, id))!;
        Assert.Equal(["aad-tom", "aad-sue"], stored.SmtIds);
        Assert.Contains(stored.Audit, a => a.What == "Reassigned aad-sam to aad-tom" && a.ById == "aad-sam");
        Assert.Contains(stored.Comments, c => c.Text.Contains("On leave until the 30th", StringComparison.Ordinal));
        Assert.Single(Outbox(_bot), m => m.Kind == OutboxKind.ChatCard && m.RecipientId == "aad-tom");

        Assert.Contains("Not allowed", CardInspector.AllText(await sam.ClickAsync(samCard, "Approve")));

        // The PPM hands on Sue's decision (she is on leave) to Dave.
        var pat = _bot.User("Pat Policy", PpmId);
        await pat.ClickAsync(CardFor(_bot, PpmId), HandOn, new Dictionary<string, string> { ["reassignFrom"] = "aad-sue", ["reassignTo"] = "aad-dave", ["comment"] = "Sue is on leave" });
        Assert.Equal(["aad-tom", "aad-dave"], (await StoredAsync(_bot, id))!.SmtIds);

        await _bot.User("Tom Deputy", "aad-tom").ClickAsync(CardFor(_bot, "aad-tom"), "Approve");
        Assert.Equal(SubmissionStatus.Approved, (await StoredAsync(_bot, id))!.Status);
    }

    [Fact]
    public async Task Refer_ThePpmsGuidanceCardLosesItsButtons_OneLiveCardForTheExecutiveStage()
    {
        await StartAsync();
        var pat = _bot.User("Pat Policy", PpmId);
        var sam = _bot.User("Sam Senior", "aad-sam");
        await pat.SayAsync("hello");
        var (_, id) = await SubmitAsync(_bot.User("Alice Green", "aad-alice"));
        await IdleAsync();
        var guidance = await _bot.Connector.NextAsync(pat.ConversationId);
        Assert.Contains("Add guidance comment", CardInspector.ButtonTitles(guidance.Card!));

        await sam.ClickAsync(CardFor(_bot, "aad-sam"), "Refer to Executive", new Dictionary<string, string> { ["comment"] = "Over the limit" });
        await IdleAsync();
        await _bot.Get<ApprovalCardUpdates>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var calls = new[] { await _bot.Connector.NextAsync(pat.ConversationId), await _bot.Connector.NextAsync(pat.ConversationId) };
        var retired = Assert.Single(calls, c => c.Kind == "update");
        Assert.Equal(guidance.ActivityId, retired.ActivityId);
        Assert.DoesNotContain("Add guidance comment", CardInspector.ButtonTitles(retired.Card!));
        Assert.Contains("Referred to the Executive", CardInspector.AllText(retired.Card));
        var live = Assert.Single(calls, c => c.Kind == "send");
        Assert.Contains("Record the Executive's decision", CardInspector.ButtonTitles(live.Card!));
        Assert.False((await StoredAsync(_bot, id))!.OutcomeToPublish);
    }
}
