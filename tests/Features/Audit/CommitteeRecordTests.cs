using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Audit;

/// <summary>
/// Issue 17.5 (s.4.5-4.6): the A&amp;PM team or the PPM records the Audit Committee's and the Review Committee's comments
/// and recommendations per partnership with the meeting date; each recommendation has an owner the directory knows and
/// a due date, is reminded to its owner when due (once, across restarts), can be marked done, and is shown on the
/// partnership card, in the tab and at the start of next year's review.
/// </summary>
public sealed class CommitteeRecordTests
{
    private const string Save = "Save the committee's comments";
    private const string Comments = "Asked how the pooled budget is monitored. =SUM(A1) **not bold** ${x}";
    private static readonly DateTimeOffset Now = new(2027, 4, 20, 10, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> Form(string owner = "none", string ownerAddress = "olu@council.example", string due = "2027-06-30") => new()
    {
        ["committee"] = "AuditCommittee",
        ["meetingDate"] = "2027-04-15",
        ["comments"] = Comments,
        ["recommendation"] = "Report the pooled budget's quarterly figures to SMT.",
        ["ownerId"] = owner,
        ["ownerAddress"] = ownerAddress,
        ["dueDate"] = due,
    };

    [Fact]
    public async Task Committee_ApmRecordsARecommendation_OwnerFromTheDirectory_ShownOnTheCardAndInTheTab()
    {
        await using var bot = await ApmBot.StartAsync(Now);
        var alex = bot.User("Alex", ApmBot.Alex);

        var card = (await alex.SayAsync("committee Community Safety")).Card!;
        Assert.Contains("Nothing recorded yet.", CardInspector.AllText(card));
        Assert.Contains("graph.microsoft.com/users", card.ToJsonString());
        var saved = await alex.ClickAsync(card, Save, Form());

        Assert.Contains("Saved: Audit Committee, 15 April 2027. Olu Owner will be reminded on 30 June 2027", CardInspector.AllText(saved));
        var record = Assert.Single((await bot.Register.FindAsync(ApmBot.CommunitySafety, default))!.CommitteeRecords);
        Assert.Equal((Committee.AuditCommittee, new DateOnly(2027, 4, 15), Comments, ApmBot.Olu, "Olu Owner", new DateOnly(2027, 6, 30), ApmBot.Alex),
            (record.Committee, record.MeetingDate, record.Comments, record.Recommendation!.OwnerId, record.Recommendation.OwnerName, record.Recommendation.DueDate, record.RecordedById));
        // Pressing Save again (a double click) records nothing twice.
        await alex.ClickAsync(card, Save, Form());
        Assert.Single((await bot.Register.FindAsync(ApmBot.CommunitySafety, default))!.CommitteeRecords);

        // The lead officer sees it on the partnership card, the officers' text literally.
        var hana = bot.User("Hana", ApmBot.Hcs);
        var detail = await hana.InvokeAsync(CardVerbs.PartnershipOpen, new JsonObject { ["verb"] = CardVerbs.PartnershipOpen, ["partnershipId"] = ApmBot.CommunitySafety });
        var detailText = CardInspector.AllText(detail);
        Assert.Contains("Audit Committee, 15 April 2027", detailText);
        Assert.Contains(Comments, detailText);
        Assert.Contains("owner Olu Owner, due 30 June 2027, open", detailText);

        // And in the tab, through the committee query service, with the meeting on the timeline.
        var page = await bot.TabJsonAsync("/api/tab/partnerships/" + ApmBot.CommunitySafety, ApmBot.Hcs);
        var item = Assert.Single(page["committeeComments"]!.AsArray())!;
        Assert.Equal(("Audit Committee", Comments, "Olu Owner", "Open"), ((string)item["committee"]!, (string)item["comments"]!, (string)item["owner"]!, (string)item["status"]!));
        Assert.Contains(page["timeline"]!.AsArray(), t => (string)t!["kind"]! == "committee" && ((string)t["text"]!).StartsWith("Audit Committee, 15 April 2027", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CommitteeSave_LeadOfficerOrUnknownOwnerOrNoDueDate_RefusedNothingSaved_TypedTextKept()
    {
        await using var bot = await ApmBot.StartAsync(Now);
        var pat = bot.User("Pat", ApmBot.Ppm);
        var card = (await pat.SayAsync("committee Community Safety")).Card!;

        // Hana leads the partnership but is neither A&PM nor the PPM: the card's data does not make her either.
        var hana = bot.User("Hana", ApmBot.Hcs);
        Assert.Contains("Not allowed", CardInspector.AllText(await hana.ClickAsync(card, Save, Form())));
        var hanasCard = (await hana.SayAsync("committee Community Safety")).Card!;
        Assert.DoesNotContain(Save, CardInspector.ButtonTitles(hanasCard));

        var unknown = await pat.ClickAsync(card, Save, Form(ownerAddress: "nobody@council.example"));
        Assert.Contains("does not know anyone as \"nobody@council.example\"", CardInspector.AllText(unknown));
        Assert.Equal(Comments, InputValue(unknown, "comments"));
        Assert.Equal("2027-06-30", InputValue(unknown, "dueDate"));

        var noDue = await pat.ClickAsync(card, Save, Form(due: ""));
        Assert.Contains("needs a due date", CardInspector.AllText(noDue));
        var noComments = await pat.ClickAsync(card, Save, new Dictionary<string, string>(Form()) { ["comments"] = "  " });
        Assert.Contains("Write the committee's comments", CardInspector.AllText(noComments));
        var tooLong = await pat.ClickAsync(card, Save, new Dictionary<string, string>(Form()) { ["comments"] = new string('x', 4001) });
        Assert.Contains("up to 4,000 characters", CardInspector.AllText(tooLong));

        Assert.Empty((await bot.Register.FindAsync(ApmBot.CommunitySafety, default))!.CommitteeRecords);

        // The PPM may record too; comments without a recommendation need no owner.
        var plain = await pat.ClickAsync(card, Save, new Dictionary<string, string>(Form(ownerAddress: "", due: "")) { ["committee"] = "ReviewCommittee", ["recommendation"] = "" });
        Assert.Contains("Saved: Review Committee, 15 April 2027.", CardInspector.AllText(plain));
    }

    [Fact]
    public async Task CommitteeRecommendation_Due_RemindedToItsOwnerOnce_AcrossARestart_ThenMarkedDone_NoMoreReminders()
    {
        await using var bot = await ApmBot.StartAsync(Now);
        var alex = bot.User("Alex", ApmBot.Alex);
        await alex.ClickAsync((await alex.SayAsync("committee Community Safety")).Card!, Save, Form(owner: ApmBot.Olu, ownerAddress: ""));

        await bot.RunSchedulerAsync();
        Assert.Empty(Reminders(bot));

        // 30 June 2027, after 09:00 in London (08:00 UTC).
        bot.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 30, 8, 30, 0, TimeSpan.Zero));
        await bot.RunSchedulerAsync();
        var reminder = Assert.Single(Reminders(bot));
        Assert.Equal(ApmBot.Olu, reminder.RecipientId);
        Assert.Contains("you are its owner", CardInspector.AllText(reminder.Payload));

        await bot.Harness.RestartAsync();
        await bot.RunSchedulerAsync();
        Assert.Single(Reminders(bot));

        // Olu marks it done from the reminder card; a stranger could not have.
        var stranger = await bot.User("Sam", "aad-sam").InvokeAsync(CardVerbs.CommitteeDone,
            CardInspector.FindExecuteAction(reminder.Payload!, "Mark done")!["data"]!.DeepClone().AsObject());
        Assert.Contains("Not allowed", CardInspector.AllText(stranger));
        var olu = bot.User("Olu", ApmBot.Olu);
        var done = await olu.ClickAsync(reminder.Payload!, "Mark done");
        Assert.Contains("Marked done", CardInspector.AllText(done));
        var recommendation = Assert.Single((await bot.Register.FindAsync(ApmBot.CommunitySafety, default))!.CommitteeRecords).Recommendation!;
        Assert.Equal((true, ApmBot.Olu), (recommendation.IsDone, recommendation.DoneById));
        var again = await olu.ClickAsync(reminder.Payload!, "Mark done");
        Assert.Contains("already marked done", CardInspector.AllText(again));

        bot.Clock.Advance(TimeSpan.FromDays(15));
        await bot.RunSchedulerAsync();
        Assert.Single(Reminders(bot));
    }

    [Fact]
    public async Task AnnualReviewStart_NextYear_ShowsTheLeadOfficerLastYearsCommitteeRecommendations()
    {
        await using var bot = await ApmBot.StartAsync(Now);
        var alex = bot.User("Alex", ApmBot.Alex);
        await alex.ClickAsync((await alex.SayAsync("committee Community Safety")).Card!, Save, Form());

        bot.Clock.SetUtcNow(new DateTimeOffset(2028, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var hana = bot.User("Hana", ApmBot.Hcs);
        var first = await hana.InvokeAsync(CardVerbs.AnnualStart, new JsonObject { ["verb"] = CardVerbs.AnnualStart, ["partnershipId"] = ApmBot.CommunitySafety });
        Assert.True(StepCard.IsQuestion(first));

        var notice = CardInspector.AllText((await hana.NextReplyAsync()).Card);
        Assert.Contains("Before you start: what the committees said about Community Safety Partnership", notice);
        Assert.Contains("Audit Committee, 15 April 2027", notice);
        Assert.Contains(Comments, notice);
        Assert.DoesNotContain("Record a committee's comments", notice);
        Assert.Contains("Report the pooled budget's quarterly figures to SMT.", notice);
    }

    /// <summary>The value an input of the card holds (what the officer typed, kept when the card is sent back).</summary>
    private static string? InputValue(JsonNode? node, string id) => node switch
    {
        JsonObject o when (string?)o["id"] == id && o["type"]?.ToString().StartsWith("Input.", StringComparison.Ordinal) == true => (string?)o["value"],
        JsonObject o => o.Select(p => InputValue(p.Value, id)).FirstOrDefault(v => v is not null),
        JsonArray a => a.Select(n => InputValue(n, id)).FirstOrDefault(v => v is not null),
        _ => null,
    };

    private static List<OutboxMessage> Reminders(ApmBot bot) =>
        bot.Outbox.Messages.Where(m => m.Kind == OutboxKind.ChatCard && m.IdempotencyKey.StartsWith("committee-recommendation:", StringComparison.Ordinal)).ToList();
}
