using System.Text.Json.Nodes;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>
/// Issue 16.5: when the directory has no manager for the submitter, the Divisional Head is chosen with a people picker
/// (or typed as a sign-in address), never an object id the officer cannot know; the submitter or the PPM may name or
/// change them until they decide; nobody else may; nobody the directory does not know is accepted.
/// </summary>
public sealed class DivisionalHeadPickerTests
{
    private const string SendTo = "Send to the Divisional Head chosen";

    [Fact]
    public async Task SubmittedCard_NoManager_SubmitterChoosesFromThePicker_UnknownAndNobodyRefused()
    {
        await using var graph = await DirectoryAsync();
        await using var bot = await StartAsync(divisionalHead: true, configure: o => o.Settings["Graph:BaseUrl"] = graph.GraphBaseUrl);
        var alice = bot.User("Alice");
        var (submitted, id) = await SubmitAsync(alice);

        var text = CardInspector.AllText(submitted);
        Assert.DoesNotContain("object id", text);
        Assert.Contains("sign-in address", text);
        Assert.Contains(SendTo, CardInspector.ButtonTitles(submitted));
        Assert.Contains("graph.microsoft.com/users", submitted.ToJsonString());

        var nobody = await alice.ClickAsync(submitted, SendTo, new Dictionary<string, string> { ["divisionalHeadId"] = "none" });
        Assert.Contains("Choose the Divisional Head first", CardInspector.AllText(nobody));
        var unknown = await alice.ClickAsync(submitted, SendTo, new Dictionary<string, string> { ["divisionalHeadId"] = "aad-mistyped" });
        Assert.Contains("does not know anyone", CardInspector.AllText(unknown));
        Assert.Equal(SubmissionStatus.Submitted, (await StoredAsync(bot, id))!.Status);
        Assert.DoesNotContain(Outbox(bot), m => m.Kind == OutboxKind.ChatCard && m.Topic == ApprovalNotifications.Topic(id));

        var stranger = await bot.User("Sam").ClickAsync(submitted, SendTo, new Dictionary<string, string> { ["divisionalHeadId"] = "aad-sam" });
        Assert.Contains("Not allowed", CardInspector.AllText(stranger));
        Assert.Null((await StoredAsync(bot, id))!.DivisionalHeadId);

        var sent = await alice.ClickAsync(submitted, SendTo, new Dictionary<string, string> { ["divisionalHeadId"] = "aad-dana" });
        Assert.Contains("sent to Dana Head, your Divisional Head, to endorse", CardInspector.AllText(sent));
        var stored = (await StoredAsync(bot, id))!;
        Assert.Equal((SubmissionStatus.AwaitingDivisionalHead, "aad-dana"), (stored.Status, stored.DivisionalHeadId));
        Assert.Equal(["aad-dana"], Outbox(bot).Where(m => m.Kind == OutboxKind.ChatCard && m.Topic == ApprovalNotifications.Topic(id)).Select(m => m.RecipientId));
        // Until Dana decides, the card still lets Alice correct a wrong choice.
        Assert.Contains("Wrong person?", CardInspector.AllText(sent));
        Assert.Contains(SendTo, CardInspector.ButtonTitles(sent));
    }

    [Fact]
    public async Task TypedSignInAddress_NamesThePersonTheDirectoryKnows_StoresTheirObjectId()
    {
        await using var graph = await DirectoryAsync();
        await using var bot = await StartAsync(divisionalHead: true, configure: o => o.Settings["Graph:BaseUrl"] = graph.GraphBaseUrl);
        var alice = bot.User("Alice");
        var (_, id) = await SubmitAsync(alice);

        Assert.Contains("does not know anyone", (await ReplyToAsync(bot, alice, "divisional head nobody@council.example")).Shown);
        Assert.Contains("sent to Dave Head, your Divisional Head", (await ReplyToAsync(bot, alice, "divisional head DAVE@council.example")).Shown);
        Assert.Equal("aad-dave", (await StoredAsync(bot, id))!.DivisionalHeadId);
    }

    [Fact]
    public async Task Ppm_NamesAndThenChangesTheDivisionalHead_OnlyTheNewOneMayEndorse()
    {
        await using var graph = await DirectoryAsync();
        await using var bot = await StartAsync(divisionalHead: true, configure: o => o.Settings["Graph:BaseUrl"] = graph.GraphBaseUrl);
        var dana = bot.User("Dana");
        await dana.SayAsync("hello");
        var (_, id) = await SubmitAsync(bot.User("Alice"));
        var pat = bot.User("Pat");

        // The PPM finds it waiting in "approvals", saying what it waits for, and opens it.
        var list = await pat.SayAsync("approvals");
        Assert.Contains("to name the Divisional Head", list.Shown);
        var page = await pat.InvokeAsync("proposal.open", new JsonObject { ["verb"] = "proposal.open", ["submissionId"] = id, ["page"] = 1 });
        Assert.Contains(SendTo, CardInspector.ButtonTitles(page));
        // An SMT member reading the same proposal is not offered it.
        var samPage = await bot.User("Sam").InvokeAsync("proposal.open", new JsonObject { ["verb"] = "proposal.open", ["submissionId"] = id, ["page"] = 1 });
        Assert.DoesNotContain(SendTo, CardInspector.ButtonTitles(samPage));

        var named = await pat.ClickAsync(page, SendTo, new Dictionary<string, string> { ["divisionalHeadId"] = "aad-dana" });
        Assert.Contains("sent to Dana Head, Alice's Divisional Head", CardInspector.AllText(named));
        await IdleAsync(bot);
        var danasCopy = await bot.Connector.NextAsync(dana.ConversationId);
        Assert.Contains("Endorse", CardInspector.ButtonTitles(danasCopy.Card!));
        var changed = await pat.ClickAsync(page, SendTo, new Dictionary<string, string> { ["divisionalHeadId"] = "aad-dave" });
        Assert.Contains("sent to Dave Head", CardInspector.AllText(changed));

        // Dana's delivered copy loses its buttons: one live card, Dave's.
        await bot.Get<ApprovalCardUpdates>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var retired = await bot.Connector.NextAsync(dana.ConversationId);
        Assert.Equal(("update", danasCopy.ActivityId), (retired.Kind, retired.ActivityId));
        Assert.DoesNotContain("Endorse", CardInspector.ButtonTitles(retired.Card!));

        var stored = (await StoredAsync(bot, id))!;
        Assert.Equal((SubmissionStatus.AwaitingDivisionalHead, "aad-dave"), (stored.Status, stored.DivisionalHeadId));
        Assert.Contains(stored.Audit, a => a.ById == PpmId && a.What == "Divisional Head changed from aad-dana to aad-dave");
        Assert.Equal(["aad-dana", "aad-dave"], Outbox(bot).Where(m => m.Kind == OutboxKind.ChatCard && m.Topic == ApprovalNotifications.Topic(id)).Select(m => m.RecipientId));

        var refused = await dana.ClickAsync(CardFor(bot, "aad-dana"), "Endorse", Assessment);
        Assert.Contains("Not allowed", CardInspector.AllText(refused));
        await bot.User("Dave").ClickAsync(CardFor(bot, "aad-dave"), "Endorse", Assessment);
        var endorsed = (await StoredAsync(bot, id))!;
        Assert.Equal(SubmissionStatus.UnderReview, endorsed.Status);
        Assert.Equal("aad-dave", Assert.Single(endorsed.Decisions).By.Id);

        // Once the Divisional Head has decided, it can no longer be changed.
        var late = await pat.ClickAsync(page, SendTo, new Dictionary<string, string> { ["divisionalHeadId"] = "aad-dana" });
        Assert.Contains("can no longer be changed", CardInspector.AllText(late));
        Assert.Equal("aad-dave", (await StoredAsync(bot, id))!.DivisionalHeadId);
    }

    private static Task IdleAsync(BotHarness bot) => bot.Get<OutboxSignal>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

    private static async Task<FakeGraph> DirectoryAsync()
    {
        var graph = new FakeGraph();
        await graph.StartAsync();
        graph.AddUser("aad-dana", "Dana Head", "dana@council.example");
        graph.AddUser("aad-dave", "Dave Head", "dave@council.example");
        graph.AddUser("aad-alice", "Alice", "alice@council.example");
        graph.AddUser("aad-sam", "Sam", "sam@council.example");
        return graph;
    }
}
