using System.Text.Json.Nodes;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Features.Ux;

/// <summary>
/// Issue 18.1: the open button on every proposal card leads somewhere real (the proposal before approval, the register
/// entry after), and its result comes as a new message, so the receipt with its NP- reference stays.
/// </summary>
public sealed class OpenFromReceiptTests
{
    private static void AssertProposalOpened(JsonObject card, bool inPlace)
    {
        Assert.False(inPlace);
        var text = CardInspector.AllText(card);
        Assert.DoesNotContain("not found", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Answer for name", text);
        Assert.Contains("Why the partnership is required?", text);
    }

    private static async Task AssertRegisterEntryOpenedAsync(BotHarness bot, TeamsUser user, JsonObject outcome, string submissionId)
    {
        await bot.Get<ApprovalCardUpdates>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.DoesNotContain("Open the proposal", CardInspector.ButtonTitles(outcome));

        var (entry, inPlace) = await user.ClickShownAsync(outcome, "Open partnership");

        Assert.False(inPlace);
        var text = CardInspector.AllText(entry);
        Assert.DoesNotContain("not found", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Answer for name", text);
        Assert.Contains("Lead officer", text);
        Assert.NotNull(await bot.Get<PartnershipBot.Features.Register.IPartnershipRegister>().FindAsync("p-" + submissionId, default));
    }

    [Fact]
    public async Task OpenTheProposal_OnTheSubmittedReceipt_ComesAsANewMessageWithTheProposal()
    {
        await using var bot = await StartAsync();
        var alice = bot.User("Alice");
        var (receipt, id) = await SubmitAsync(alice);
        Assert.Contains("NP-" + id[..6].ToUpperInvariant(), CardInspector.AllText(receipt));

        var (proposal, inPlace) = await alice.ClickShownAsync(receipt, "Open the proposal");

        AssertProposalOpened(proposal, inPlace);
    }

    [Fact]
    public async Task OpenTheProposal_OnChangesRequested_ComesAsANewMessageWithTheProposal()
    {
        await using var bot = await StartAsync();
        var alice = bot.User("Alice");
        await SubmitAsync(alice);
        await bot.User("Sam").ClickAsync(CardFor(bot, "aad-sam"), "Request changes", new Dictionary<string, string> { ["comment"] = "Add the exit costs" });
        var told = Assert.Single(DecisionsTold(bot, "aad-alice")).Payload!;
        Assert.Contains("Changes requested", CardInspector.AllText(told));

        var (proposal, inPlace) = await alice.ClickShownAsync(told, "Open the proposal");

        AssertProposalOpened(proposal, inPlace);
    }

    [Fact]
    public async Task OpenTheProposal_OnReferredToTheExecutive_ComesAsANewMessageWithTheProposal()
    {
        await using var bot = await StartAsync();
        var alice = bot.User("Alice");
        await SubmitAsync(alice);
        await bot.User("Sam").ClickAsync(CardFor(bot, "aad-sam"), "Refer to Executive", new Dictionary<string, string> { ["comment"] = "Over the limit" });
        var told = Assert.Single(DecisionsTold(bot, "aad-alice")).Payload!;
        Assert.Contains("Referred to the Executive", CardInspector.AllText(told));

        var (proposal, inPlace) = await alice.ClickShownAsync(told, "Open the proposal");

        AssertProposalOpened(proposal, inPlace);
    }

    [Fact]
    public async Task OpenPartnership_OnApproved_OpensTheRegisterEntryAsANewMessage()
    {
        await using var bot = await StartAsync();
        var alice = bot.User("Alice");
        var (_, id) = await SubmitAsync(alice);
        var sam = bot.User("Sam");

        var outcome = await sam.ClickAsync(CardFor(bot, "aad-sam"), "Approve");

        Assert.Contains("Approved", CardInspector.AllText(outcome));
        await AssertRegisterEntryOpenedAsync(bot, sam, outcome, id);
        var told = Assert.Single(DecisionsTold(bot, "aad-alice")).Payload!;
        await AssertRegisterEntryOpenedAsync(bot, alice, told, id);
    }

    [Fact]
    public async Task OpenPartnership_OnApprovedByTheExecutive_OpensTheRegisterEntryAsANewMessage()
    {
        await using var bot = await StartAsync();
        var (_, id) = await SubmitAsync(bot.User("Alice"));
        await bot.User("Sam").ClickAsync(CardFor(bot, "aad-sam"), "Refer to Executive", new Dictionary<string, string> { ["comment"] = "Over the limit" });
        var pat = bot.User("Pat");

        var done = await pat.ClickAsync(CardFor(bot, PpmId), "Record the Executive's decision",
            new Dictionary<string, string> { ["executiveDecision"] = "approved", ["meetingDate"] = "2026-04-02" });

        Assert.Contains("Approved by the Executive", CardInspector.AllText(done));
        await AssertRegisterEntryOpenedAsync(bot, pat, done, id);
    }
}
