using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>
/// Issue 17.7: the digest's "Remind me in a week", "Not my partnership" (to the PPM, who reassigns with the people
/// picker) and "Delegate to a colleague", through the real pipeline on a fake clock; stale and other people's clicks refused.
/// </summary>
public sealed class AnnualDigestActionsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Prompt2027 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private FakeGraph _graph = null!;
    private CycleBot _bot = null!;

    public async Task InitializeAsync()
    {
        _graph = new FakeGraph();
        await _graph.StartAsync();
        _graph.AddUser("aad-dana", "Dana Head", "dana@council.example");
        _graph.AddUser(CycleBot.Hcs, "Hana Jones", "hana@council.example");
        _graph.AddUser(CycleBot.Ppm, "Pat Policy", "pat@council.example");
        // Signed channel tokens, so the directory is Graph (the fake one); token lifetimes follow the real clock.
        _bot = await CycleBot.StartAsync(Prompt2027, o =>
        {
            o.Authenticated = true;
            o.Settings["Graph:BaseUrl"] = _graph.GraphBaseUrl;
        });
        await _bot.RunSchedulerAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private JsonObject HanasDigest => Digests.Prompt(_bot.Outbox, CycleBot.Hcs, 2027);

    private IReadOnlyList<OutboxMessage> ChatTo(string person, string keyPrefix) =>
        Digests.ChatCardsTo(_bot.Outbox, person).Where(m => m.IdempotencyKey.StartsWith(keyPrefix, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task RemindMeInAWeek_Clicked_HoldsRemindersUntilThenSurvivesRestartAndSendsWhatIsOutstanding()
    {
        var hana = _bot.Harness.User("Hana");
        Assert.Contains("Hello Hana Jones. Please complete the annual review of 5 partnerships", CardInspector.AllText(HanasDigest).Replace("\n", "", StringComparison.Ordinal));
        await _bot.RunDaysUntilAsync(Prompt2027.AddDays(10));

        var snoozed = await hana.ClickAsync(HanasDigest, "Remind me in a week");
        Assert.Contains("On 18 March 2027 I'll send you what is still outstanding", CardInspector.AllText(snoozed));
        // Clicking again keeps the one reminder already set.
        var again = await hana.ClickAsync(HanasDigest, "Remind me in a week");
        Assert.Contains("On 18 March 2027", CardInspector.AllText(again));
        Assert.Single(await _bot.Harness.Get<IDuePromptStore>().ForSubjectAsync("snooze:aad-hana/2027", default));

        // The 14-day reminder (15 March) is held; a restart does not forget the snooze.
        await _bot.RestartAsync();
        await _bot.RunDaysUntilAsync(Prompt2027.AddDays(16));
        Assert.Empty(ChatTo(CycleBot.Hcs, "annual-reminder-digest:"));
        Assert.Empty(ChatTo(CycleBot.Hcs, "annual-snooze:"));

        await _bot.RunDaysUntilAsync(Prompt2027.AddDays(17).AddHours(1));
        var reminder = Assert.Single(ChatTo(CycleBot.Hcs, "annual-snooze:"));
        Assert.Equal(["kp03", "kp07", "kp11", "kp12", "kp13"], Digests.PartnershipIds(reminder.Payload));
        Assert.Contains("Reminder: annual reviews 2027 still outstanding", CardInspector.AllText(reminder.Payload));

        // After the week the usual reminders resume; the PPM's escalation was never held.
        await _bot.RunDaysUntilAsync(Prompt2027.AddDays(28).AddHours(1));
        Assert.Equal(["annual-reminder-digest:aad-hana:2027:20270329:chat"], ChatTo(CycleBot.Hcs, "annual-reminder-digest:").Select(m => m.IdempotencyKey));
        Assert.Single(ChatTo(CycleBot.Ppm, "annual-escalation-digest:"));
    }

    [Fact]
    public async Task DigestButtons_StaleCycleOrSomeoneElse_AreRefusedAndNothingChanges()
    {
        var mallory = _bot.Harness.User("Mallory");

        var snooze = await mallory.ClickAsync(HanasDigest, "Remind me in a week");
        var notMine = await Digests.ClickForAsync(mallory, HanasDigest, CycleBot.CommunitySafety, "Not my partnership");
        var delegated = await Digests.ClickForAsync(mallory, HanasDigest, CycleBot.CommunitySafety, "Delegate to a colleague");
        var forged = await mallory.InvokeAsync(CardVerbs.AnnualNotMineSend,
            new JsonObject { ["verb"] = CardVerbs.AnnualNotMineSend, ["partnershipId"] = CycleBot.CommunitySafety, ["cycle"] = 2027, ["reason"] = "mine now" });

        Assert.Contains("Nothing outstanding", CardInspector.AllText(snooze));
        Assert.All([notMine, delegated, forged], c => Assert.Contains("Not allowed", CardInspector.AllText(c)));

        // A year on, last year's card cannot act on this year's review.
        await _bot.RunDaysUntilAsync(Prompt2027.AddYears(1).AddHours(1));
        var hana = _bot.Harness.User("Hana");
        var stale = await Digests.ClickForAsync(hana, HanasDigest, CycleBot.CommunitySafety, "Not my partnership");
        var staleStart = await Digests.ClickForAsync(hana, HanasDigest, CycleBot.CommunitySafety);
        Assert.All([stale, staleStart], c => Assert.Contains("This card is for the 2027 cycle; the 2028 cycle is running now", CardInspector.AllText(c)));
        Assert.Empty((await _bot.Register.FindAsync(CycleBot.CommunitySafety, default))!.HandOvers);
    }

    [Fact]
    public async Task NotMyPartnership_ReasonGoesToPpm_PpmReassignsWithThePicker_NewLeadPromptedAndAudited()
    {
        var hana = _bot.Harness.User("Hana");
        var form = await Digests.ClickForAsync(hana, HanasDigest, CycleBot.CommunitySafety, "Not my partnership");
        var empty = await hana.ClickAsync(form, "Send to the People and Policy Manager", new Dictionary<string, string> { ["reason"] = "  " });
        Assert.Contains("Give a reason", CardInspector.AllText(empty));
        var sent = await hana.ClickAsync(form, "Send to the People and Policy Manager", new Dictionary<string, string> { ["reason"] = "It moved to Housing; ask [Dana](http://x)." });
        Assert.Contains("Sent to the People and Policy Manager", CardInspector.AllText(sent));

        var entry = (await _bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        var notMine = Assert.Single(entry.HandOvers);
        Assert.Equal((HandOverKind.NotMine, 2027, CycleBot.Hcs, "It moved to Housing; ask [Dana](http://x)."), (notMine.Kind, notMine.Cycle, notMine.ById, notMine.Reason));
        Assert.Contains("said this is not their partnership", entry.History[^1].What);
        var ppmCard = Assert.Single(ChatTo(CycleBot.Ppm, "annual-notmine:")).Payload!;
        Assert.Contains("It moved to Housing; ask [Dana](http://x).", CardInspector.AllText(ppmCard));
        Assert.Contains("graph.microsoft.com/users", ppmCard.ToJsonString());

        // Only the PPM reassigns, only to someone the directory knows; a typed sign-in address is resolved to the person.
        var refused = await hana.ClickAsync(ppmCard, "Reassign", new Dictionary<string, string> { ["newLead"] = "aad-dana" });
        Assert.Contains("Not allowed", CardInspector.AllText(refused));
        var pat = _bot.Harness.User("Pat");
        Assert.Contains("Choose the person first", CardInspector.AllText(await pat.ClickAsync(ppmCard, "Reassign", new Dictionary<string, string> { ["newLead"] = "none" })));
        Assert.Contains("does not know that person", CardInspector.AllText(await pat.ClickAsync(ppmCard, "Reassign", new Dictionary<string, string> { ["newLead"] = "nobody@council.example" })));
        Assert.Equal(CycleBot.Hcs, (await _bot.Register.FindAsync(CycleBot.CommunitySafety, default))!.LeadOfficerId);

        var done = await pat.ClickAsync(ppmCard, "Reassign", new Dictionary<string, string> { ["newLead"] = "dana@council.example" });
        Assert.Contains("Reassigned to Dana Head", CardInspector.AllText(done));
        entry = (await _bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal(("aad-dana", "Dana Head"), (entry.LeadOfficerId, entry.LeadOfficerName));
        Assert.Equal((HandOverKind.Reassigned, "aad-dana", CycleBot.Ppm), (entry.HandOvers[^1].Kind, entry.HandOvers[^1].ToId, entry.HandOvers[^1].ById));
        Assert.Contains("Lead officer reassigned by Pat Policy to Dana Head", entry.History[^1].What);
        // Hana, who said it was not hers, is told it is settled.
        var told = Assert.Single(ChatTo(CycleBot.Hcs, "annual-reassigned:")).Payload;
        Assert.Contains("Pat Policy has made Dana Head the lead officer of Community Safety Partnership. You are no longer its lead officer, and its 2027 annual review is no longer asked of you.",
            CardInspector.AllText(told).Replace("\n", "", StringComparison.Ordinal));

        // The PPM's second click is stale; Hana's old Start no longer works; Dana has her prompt and starts the review.
        Assert.Contains("Already reassigned", CardInspector.AllText(await pat.ClickAsync(ppmCard, "Reassign", new Dictionary<string, string> { ["newLead"] = "aad-dana" })));
        Assert.Contains("Not allowed", CardInspector.AllText(await Digests.ClickForAsync(hana, HanasDigest, CycleBot.CommunitySafety)));
        var danasPrompt = Assert.Single(Digests.ChatCardsTo(_bot.Outbox, "aad-dana")).Payload!;
        Assert.Contains("The People and Policy Manager has made you the lead officer of Community Safety Partnership", CardInspector.AllText(danasPrompt));
        var step = await Digests.ClickForAsync(_bot.Harness.User("Dana", "aad-dana"), danasPrompt, CycleBot.CommunitySafety);
        Assert.True(StepCard.IsQuestion(step));

        // Reminders now go to Dana for it, and Hana's no longer list it.
        await _bot.RunDaysUntilAsync(Prompt2027.AddDays(14).AddHours(1));
        Assert.Equal([CycleBot.CommunitySafety], Digests.PartnershipIds(Assert.Single(ChatTo("aad-dana", "annual-reminder-digest:")).Payload));
        Assert.DoesNotContain(CycleBot.CommunitySafety, Digests.PartnershipIds(Assert.Single(ChatTo(CycleBot.Hcs, "annual-reminder-digest:")).Payload));

        // The hand-over's card was her prompt: after a restart the scheduler sends her no second one.
        await _bot.RestartAsync();
        await _bot.RunSchedulerAsync();
        Assert.Equal(2, Digests.ChatCardsTo(_bot.Outbox, "aad-dana").Count);
        Assert.Single(ChatTo(CycleBot.Hcs, "annual-reassigned:"));
    }

    [Fact]
    public async Task Reassign_ByEditMidCycle_NewLeadOfficerGetsOnePromptCard_OldLeadOfficersRemindersDropIt_NothingTwiceAcrossARestart()
    {
        // Ten days into the cycle the PPM gives Community Safety to Chris (who had his digest) and the Domestic Abuse
        // Panel to Dana (who had none), with the register's Edit card.
        await _bot.RunDaysUntilAsync(Prompt2027.AddDays(10));
        var pat = _bot.Harness.User("Pat");
        foreach (var (id, lead, name) in new[] { (CycleBot.CommunitySafety, "aad-chris", "Chris Exec"), ("kp07", "aad-dana", "Dana Head") })
        {
            var detail = await pat.InvokeAsync(CardVerbs.PartnershipOpen, new JsonObject { ["verb"] = CardVerbs.PartnershipOpen, ["partnershipId"] = id });
            var form = await pat.ClickAsync(detail, "Edit");
            var inputs = StepCard.Inputs(form).Where(i => i["value"] is JsonValue).ToDictionary(i => (string)i["id"]!, i => i["value"]!.ToString());
            inputs["leadOfficerId"] = lead;
            inputs["leadOfficerName"] = name;
            Assert.Contains(name, CardInspector.AllText(await pat.ClickAsync(form, "Save", inputs)));
        }

        Assert.Equal(Prompt2027.AddDays(10), (await _bot.Register.FindAsync(CycleBot.CommunitySafety, default))!.LeadSince);
        Assert.Empty(ChatTo("aad-chris", "annual-new-lead:"));

        // The next pass sends each new lead officer one card for it, with Start; Dana gets no digest besides.
        await _bot.RunSchedulerAsync();
        await _bot.RestartAsync();
        await _bot.RunSchedulerAsync();
        var chris = Assert.Single(ChatTo("aad-chris", "annual-new-lead:"));
        Assert.Equal($"annual-new-lead:aad-chris:2027:{Prompt2027.AddDays(10).UtcTicks}:chat", chris.IdempotencyKey);
        Assert.Equal([CycleBot.CommunitySafety], Digests.PartnershipIds(chris.Payload));
        Assert.Contains("You are now the lead officer of Community Safety Partnership, so its 2027 annual review is yours.", CardInspector.AllText(chris.Payload).Replace("\n", "", StringComparison.Ordinal));
        var dana = Assert.Single(Digests.ChatCardsTo(_bot.Outbox, "aad-dana"));
        Assert.StartsWith("annual-new-lead:aad-dana:2027:", dana.IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal(["kp07"], Digests.PartnershipIds(dana.Payload));
        Assert.Contains("Hello Dana Head.", CardInspector.AllText(dana.Payload).Replace("\n", "", StringComparison.Ordinal));
        Assert.True(StepCard.IsQuestion(await Digests.ClickForAsync(_bot.Harness.User("Chris"), chris.Payload!, CycleBot.CommunitySafety)));

        // At 14 days the reminders follow the register: Chris and Dana are reminded of theirs, Hana of neither.
        await _bot.RunDaysUntilAsync(Prompt2027.AddDays(14).AddHours(1));
        Assert.Contains(CycleBot.CommunitySafety, Digests.PartnershipIds(Assert.Single(ChatTo("aad-chris", "annual-reminder-digest:")).Payload));
        Assert.Equal(["kp07"], Digests.PartnershipIds(Assert.Single(ChatTo("aad-dana", "annual-reminder-digest:")).Payload));
        var hanas = Digests.PartnershipIds(Assert.Single(ChatTo(CycleBot.Hcs, "annual-reminder-digest:")).Payload);
        Assert.DoesNotContain(CycleBot.CommunitySafety, hanas);
        Assert.DoesNotContain("kp07", hanas);
        var keys = _bot.Outbox.Messages.Select(m => m.IdempotencyKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task Reassign_ByEditCard_PreviousLeadOfficerToldWithTheChange_NewLeadPrompted_StaleOrSameLeadEditTellsNobody()
    {
        await _bot.RunDaysUntilAsync(Prompt2027.AddDays(10));
        var pat = _bot.Harness.User("Pat");
        var detail = await pat.InvokeAsync(CardVerbs.PartnershipOpen, new JsonObject { ["verb"] = CardVerbs.PartnershipOpen, ["partnershipId"] = CycleBot.CommunitySafety });
        var form = await pat.ClickAsync(detail, "Edit");
        var staleForm = await pat.ClickAsync(detail, "Edit");

        // Pat gives Community Safety to Chris with the Edit card: Hana, its lead officer until now, is told at once.
        Assert.Contains("Chris Exec", CardInspector.AllText(await pat.ClickAsync(form, "Save", EditInputs(form, "aad-chris", "Chris Exec"))));
        var entry = (await _bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal("aad-chris", entry.LeadOfficerId);
        var told = Assert.Single(ChatTo(CycleBot.Hcs, "annual-reassigned:"));
        Assert.Equal($"annual-reassigned:{CycleBot.CommunitySafety}:2027:aad-chris:{entry.Version}:previous:chat", told.IdempotencyKey);
        Assert.Contains("Pat has made Chris Exec the lead officer of Community Safety Partnership. You are no longer its lead officer, and its 2027 annual review is no longer asked of you.",
            CardInspector.AllText(told.Payload).Replace("\n", "", StringComparison.Ordinal));
        // Written to the stored outbox with the change itself (one unit of work), not by a later step; the dispatcher
        // may already have taken it on, so only its being there is checked.
        Assert.Equal(CycleBot.Hcs, (await _bot.Harness.Get<IOutboxStore>().FindAsync(told.IdempotencyKey, default))?.RecipientId);

        // A second Edit card shown before the change is stale: nothing saved, nobody told.
        Assert.Contains("Changed meanwhile", CardInspector.AllText(await pat.ClickAsync(staleForm, "Save", EditInputs(staleForm, "aad-dana", "Dana Head"))));
        Assert.Equal("aad-chris", (await _bot.Register.FindAsync(CycleBot.CommunitySafety, default))!.LeadOfficerId);
        Assert.Single(_bot.Outbox.Messages, m => m.IdempotencyKey.StartsWith("annual-reassigned:", StringComparison.Ordinal));

        // An edit that keeps the lead officer tells nobody.
        var again = await pat.ClickAsync(await pat.InvokeAsync(CardVerbs.PartnershipOpen, new JsonObject { ["verb"] = CardVerbs.PartnershipOpen, ["partnershipId"] = CycleBot.CommunitySafety }), "Edit");
        var inputs = EditInputs(again, "aad-chris", "Chris Exec");
        inputs["purpose"] = "Safer streets for all";
        Assert.Contains("Safer streets for all", CardInspector.AllText(await pat.ClickAsync(again, "Save", inputs)));
        Assert.Single(_bot.Outbox.Messages, m => m.IdempotencyKey.StartsWith("annual-reassigned:", StringComparison.Ordinal));

        // The new lead officer gets the cycle's prompt for it on the next pass, once.
        await _bot.RunSchedulerAsync();
        await _bot.RunSchedulerAsync();
        Assert.Equal([CycleBot.CommunitySafety], Digests.PartnershipIds(Assert.Single(ChatTo("aad-chris", "annual-new-lead:")).Payload));
    }

    private static Dictionary<string, string> EditInputs(JsonObject form, string leadId, string leadName)
    {
        var inputs = StepCard.Inputs(form).Where(i => i["value"] is JsonValue).ToDictionary(i => (string)i["id"]!, i => i["value"]!.ToString());
        inputs["leadOfficerId"] = leadId;
        inputs["leadOfficerName"] = leadName;
        return inputs;
    }

    [Fact]
    public async Task Delegate_ColleagueFromThePicker_GetsThePromptAndCompletes_LeadOfficerStaysAccountableAndIsTold()
    {
        const string Panel = "kp07";
        var hana = _bot.Harness.User("Hana");
        var form = await Digests.ClickForAsync(hana, HanasDigest, Panel, "Delegate to a colleague");
        Assert.Contains("graph.microsoft.com/users", form.ToJsonString());
        Assert.Contains("does not know that person", CardInspector.AllText(await hana.ClickAsync(form, "Delegate", new Dictionary<string, string> { ["colleague"] = "aad-ghost" })));
        Assert.Contains("That is the partnership's lead officer", CardInspector.AllText(await hana.ClickAsync(form, "Delegate", new Dictionary<string, string> { ["colleague"] = "hana@council.example" })));

        var delegated = await hana.ClickAsync(form, "Delegate", new Dictionary<string, string> { ["colleague"] = "aad-dana" });
        Assert.Contains("Delegated to Dana Head", CardInspector.AllText(delegated));
        Assert.Contains("You stay accountable for it", CardInspector.AllText(delegated));
        var entry = (await _bot.Register.FindAsync(Panel, default))!;
        Assert.Equal((HandOverKind.Delegated, 2027, "aad-dana", CycleBot.Hcs), (entry.HandOvers[^1].Kind, entry.HandOvers[^1].Cycle, entry.HandOvers[^1].ToId, entry.HandOvers[^1].ById));
        Assert.Equal(CycleBot.Hcs, entry.LeadOfficerId);
        Assert.Contains("delegated by Hana Jones to Dana Head", entry.History[^1].What);

        // Dana's prompt lists only the delegated review, without the hand-over buttons; at 14 days both are reminded.
        var danasPrompt = Assert.Single(Digests.ChatCardsTo(_bot.Outbox, "aad-dana")).Payload!;
        Assert.Equal([Panel], Digests.PartnershipIds(danasPrompt));
        Assert.Empty(Digests.PartnershipIds(danasPrompt, "Delegate to a colleague"));
        await _bot.RunDaysUntilAsync(Prompt2027.AddDays(14).AddHours(1));
        Assert.Equal([Panel], Digests.PartnershipIds(Assert.Single(ChatTo("aad-dana", "annual-reminder-digest:")).Payload));
        var hanasReminder = Assert.Single(ChatTo(CycleBot.Hcs, "annual-reminder-digest:")).Payload!;
        Assert.Contains(Panel, Digests.PartnershipIds(hanasReminder));
        Assert.Contains("Delegated to Dana Head, who may complete it; you stay accountable.", CardInspector.AllText(hanasReminder));

        // Dana completes the review herself.
        var dana = _bot.Harness.User("Dana", "aad-dana");
        var step = await Digests.ClickForAsync(dana, danasPrompt, Panel);
        for (var guard = 0; StepCard.IsQuestion(step); guard++)
        {
            Assert.True(guard < 60, "The review never reached its summary.");
            step = await dana.ClickAsync(step, "Next", StepCard.ValidAnswers(step));
        }

        await dana.ClickAsync(step, "Submit");
        var review = (await _bot.Register.FindAsync(Panel, default))!.ReviewFor(2027)!;
        Assert.Equal("aad-dana", review.CompletedById);
        Assert.Contains("Already completed", CardInspector.AllText(await Digests.ClickForAsync(hana, HanasDigest, Panel, "Delegate to a colleague")));
    }

    [Fact]
    public async Task RoleHolderChangedMidCycle_NewHolderGetsOneCardListingTheRolesPartnerships_NothingTwiceAcrossRestarts()
    {
        // Three days into the cycle the council names Dana as Head of Community Services in the settings and restarts.
        await _bot.RunDaysUntilAsync(Prompt2027.AddDays(3));
        _bot.Harness.Options.Settings["Register:RoleHolders:HCS"] = "aad-dana";
        await _bot.RestartAsync();
        await _bot.RunSchedulerAsync();
        await _bot.RestartAsync();
        await _bot.RunSchedulerAsync();

        var card = Assert.Single(Digests.ChatCardsTo(_bot.Outbox, "aad-dana"));
        Assert.StartsWith("annual-new-lead:aad-dana:2027:", card.IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal(["kp03", "kp07", "kp11", "kp12", "kp13"], Digests.PartnershipIds(card.Payload));
        Assert.Contains("You are now the lead officer of the 5 partnerships below, so their 2027 annual reviews are yours.",
            CardInspector.AllText(card.Payload).Replace("\n", "", StringComparison.Ordinal));
        // Hana's old digest no longer acts for them.
        Assert.Contains("Not allowed", CardInspector.AllText(await Digests.ClickForAsync(_bot.Harness.User("Hana"), HanasDigest, "kp11")));
    }
}
