using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>SMT decide on submitted reviews in Teams (3.8, 4.3, 4.5; issue 17.4), driven through the real pipeline.</summary>
public class SmtReviewDecisionTests
{
    /// <summary>Where the bot stores its data; the …OnPostgreSql subclass runs the same dialogues on PostgreSQL.</summary>
    protected virtual BotStorage Storage => BotStorage.LiteDb;

    private Task<CycleBot> StartAsync(DateTimeOffset now, Action<HarnessOptions>? configure = null, bool recordOutbox = true) =>
        CycleBot.StartAsync(now, o =>
        {
            o.Storage = Storage;
            configure?.Invoke(o);
        }, recordOutbox);

    private static readonly DateTimeOffset Prompt2027 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AgreeDisengagement_OnTheReviewCard_SetsDisengagingAndLeadOfficerRecordsContingentLiabilities()
    {
        await using var bot = await StartAsync(Prompt2027);
        await bot.RunSchedulerAsync();
        var hana = bot.Harness.User("Hana");
        var draftId = await CompleteReviewAsync(bot, hana, disengage: true, longText: 'a');

        // Each SMT member gets the review in Teams, readable in full, with the four choices.
        var smtCards = SmtCards(bot, draftId);
        Assert.Equal(["aad-sam", "aad-sue"], smtCards.Select(m => m.RecipientId).Order(StringComparer.Ordinal));
        var samCard = smtCards.Single(m => m.RecipientId == "aad-sam").Payload!;
        Assert.Equal(["Download as Word", "Noted", "Reaffirm commitment", "Agree disengagement", "Ask for more information", "Next page"], CardInspector.ButtonTitles(samCard));
        Assert.Contains("Recommend disengagement", CardInspector.AllText(samCard));
        Assert.Contains("Duplicates the county board.", CardInspector.AllText(samCard));

        // Every answer is readable by paging, nothing shortened, every page within Teams' limit.
        var sam = bot.Harness.User("Sam");
        var seen = new List<string>();
        var page = samCard;
        for (var guard = 0; ; guard++)
        {
            Assert.True(guard < 20, "The review never reached its last page.");
            Assert.True(page.ToJsonString().Length < CardRenderer.MaxCardBytes);
            seen.Add(CardInspector.AllText(page));
            if (CardInspector.FindExecuteAction(page, "Next page") is null)
            {
                break;
            }

            page = await sam.ClickAsync(page, "Next page");
        }

        Assert.True(seen.Count > 1, "Long answers should take more than one page.");
        foreach (var letter in "abcdefghi")
        {
            Assert.Contains(seen, text => text.Contains(new string(letter, 3000), StringComparison.Ordinal));
        }

        var decided = await sam.ClickAsync(samCard, "Agree disengagement", new Dictionary<string, string> { ["comment"] = "Agreed at SMT on 2 April." });
        Assert.Contains("Disengagement agreed", CardInspector.AllText(decided));
        Assert.DoesNotContain("Noted", CardInspector.ButtonTitles(decided));

        var entry = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal(PartnershipStatus.Disengaging, entry.Status);
        var decision = Assert.Single(entry.Reviews).Decision!;
        Assert.Equal((ReviewDecisionKind.AgreeDisengagement, "aad-sam", "Agreed at SMT on 2 April."), (decision.Kind, decision.ById, decision.Comment));
        Assert.Contains(entry.History, h => h.ById == "aad-sam" && h.What.Contains("Disengaging", StringComparison.Ordinal));

        // The lead officer is asked for the contingent liabilities; the PPM is told.
        var toHana = bot.Outbox.Messages.Single(m => m.IdempotencyKey == $"smt-review:{draftId}:1:{CycleBot.Hcs}:chat").Payload!;
        Assert.Contains("Record contingent liabilities", CardInspector.ButtonTitles(toHana));
        Assert.Contains("contingent liabilities", CardInspector.AllText(toHana));
        Assert.Single(bot.Outbox.Messages, m => m.IdempotencyKey == $"smt-review:{draftId}:1:{CycleBot.Ppm}:chat");

        var step = await hana.ClickAsync(toHana, "Record contingent liabilities");
        step = await hana.ClickAsync(step, "Next", new Dictionary<string, string> { ["details"] = "Share of the joint post until March 2028." });
        step = await hana.ClickAsync(step, "Next", new Dictionary<string, string> { ["details"] = "Six months' notice to the county." });
        var done = await hana.ClickAsync(step, "Submit");
        Assert.Contains("recorded on the partnership", CardInspector.AllText(done));

        entry = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        var liabilities = Assert.Single(entry.ContingentLiabilityRecords);
        Assert.Equal(("Share of the joint post until March 2028.", "Six months' notice to the county.", CycleBot.Hcs),
            (liabilities.Details, liabilities.Termination, liabilities.ById));
        Assert.Contains(entry.History, h => h.What == "Contingent liabilities of disengagement recorded" && h.ById == CycleBot.Hcs);

        // Sue's card is now stale: her click changes nothing.
        var sue = bot.Harness.User("Sue");
        var stale = await sue.ClickAsync(smtCards.Single(m => m.RecipientId == "aad-sue").Payload!, "Noted");
        Assert.Contains("already recorded", CardInspector.AllText(stale));
        Assert.Equal(ReviewDecisionKind.AgreeDisengagement, Assert.Single((await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!.Reviews).Decision!.Kind);
    }

    [Fact]
    public async Task AskForMoreInformation_LeadOfficerAnswers_SmtGetTheReviewAgainAndReaffirm()
    {
        await using var bot = await StartAsync(Prompt2027);
        await bot.RunSchedulerAsync();
        var hana = bot.Harness.User("Hana");
        var draftId = await CompleteReviewAsync(bot, hana, disengage: false);
        var sam = bot.Harness.User("Sam");
        var samCard = SmtCards(bot, draftId).Single(m => m.RecipientId == "aad-sam").Payload!;

        // A question needs its words.
        var refused = await sam.ClickAsync(samCard, "Ask for more information");
        Assert.Contains("Write what SMT would like to know", CardInspector.AllText(refused));
        Assert.Empty(Assert.Single((await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!.Reviews).Decisions);

        await sam.ClickAsync(samCard, "Ask for more information", new Dictionary<string, string> { ["comment"] = "What did the county contribute this year?" });
        var toHana = bot.Outbox.Messages.Single(m => m.IdempotencyKey == $"smt-review:{draftId}:1:{CycleBot.Hcs}:chat").Payload!;
        Assert.Contains("What did the county contribute this year?", CardInspector.AllText(toHana));
        Assert.Contains("Send to SMT", CardInspector.ButtonTitles(toHana));

        await hana.ClickAsync(toHana, "Send to SMT", new Dictionary<string, string> { ["answer"] = "£12,000 and a shared analyst." });
        var again = bot.Outbox.Messages.Where(m => m.IdempotencyKey.StartsWith($"smt-review:{draftId}:2:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["aad-sam", "aad-sue"], again.Select(m => m.RecipientId).Order(StringComparer.Ordinal));
        var sueCard = again.Single(m => m.RecipientId == "aad-sue").Payload!;
        Assert.Contains("£12,000 and a shared analyst.", CardInspector.AllText(sueCard));

        var decided = await bot.Harness.User("Sue").ClickAsync(sueCard, "Reaffirm commitment");
        Assert.Contains("Commitment reaffirmed", CardInspector.AllText(decided));
        var entry = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal(PartnershipStatus.Active, entry.Status);
        Assert.Equal(
            [ReviewDecisionKind.MoreInformationRequested, ReviewDecisionKind.InformationGiven, ReviewDecisionKind.ReaffirmCommitment],
            Assert.Single(entry.Reviews).Decisions.Select(d => d.Kind));
        Assert.Contains("Commitment reaffirmed", CardInspector.AllText(
            bot.Outbox.Messages.Single(m => m.IdempotencyKey == $"smt-review:{draftId}:3:{CycleBot.Hcs}:chat").Payload));
    }

    [Fact]
    public async Task Decide_BySomeoneNotInSmt_IsRefusedAndNothingIsRecorded()
    {
        await using var bot = await StartAsync(Prompt2027);
        await bot.RunSchedulerAsync();
        var hana = bot.Harness.User("Hana");
        var draftId = await CompleteReviewAsync(bot, hana, disengage: true);
        var samCard = SmtCards(bot, draftId).Single(m => m.RecipientId == "aad-sam").Payload!;

        var mallory = bot.Harness.User("Mallory");
        var refused = await mallory.ClickAsync(samCard, "Agree disengagement");
        var lead = await hana.ClickAsync(samCard, "Noted");

        Assert.Contains("Not allowed", CardInspector.AllText(refused));
        Assert.Contains("Not allowed", CardInspector.AllText(lead));
        var entry = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal(PartnershipStatus.Active, entry.Status);
        Assert.Empty(Assert.Single(entry.Reviews).Decisions);
        // Reading is refused to others as well.
        var read = await mallory.InvokeAsync(CardVerbs.SmtReviewOpen,
            new JsonObject { ["verb"] = CardVerbs.SmtReviewOpen, ["partnershipId"] = CycleBot.CommunitySafety, ["draftId"] = draftId, ["page"] = 1 });
        Assert.Contains("Not allowed", CardInspector.AllText(read));
    }

    private static List<OutboxMessage> SmtCards(CycleBot bot, string draftId) =>
        bot.Outbox.Messages.Where(m => m.Kind == OutboxKind.ChatCard && m.IdempotencyKey.StartsWith($"review-smt:{draftId}:", StringComparison.Ordinal)).ToList();

    /// <summary>Hana completes the 2027 review of kp03 from its prompt; returns the draft id.</summary>
    private static async Task<string> CompleteReviewAsync(CycleBot bot, TeamsUser hana, bool disengage, char? longText = null)
    {
        var step = await Digests.ClickForAsync(hana, Digests.Prompt(bot.Outbox, CycleBot.Hcs, 2027), CycleBot.CommunitySafety);
        var draftId = StepCard.DraftId(step);
        var letter = longText ?? 'a';
        for (var guard = 0; StepCard.IsQuestion(step); guard++)
        {
            Assert.True(guard < 40, "The review never reached its summary.");
            var answers = StepCard.ValidAnswers(step);
            if (longText is not null && answers.ContainsKey("details"))
            {
                answers["details"] = new string(letter++, 3000);
            }

            if (StepCard.StepId(step) == "recommendation")
            {
                answers["recommendation"] = disengage ? "Recommend disengagement" : "Reaffirm commitment";
                answers["reasons"] = "Duplicates the county board.";
                answers["contingentLiabilities"] = disengage ? "Share of the joint post." : "";
            }

            step = await hana.ClickAsync(step, "Next", answers);
        }

        await hana.ClickAsync(step, "Submit");
        return draftId;
    }
}
