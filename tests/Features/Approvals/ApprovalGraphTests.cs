using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>Approval with the outbox dispatcher, Graph (fake) and the connector (fake): what people actually receive.</summary>
public sealed class ApprovalGraphTests : IAsyncLifetime
{
    private const string Mailbox = "partnerships@council.example";
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
            o.Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 10, 0, 0, TimeSpan.Zero));
            o.Settings["Graph:BaseUrl"] = _graph.GraphBaseUrl;
            o.Settings["Graph:ServiceMailbox"] = Mailbox;
            o.Settings["Register:RoleHolders:PPM"] = PpmId;
            o.Settings["Approvals:SmtUserIds:0"] = SmtIds[0];
            o.Settings["Approvals:SmtUserIds:1"] = SmtIds[1];
            o.Settings["Approvals:DivisionalHeadStage"] = divisionalHead ? "true" : "false";
            configure?.Invoke(o);
        });
    }

    private Task IdleAsync() => _bot.Get<OutboxSignal>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

    [Fact]
    public async Task FullPath_SubmitToApproval_CardsDeliveredThenUpdatedInPlace_SubmitterTold()
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

        var (_, id) = await SubmitAsync(alice);
        await IdleAsync();

        var delivered = new Dictionary<TeamsUser, ConnectorCall>();
        foreach (var approver in new[] { sam, sue, pat })
        {
            var call = await _bot.Connector.NextAsync(approver.ConversationId);
            Assert.Equal("send", call.Kind);
            Assert.Contains("Approval needed", CardInspector.AllText(call.Card));
            delivered[approver] = call;
        }

        var outcome = await sam.ClickAsync(delivered[sam].Card!, "Approve", new Dictionary<string, string> { ["comment"] = "Go ahead" });
        Assert.Contains("Approved", CardInspector.AllText(outcome));
        await IdleAsync();

        foreach (var approver in new[] { sam, sue, pat })
        {
            var update = await _bot.Connector.NextAsync(approver.ConversationId);
            Assert.Equal(("update", delivered[approver].ActivityId), (update.Kind, update.ActivityId));
            Assert.Contains("Approved", CardInspector.AllText(update.Card));
            Assert.Contains("Go ahead", CardInspector.AllText(update.Card));
        }

        Assert.Contains("Go ahead", (await MessageWithAsync(_bot, alice, "Approved")).Shown);
        Assert.Equal(SubmissionStatus.Approved, (await StoredAsync(_bot, id))!.Status);

        var entry = Assert.Single(await _bot.Get<IPartnershipRegister>().AllAsync(default), p => p.Name == "Answer for name");
        // The typed lead officer is not Alice: the entry keeps the name as typed and no id for the PPM to link.
        Assert.Equal((PartnershipStatus.Active, "", "Answer for leadOfficer", new DateOnly(2027, 4, 1)),
            (entry.Status, entry.LeadOfficerId, entry.LeadOfficerName, entry.StartDate));
    }

    [Fact]
    public async Task Submit_ApprovalEmails_GoFromTheServiceMailboxToPpmAndEachSmtMember()
    {
        await StartAsync();
        await SubmitAsync(_bot.User("Alice Green", "aad-alice"));
        await IdleAsync();

        var sends = _graph.Succeeded("/sendMail");
        Assert.All(sends, s => Assert.Equal($"/v1.0/users/{Mailbox}/sendMail", s.Path));
        var to = sends.Select(s => s.Body!["Message"]!["toRecipients"]!.AsArray().Single()!["emailAddress"]!["address"]!.GetValue<string>()).Order();
        Assert.Equal(["pat.policy@council.example", "sam.senior@council.example", "sue.senior@council.example"], to);
        var message = sends[0].Body!["Message"]!;
        Assert.Equal("New partnership proposal for approval: Answer for name", message["subject"]!.GetValue<string>());
        Assert.Equal("html", message["body"]!["contentType"]!.GetValue<string>());
        var html = message["body"]!["content"]!.GetValue<string>();
        Assert.Contains("Submitted by Alice Green", html);
        Assert.Contains("<h3>Risk assessment (section 3.3)</h3>", html);
    }

    [Fact]
    public async Task DivisionalHeadStage_ManagerFromGraph_GetsTheCardFirst()
    {
        await StartAsync(divisionalHead: true);
        _graph.SetManager("aad-alice", "aad-dana");
        var (submitted, id) = await SubmitAsync(_bot.User("Alice Green", "aad-alice"));
        Assert.Contains("Divisional Head has been asked", CardInspector.AllText(submitted));
        var stored = await StoredAsync(_bot, id);
        Assert.Equal((SubmissionStatus.AwaitingDivisionalHead, "aad-dana"), (stored!.Status, stored.DivisionalHeadId));
        Assert.Contains(_graph.Requests, r => r.Path == "/v1.0/users/aad-alice/manager");

        await _bot.User("Dana Head", "aad-dana").ClickAsync(CardFor(_bot, "aad-dana"), "Endorse", Assessment);
        Assert.Equal(SubmissionStatus.UnderReview, (await StoredAsync(_bot, id))!.Status);
    }

    [Fact]
    public async Task DivisionalHeadStage_NoManagerInGraph_SubmitterIsAskedToNameOne()
    {
        await StartAsync(divisionalHead: true);
        var (submitted, id) = await SubmitAsync(_bot.User("Alice Green", "aad-alice"));
        Assert.Contains("does not say who your manager is", CardInspector.AllText(submitted));
        Assert.Equal(SubmissionStatus.Submitted, (await StoredAsync(_bot, id))!.Status);
        Assert.Contains(_graph.Requests, r => r.Path == "/v1.0/users/aad-alice/manager");
    }

    [Fact]
    public async Task DivisionalHeadStage_DirectoryDown_SubmitterToldToTryLaterAndCannotNameAnyone()
    {
        await StartAsync(divisionalHead: true);
        var alice = _bot.User("Alice Green", "aad-alice");
        _graph.Down = true;
        var (submitted, id) = await SubmitAsync(alice);
        Assert.Contains("try again later", CardInspector.AllText(submitted));
        Assert.DoesNotContain("Entra object id", CardInspector.AllText(submitted));
        Assert.Equal(SubmissionStatus.Submitted, (await StoredAsync(_bot, id))!.Status);

        // While the directory is down nobody can be named: it cannot be checked.
        Assert.Contains("try again later", (await ReplyToAsync(_bot, alice, "divisional head aad-mallory")).Text);
        Assert.Null((await StoredAsync(_bot, id))!.DivisionalHeadId);

        // Back up: "divisional head" asks the directory again and finds the manager.
        _graph.Down = false;
        _graph.SetManager("aad-alice", "aad-dana");
        Assert.Contains("sent to Dana Head, your Divisional Head", (await ReplyToAsync(_bot, alice, "divisional head")).Text);
        Assert.Equal((SubmissionStatus.AwaitingDivisionalHead, "aad-dana"), ((await StoredAsync(_bot, id))!.Status, (await StoredAsync(_bot, id))!.DivisionalHeadId));
    }

    [Fact]
    public async Task Submit_ApproversWhoNeverTalkedToTheBot_SubmitterToldTheirNamesFromGraphOnce()
    {
        await StartAsync();
        var alice = _bot.User("Alice Green", "aad-alice");
        var sam = _bot.User("Sam Senior", "aad-sam");
        await sam.SayAsync("hello");
        var (_, id) = await SubmitAsync(alice);
        await IdleAsync();

        var told = new[] { await _bot.Connector.NextAsync(alice.ConversationId), await _bot.Connector.NextAsync(alice.ConversationId) }
            .Select(c => c.Shown).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("Pat Policy could not be reached", told[0]);
        Assert.Contains("Sue Senior could not be reached", told[1]);
        Assert.All(told, t => Assert.DoesNotContain("Sam Senior", t));
        Assert.Empty(_bot.Connector.Drain(alice.ConversationId));

        // Another stage's card to the same people (here: Sam refers it, so Pat is asked again) does not tell Alice twice.
        await sam.ClickAsync(CardFor(_bot, "aad-sam"), "Refer to Executive", new Dictionary<string, string> { ["comment"] = "Over the limit" });
        await IdleAsync();
        Assert.Single(Outbox(_bot), m => m.IdempotencyKey == $"approval:{id}:unreachable:{PpmId}");
        Assert.DoesNotContain(_bot.Connector.Drain(alice.ConversationId), c => c.Shown.Contains("could not be reached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cards_NamesFromGraph_NotFromTeamsDisplayNames()
    {
        await StartAsync();
        var alice = _bot.User("alice (Teams nickname)", "aad-alice");
        var sam = _bot.User("sam-t", "aad-sam");
        await sam.SayAsync("hello");
        var (_, id) = await SubmitAsync(alice);
        await IdleAsync();

        var card = (await _bot.Connector.NextAsync(sam.ConversationId)).Card!;
        Assert.Contains("Alice Green", CardInspector.AllText(card));
        Assert.DoesNotContain("nickname", CardInspector.AllText(card));

        var outcome = await sam.ClickAsync(card, "Approve");
        Assert.Contains("Sam Senior", CardInspector.AllText(outcome));
        Assert.Equal(("Alice Green", "Sam Senior"), ((await StoredAsync(_bot, id))!.Submitter.Name, (await StoredAsync(_bot, id))!.Decisions[^1].By.Name));
    }
}
