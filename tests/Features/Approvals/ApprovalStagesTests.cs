using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>The longer routes: changes requested and resubmitted, referral to the Executive, the Divisional Head stage.</summary>
public sealed class ApprovalStagesTests
{
    [Fact]
    public async Task RequestChanges_ThenReopenAndResubmit_ThenApprove_KeepsEveryVersionAndDecision()
    {
        await using var bot = await StartAsync();
        var alice = bot.User("Alice");
        var sam = bot.User("Sam");
        var (_, id) = await SubmitAsync(alice);
        var firstDraftId = (await StoredAsync(bot, id))!.DraftId;

        var sentBack = await sam.ClickAsync(CardFor(bot, "aad-sam"), "Request changes", new Dictionary<string, string> { ["comment"] = "Add the exit costs" });
        Assert.Contains("Changes requested", CardInspector.AllText(sentBack));
        var toAlice = Assert.Single(DecisionsTold(bot, "aad-alice"));
        Assert.Contains("Add the exit costs", toAlice.Body);
        Assert.Contains("reopen", toAlice.Body);

        // The dispatcher delivers the decision to Alice's chat (she has talked to the bot), with notes on the approvers
        // it could not reach; her "reopen" is answered by a reply to it, whatever else reached the chat meanwhile.
        await MessageWithAsync(bot, alice, "Add the exit costs");
        var outcome = (await StoredAsync(bot, id))!;
        Assert.Contains("Reopen to make the changes", CardInspector.ButtonTitles(toAlice.Payload!));
        Assert.Contains("Not allowed", CardInspector.AllText(await sam.ClickAsync(toAlice.Payload!, "Reopen to make the changes")));
        var review = await alice.ClickAsync(toAlice.Payload!, "Reopen to make the changes");
        Assert.Equal(SubmissionStatus.ChangesRequested, outcome.Status);
        Assert.True(StepCard.IsReview(review));
        var resubmitted = await alice.ClickAsync(review, "Submit");
        Assert.Contains("SMT must authorise", CardInspector.AllText(resubmitted));

        var second = await StoredAsync(bot, id);
        Assert.Equal((2, SubmissionStatus.UnderReview), (second!.ProposalVersion, second.Status));
        Assert.Equal([firstDraftId], second.PreviousDraftIds);
        Assert.NotEqual(firstDraftId, second.DraftId);
        var newDraft = await bot.Get<IDraftStore>().GetAsync(second.DraftId, default);
        Assert.Equal((DraftStatus.Submitted, id), (newDraft!.Status, newDraft.SubjectId));
        Assert.Equal(DraftStatus.Submitted, (await bot.Get<IDraftStore>().GetAsync(firstDraftId, default))!.Status);

        var approved = await sam.ClickAsync(CardFor(bot, "aad-sam"), "Approve");
        Assert.Contains("Approved", CardInspector.AllText(approved));
        var final = await StoredAsync(bot, id);
        Assert.Equal(SubmissionStatus.Approved, final!.Status);
        Assert.Equal([(1, DecisionKind.RequestChanges), (2, DecisionKind.Approve)], final.Decisions.Select(d => (d.ProposalVersion, d.Kind)));
        Assert.Contains(final.Audit, a => a.What == "Resubmitted");
    }

    [Fact]
    public async Task ReferToExecutive_ThenPpmRecordsTheDecisionWithMeetingDate()
    {
        await using var bot = await StartAsync();
        var (_, id) = await SubmitAsync(bot.User("Alice"));
        var pat = bot.User("Pat");
        // The PPM's card offers exactly what the PPM may do here, in the PPM's words (the PPM may hand on anyone's decision).
        var guidance = CardFor(bot, PpmId);
        Assert.Equal(["Add guidance comment", "Download as Word", "Hand on to the colleague chosen", "History", "Open the proposal"], CardInspector.ButtonTitles(guidance).Where(t => t != "Refresh").Order());
        Assert.Contains("As People and Policy Manager", CardInspector.AllText(guidance));
        Assert.DoesNotContain("as a member of the Senior Management Team", CardInspector.AllText(guidance));

        await bot.User("Sam").ClickAsync(CardFor(bot, "aad-sam"), "Refer to Executive", new Dictionary<string, string> { ["comment"] = "Over the officer limit" });
        Assert.Equal(SubmissionStatus.ReferredToExecutive, (await StoredAsync(bot, id))!.Status);

        var patCard = CardFor(bot, PpmId);
        Assert.Contains("Record the Executive's decision", CardInspector.ButtonTitles(patCard));
        var refused = await pat.ClickAsync(patCard, "Record the Executive's decision", new Dictionary<string, string> { ["executiveDecision"] = "approved" });
        Assert.Contains(ApprovalRules.MeetingDateRequired, CardInspector.AllText(refused));

        var done = await pat.ClickAsync(patCard, "Record the Executive's decision",
            new Dictionary<string, string> { ["executiveDecision"] = "approved", ["meetingDate"] = "2026-04-02" });
        Assert.Contains("Approved by the Executive at its meeting on 2 April 2026", CardInspector.AllText(done));
        var stored = await StoredAsync(bot, id);
        Assert.Equal(SubmissionStatus.Approved, stored!.Status);
        Assert.Equal(new DateOnly(2026, 4, 2), stored.Decisions[^1].MeetingDate);
        Assert.Equal(2, DecisionsTold(bot, "aad-alice").Count);
    }

    [Fact]
    public async Task DivisionalHeadStage_NoManagerInTheDirectory_SubmitterNamesOne_WhoEndorsesBeforeSmt()
    {
        await using var graph = new FakeGraph();
        await graph.StartAsync();
        graph.AddUser("aad-dana", "Dana", "dana@council.example");
        await using var bot = await StartAsync(divisionalHead: true, configure: o => o.Settings["Graph:BaseUrl"] = graph.GraphBaseUrl);
        var alice = bot.User("Alice");
        var (submitted, id) = await SubmitAsync(alice);
        Assert.Contains("divisional head", CardInspector.AllText(submitted));
        Assert.Equal(SubmissionStatus.Submitted, (await StoredAsync(bot, id))!.Status);
        Assert.DoesNotContain(Outbox(bot), m => m.Kind == OutboxKind.ChatCard);

        var reply = await alice.SayAsync("divisional head aad-dana");
        Assert.Contains("sent to Dana, your Divisional Head, to endorse", reply.Text);
        Assert.Equal(SubmissionStatus.AwaitingDivisionalHead, (await StoredAsync(bot, id))!.Status);
        Assert.Equal(["aad-dana"], Outbox(bot).Where(m => m.Kind == OutboxKind.ChatCard && m.Topic == ApprovalNotifications.Topic(id)).Select(m => m.RecipientId));

        var sam = bot.User("Sam");
        var early = await sam.InvokeAsync("approval.approve", new System.Text.Json.Nodes.JsonObject { ["verb"] = "approval.approve", ["approvalId"] = id });
        Assert.Contains("Not allowed", CardInspector.AllText(early));

        var danaCard = CardFor(bot, "aad-dana");
        Assert.DoesNotContain("Approve", CardInspector.ButtonTitles(danaCard));
        await bot.User("Dana").ClickAsync(danaCard, "Endorse", Assessment);
        var endorsed = await StoredAsync(bot, id);
        Assert.Equal(SubmissionStatus.UnderReview, endorsed!.Status);
        Assert.Equal(DecisionKind.Endorse, Assert.Single(endorsed.Decisions).Kind);
        Assert.Contains(Outbox(bot), m => m.Kind == OutboxKind.Email && m.RecipientId == "aad-sam");

        await sam.ClickAsync(CardFor(bot, "aad-sam"), "Approve");
        Assert.Equal(SubmissionStatus.Approved, (await StoredAsync(bot, id))!.Status);
    }
}
