using System.Text.Json.Nodes;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>Approval of a new partnership from the cards, through the real HTTP pipeline and LiteDB (or PostgreSQL).</summary>
public class ApprovalFlowTests
{
    /// <summary>Where the bot stores its data; the …OnPostgreSql subclass runs the same dialogues on PostgreSQL.</summary>
    protected virtual BotStorage Storage => BotStorage.LiteDb;

    private Task<BotHarness> StartAsync(string rule = "AnyOne", Action<HarnessOptions>? configure = null) =>
        ApprovalScenario.StartAsync(rule, configure: o =>
        {
            o.Storage = Storage;
            configure?.Invoke(o);
        });

    [Fact]
    public async Task Submit_WithApproversConfigured_GoesUnderReviewWithCardsMailsAndFeedInTheOutbox()
    {
        await using var bot = await StartAsync();
        var (submitted, id) = await SubmitAsync(bot.User("Alice"));
        Assert.Contains("NP-" + id[..6].ToUpperInvariant(), CardInspector.AllText(submitted));
        Assert.Contains("SMT must authorise", CardInspector.AllText(submitted));

        var submission = await StoredAsync(bot, id);
        Assert.Equal(SubmissionStatus.UnderReview, submission!.Status);
        Assert.Equal("aad-alice", submission.Submitter.Id);

        var outbox = Outbox(bot);
        string[] everyone = [PpmId, .. SmtIds];
        Assert.Equal(everyone.Order(), outbox.Where(m => m.Kind == OutboxKind.ChatCard && m.Topic == ApprovalNotifications.Topic(id)).Select(m => m.RecipientId).Order());
        Assert.Equal(everyone.Order(), outbox.Where(m => m.Kind == OutboxKind.Email).Select(m => m.RecipientId).Order());
        Assert.All(outbox.Where(m => m.Kind == OutboxKind.ActivityFeed), m => Assert.Equal("approvalRequested", m.ActivityType));
        var mail = outbox.First(m => m.Kind == OutboxKind.Email);
        Assert.Equal("New partnership proposal for approval: Answer for name", mail.Subject);
        Assert.Contains("Submitted by Alice", mail.Body);
        Assert.Contains("Risk assessment", mail.Body);
        Assert.Contains("Approve", CardInspector.ButtonTitles(CardFor(bot, "aad-sam")));
        Assert.Contains("1 risk recorded; overall rating", CardInspector.AllText(CardFor(bot, "aad-sam"))); // 18.17: not "1 risks"
    }

    [Fact]
    public async Task Approve_BySmtMember_ClosesItShowsTheOutcomeAndTellsTheSubmitter()
    {
        await using var bot = await StartAsync();
        var (_, id) = await SubmitAsync(bot.User("Alice"));
        var sam = bot.User("Sam");

        var outcome = await sam.ClickAsync(CardFor(bot, "aad-sam"), "Approve", new Dictionary<string, string> { ["comment"] = "Good work" });
        Assert.Contains("Approved", CardInspector.AllText(outcome));
        Assert.Contains("Sam (Senior Management Team)", CardInspector.AllText(outcome));

        var stored = await StoredAsync(bot, id);
        Assert.Equal(SubmissionStatus.Approved, stored!.Status);
        var decision = Assert.Single(stored.Decisions);
        Assert.Equal(("aad-sam", DecisionKind.Approve, "Good work"), (decision.By.Id, decision.Kind, decision.Comment));
        Assert.NotNull(decision.FromActivityId);
        Assert.Contains(stored.Audit, a => a.To == SubmissionStatus.Approved && a.ById == "aad-sam" && a.FromActivityId == decision.FromActivityId);

        var toAlice = Assert.Single(DecisionsTold(bot, "aad-alice"));
        Assert.Contains("Approved", toAlice.Body);
        Assert.Contains("Good work", toAlice.Body);
        Assert.Contains("Approved", CardInspector.AllText(toAlice.Payload));
    }

    [Fact]
    public async Task Approve_ByNonApproverOrOtherTenant_IsNotAllowedAndNothingChanges()
    {
        // The other tenant is allowed to reach the bot: the approvals' own tenant check is what is tested.
        await using var bot = await StartAsync(configure: o => o.Settings["Bot:AllowedTenantIds:1"] = "tenant-other");
        var (_, id) = await SubmitAsync(bot.User("Alice"));
        var before = await StoredAsync(bot, id);
        var forwarded = CardFor(bot, "aad-sam");

        // Mallory has Sam's display name and a forwarded card: neither counts, only the invoke's aadObjectId.
        var mallory = bot.User("Sam", "aad-mallory");
        Assert.Contains("Not allowed", CardInspector.AllText(await mallory.ClickAsync(forwarded, "Approve")));

        var samElsewhere = bot.User("Sam", "aad-sam");
        samElsewhere.TenantId = "tenant-other";
        var (_, body) = await samElsewhere.InvokeRawAsync("approval.approve", new JsonObject { ["verb"] = "approval.approve", ["approvalId"] = id });
        Assert.DoesNotContain("\"Approved\"", body?.ToJsonString() ?? "");

        var after = await StoredAsync(bot, id);
        Assert.Equal((before!.Version, SubmissionStatus.UnderReview), (after!.Version, after.Status));
        Assert.Empty(after.Decisions);
    }

    [Fact]
    public async Task Approve_TwoApproversAtOnce_OneIsRecordedTheOtherIsToldWhoApproved()
    {
        await using var bot = await StartAsync();
        var (_, id) = await SubmitAsync(bot.User("Alice"));
        var sam = bot.User("Sam");
        var sue = bot.User("Sue");

        var cards = await Task.WhenAll(
            sam.ClickAsync(CardFor(bot, "aad-sam"), "Approve"),
            sue.ClickAsync(CardFor(bot, "aad-sue"), "Reject", new Dictionary<string, string> { ["comment"] = "Too costly" }));

        var stored = await StoredAsync(bot, id);
        var decision = Assert.Single(stored!.Decisions);
        var loser = decision.By.Id == "aad-sam" ? cards[1] : cards[0];
        var verb = decision.Kind == DecisionKind.Approve ? "approved" : "rejected";
        Assert.Contains($"already been {verb} by {decision.By.Name} at", CardInspector.AllText(loser));
        Assert.Single(DecisionsTold(bot, "aad-alice"));
    }

    [Fact]
    public async Task Reject_WithoutComment_AsksForOneOnTheSameCardAndNothingChanges()
    {
        await using var bot = await StartAsync();
        var (_, id) = await SubmitAsync(bot.User("Alice"));
        var again = await bot.User("Sam").ClickAsync(CardFor(bot, "aad-sam"), "Reject");
        Assert.Contains(ApprovalRules.CommentRequired, CardInspector.AllText(again));
        Assert.Contains("Reject", CardInspector.ButtonTitles(again));
        Assert.Equal(SubmissionStatus.UnderReview, (await StoredAsync(bot, id))!.Status);
    }

    [Fact]
    public async Task RuleAll_FirstApprovalKeepsItOpen_SecondApproves()
    {
        await using var bot = await StartAsync(rule: "All");
        var (_, id) = await SubmitAsync(bot.User("Alice"));
        var first = await bot.User("Sam").ClickAsync(CardFor(bot, "aad-sam"), "Approve");
        Assert.Contains("Approved so far by Sam", CardInspector.AllText(first));
        Assert.Equal(SubmissionStatus.UnderReview, (await StoredAsync(bot, id))!.Status);
        Assert.Empty(DecisionsTold(bot, "aad-alice"));

        await bot.User("Sue").ClickAsync(CardFor(bot, "aad-sue"), "Approve");
        Assert.Equal(SubmissionStatus.Approved, (await StoredAsync(bot, id))!.Status);
    }

    [Fact]
    public async Task Refresh_ApproverGetsButtons_OthersGetTheStatus()
    {
        await using var bot = await StartAsync();
        var alice = bot.User("Alice");
        var (_, id) = await SubmitAsync(alice);
        var refresh = new JsonObject { ["verb"] = "approval.refresh", ["approvalId"] = id };
        var sam = await bot.User("Sam").InvokeAsync("approval.refresh", refresh.DeepClone().AsObject());
        Assert.Contains("Approve", CardInspector.ButtonTitles(sam));
        var seenByAlice = await alice.InvokeAsync("approval.refresh", refresh.DeepClone().AsObject());
        Assert.DoesNotContain("Approve", CardInspector.ButtonTitles(seenByAlice));
        Assert.Contains("Awaiting a decision by the Senior Management Team", CardInspector.AllText(seenByAlice));
        Assert.Equal(new[] { "aad-sam", "aad-sue", PpmId }, CardFor(bot, "aad-sam")["refresh"]!["userIds"]!.AsArray().Select(n => n!.GetValue<string>()));
    }
}
