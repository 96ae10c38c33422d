using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Documents;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Documents;

/// <summary>The proposal paper attached to the approval e-mails to the PPM and SMT, as Graph (fake) receives them.</summary>
public sealed class PaperEmailTests : IAsyncLifetime
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
        _bot = await BotHarness.StartAsync(o =>
        {
            o.Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 10, 0, 0, TimeSpan.Zero));
            o.Settings["Graph:BaseUrl"] = _graph.GraphBaseUrl;
            o.Settings["Graph:ServiceMailbox"] = Mailbox;
            o.Settings["Register:RoleHolders:PPM"] = PpmId;
            o.Settings["Approvals:SmtUserIds:0"] = SmtIds[0];
            o.Settings["Approvals:SmtUserIds:1"] = SmtIds[1];
            o.Settings["Approvals:DivisionalHeadStage"] = "false";
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task ApprovalEmail_ToPpmAndSmt_CarriesTheProposalPaperAsAWordAttachment()
    {
        var (_, id) = await SubmitAsync(_bot.User("Alice Green", "aad-alice"));
        await _bot.Get<OutboxSignal>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

        // The generated paper, as the outbox kept it for each recipient.
        var generated = Outbox(_bot).Where(m => m.Kind == OutboxKind.Email).Select(m => Assert.Single(m.Attachments)).ToList();
        Assert.Equal(3, generated.Count);
        var paper = generated[0].Content;
        Assert.All(generated, a => Assert.Equal(paper, a.Content));

        var sends = _graph.Succeeded("/sendMail");
        Assert.Equal(3, sends.Count);
        foreach (var send in sends)
        {
            var attachment = Assert.Single(send.Body!["Message"]!["attachments"]!.AsArray())!;
            Assert.Equal("#microsoft.graph.fileAttachment", attachment["@odata.type"]!.GetValue<string>());
            Assert.Equal(WordDocument.ContentType, attachment["contentType"]!.GetValue<string>());
            Assert.Matches(@"^NP-[A-Z0-9-]+ proposal v1\.docx$", attachment["name"]!.GetValue<string>());
            Assert.Equal(paper.Length, attachment["size"]!.GetValue<int>());
            Assert.Equal(paper, Convert.FromBase64String(attachment["contentBytes"]!.GetValue<string>()));
        }

        // The bytes are the proposal: a valid Word paper with the officer's answers.
        using var docx = new Docx(paper);
        Assert.Empty(docx.ValidationErrors());
        Assert.Contains("Answer for name", docx.AllText, StringComparison.Ordinal);
        Assert.Contains("Answer for mitigation", docx.AllText, StringComparison.Ordinal);
        Assert.NotNull(await StoredAsync(_bot, id));
    }

    [Fact]
    public void MaxInlineBytes_WithBase64AndABody_StaysUnderGraphsLimits()
    {
        // Graph: inline file attachments under 3 MB, the whole request under 4 MB.
        var encoded = (EmailAttachment.MaxInlineBytes + 2) / 3 * 4;
        Assert.True(EmailAttachment.MaxInlineBytes < 3 * 1024 * 1024);
        Assert.True(encoded + 500_000 < 4 * 1024 * 1024);
    }
}
