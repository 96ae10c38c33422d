using System.Net;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Features.Reviews;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Documents;

/// <summary>"Download as Word" on the cards people decide on: SMT's review card, the approval request and the decision outcome.</summary>
public sealed class CardDownloadTests
{
    private static readonly DateTimeOffset Prompt2027 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The path of a card's download link (the test client talks to the app directly).</summary>
    private static string DownloadUrl(JsonObject card)
    {
        var action = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!;
        var url = new Uri(action["url"]!.GetValue<string>());
        Assert.StartsWith("/downloads/", url.AbsolutePath, StringComparison.Ordinal);
        return url.PathAndQuery;
    }

    private static async Task<Docx> DownloadAsync(BotHarness bot, JsonObject ready)
    {
        Assert.Contains("Your Word document is ready", CardInspector.AllText(ready));
        using var response = await bot.Client.GetAsync(DownloadUrl(ready));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var docx = new Docx(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(docx.ValidationErrors());
        return docx;
    }

    [Fact]
    public async Task DownloadAsWord_OnSmtsReviewDecisionCard_GivesTheReviewReportToSmtOnly()
    {
        await using var bot = await CycleBot.StartAsync(Prompt2027);
        await bot.RunSchedulerAsync();
        var hana = bot.Harness.User("Hana");
        var step = await Digests.ClickForAsync(hana, Digests.Prompt(bot.Outbox, CycleBot.Hcs, 2027), CycleBot.CommunitySafety);
        var draftId = StepCard.DraftId(step);
        for (var guard = 0; StepCard.IsQuestion(step); guard++)
        {
            Assert.True(guard < 40, "The review never reached its summary.");
            var answers = StepCard.ValidAnswers(step);
            if (StepCard.StepId(step) == "recommendation")
            {
                answers["recommendation"] = "Reaffirm commitment";
                answers["reasons"] = "Still the county's main forum for community safety.";
            }

            step = await hana.ClickAsync(step, "Next", answers);
        }

        await hana.ClickAsync(step, "Submit");
        var samCard = bot.Outbox.Messages.Single(m => m.Kind == OutboxKind.ChatCard && m.IdempotencyKey.StartsWith($"review-smt:{draftId}:", StringComparison.Ordinal)
            && m.RecipientId == "aad-sam").Payload!;

        using var paper = await DownloadAsync(bot.Harness, await bot.Harness.User("Sam").ClickAsync(samCard, "Download as Word"));

        Assert.Contains("Still the county's main forum for community safety.", paper.AllText, StringComparison.Ordinal);
        Assert.Contains("Community Safety Partnership", paper.AllText, StringComparison.Ordinal);
        // The same button pressed by someone the review is not reported to gives no link.
        var mallory = await bot.Harness.User("Mallory").ClickAsync(samCard, "Download as Word");
        Assert.Contains("Not allowed", CardInspector.AllText(mallory));
        Assert.DoesNotContain("/downloads/", mallory.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadAsWord_OnTheApprovalRequestAndTheOutcome_GivesTheProposal()
    {
        await using var bot = await StartAsync();
        var alice = bot.User("Alice");
        await SubmitAsync(alice);
        var sam = bot.User("Sam");
        var request = CardFor(bot, "aad-sam");

        using (var fromRequest = await DownloadAsync(bot, await sam.ClickAsync(request, "Download as Word")))
        {
            Assert.Contains("Answer for name", fromRequest.AllText, StringComparison.Ordinal);
        }

        await sam.ClickAsync(request, "Approve", new Dictionary<string, string> { ["comment"] = "Good work" });
        var toAlice = Assert.Single(DecisionsTold(bot, "aad-alice")).Payload!;
        using var fromOutcome = await DownloadAsync(bot, await alice.ClickAsync(toAlice, "Download as Word"));
        Assert.Contains("Good work", fromOutcome.AllText, StringComparison.Ordinal);
    }
}
