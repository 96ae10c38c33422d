using System.Text.Json.Nodes;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>Issue 15 items 2, 3 and 7: stale cards, deciding on one's own proposal, redeliveries after a restart.</summary>
public sealed class ApprovalSecurityTests
{
    [Fact]
    public async Task Approve_OnTheCardOfAnOlderVersion_IsRefusedWithTheCurrentCard()
    {
        await using var bot = await StartAsync();
        var alice = bot.User("Alice");
        var (_, id) = await SubmitAsync(alice);
        var sueVersionOne = CardFor(bot, "aad-sue");

        await bot.User("Sam").ClickAsync(CardFor(bot, "aad-sam"), "Request changes", new Dictionary<string, string> { ["comment"] = "Add the exit costs" });
        await MessageWithAsync(bot, alice, "Add the exit costs");
        var review = (await ReplyToAsync(bot, alice, "reopen")).Card!;
        await alice.ClickAsync(review, "Submit");
        Assert.Equal((2, SubmissionStatus.UnderReview), ((await StoredAsync(bot, id))!.ProposalVersion, (await StoredAsync(bot, id))!.Status));

        var sue = bot.User("Sue");
        var answer = await sue.ClickAsync(sueVersionOne, "Approve");
        Assert.Contains(ApprovalRules.ChangedSinceCard, CardInspector.AllText(answer));
        Assert.Contains("Approve", CardInspector.ButtonTitles(answer));
        var stored = await StoredAsync(bot, id);
        Assert.Equal(SubmissionStatus.UnderReview, stored!.Status);
        Assert.DoesNotContain(stored.Decisions, d => d.Kind == DecisionKind.Approve);

        // The card it answered with is the current one: approving from it works.
        await sue.ClickAsync(answer, "Approve");
        Assert.Equal(SubmissionStatus.Approved, (await StoredAsync(bot, id))!.Status);
    }

    [Fact]
    public async Task Approve_BySmtMemberOnTheirOwnProposal_IsNotAllowedAndTheyGetNoCard()
    {
        await using var bot = await StartAsync(rule: "All");
        var sam = bot.User("Sam");
        var (_, id) = await SubmitAsync(sam);
        Assert.DoesNotContain(Outbox(bot), m => m.RecipientId == "aad-sam" && m.Topic == ApprovalNotifications.Topic(id));

        var forwarded = CardFor(bot, "aad-sue");
        Assert.Contains(ApprovalRules.OwnProposal, CardInspector.AllText(await sam.ClickAsync(forwarded, "Approve")));
        Assert.Empty((await StoredAsync(bot, id))!.Decisions);

        // Under "All", the other members' approvals are enough: the submitter is not waited for.
        await bot.User("Sue").ClickAsync(forwarded, "Approve");
        Assert.Equal(SubmissionStatus.Approved, (await StoredAsync(bot, id))!.Status);
    }

    [Fact]
    public async Task DivisionalHead_NamedWithAnIdTheDirectoryDoesNotKnow_IsRefusedAndNothingChanges()
    {
        await using var graph = new FakeGraph();
        await graph.StartAsync();
        graph.AddUser("aad-alice", "Alice", "alice@council.example");
        await using var bot = await StartAsync(divisionalHead: true, configure: o => o.Settings["Graph:BaseUrl"] = graph.GraphBaseUrl);
        var alice = bot.User("Alice");
        var (_, id) = await SubmitAsync(alice);

        var reply = await alice.SayAsync("divisional head aad-mistyped");
        Assert.Contains("does not know anyone", reply.Text);
        Assert.Equal(SubmissionStatus.Submitted, (await StoredAsync(bot, id))!.Status);
        Assert.Null((await StoredAsync(bot, id))!.DivisionalHeadId);
        Assert.DoesNotContain(Outbox(bot), m => m.Kind == OutboxKind.ChatCard && m.Topic == ApprovalNotifications.Topic(id));

        var self = await alice.SayAsync("divisional head aad-alice");
        Assert.Contains("cannot endorse your own proposal", self.Text);
    }

    [Fact]
    public async Task Comment_RedeliveredAfterARestart_IsRecordedOnce()
    {
        await using var bot = await StartAsync();
        var (_, id) = await SubmitAsync(bot.User("Alice"));
        var pat = bot.User("Pat", PpmId);
        var action = CardInspector.FindExecuteAction(CardFor(bot, PpmId), "Add guidance comment")!;
        var data = action["data"]!.DeepClone().AsObject();
        data["comment"] = "Check the insurance cover";
        var activity = pat.NewActivity("invoke");
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "approval.comment", ["data"] = data }, ["trigger"] = "manual" };

        using (var first = await pat.SendAsync(activity))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        }

        await bot.RestartAsync();
        using (var again = await pat.SendAsync(activity))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("already recorded", await again.Content.ReadAsStringAsync());
        }

        var stored = await StoredAsync(bot, id);
        Assert.Single(stored!.Comments);
    }

    [Fact]
    public async Task Approve_WithNotMetChecks_ShowsTheFlagsAndNeedsAConfirmingCommentKeptInTheAudit()
    {
        await using var bot = await StartAsync();
        var (_, id) = await SubmitAsync(bot.User("Alice"), NotMet);
        var sam = bot.User("Sam");
        var card = CardFor(bot, "aad-sam");
        Assert.Contains("Self-checks (section 3.1): 6 Not met, 0 Partly", CardInspector.AllText(card));

        var asked = await sam.ClickAsync(card, "Approve");
        Assert.Contains(ApprovalRules.NotMetNeedsComment(6), CardInspector.AllText(asked));
        Assert.Equal(SubmissionStatus.UnderReview, (await StoredAsync(bot, id))!.Status);

        await sam.ClickAsync(asked, "Approve", new Dictionary<string, string> { ["comment"] = "Accepted: the board will fix governance first" });
        var stored = await StoredAsync(bot, id);
        Assert.Equal(SubmissionStatus.Approved, stored!.Status);
        Assert.Equal("Accepted: the board will fix governance first", stored.Decisions[^1].Comment);
        Assert.Contains(stored.Audit, a => a.What.Contains("6 self-check(s) Not met", StringComparison.Ordinal) && a.ById == "aad-sam");
    }

    [Fact]
    public async Task Approve_WithNotMetChecksAndBlockingConfigured_IsRefusedEvenWithAComment()
    {
        await using var bot = await StartAsync(configure: o => o.Settings["Approvals:BlockApprovalWhenNotMet"] = "true");
        var (_, id) = await SubmitAsync(bot.User("Alice"), NotMet);
        var answer = await bot.User("Sam").ClickAsync(CardFor(bot, "aad-sam"), "Approve", new Dictionary<string, string> { ["comment"] = "Fine" });
        Assert.Contains(ApprovalRules.NotMetBlocks(6), CardInspector.AllText(answer));
        Assert.Empty((await StoredAsync(bot, id))!.Decisions);
    }
}
