using Microsoft.Extensions.DependencyInjection;
using PartnershipBot.Documents;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Features.Reviews;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Documents;

/// <summary>
/// The review report to SMT and the Audit Committee summary attached to their e-mails (issue 21): queued by the turn,
/// made for each recipient by the bot's own e-mail sender when it sends, and received by Graph (fake) as a .docx.
/// </summary>
public sealed class PaperAttachedEmailTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Prompt2027 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeGraph _graph = new();
    private CycleBot _bot = null!;

    public async Task InitializeAsync()
    {
        await _graph.StartAsync();
        _graph.AddUser(CycleBot.Hcs, "Hana Jones", "hana@council.example");
        _graph.AddUser(CycleBot.Ppm, "Pat Policy", "pat@council.example");
        _graph.AddUser("aad-sam", "Sam Senior", "sam@council.example");
        _graph.AddUser("aad-sue", "Sue Senior", "sue@council.example");
        _graph.AddUser("aad-eve", "Eve Officer", "eve@council.example");
        _bot = await CycleBot.StartAsync(Prompt2027, o =>
        {
            o.Authenticated = true;
            o.Settings["Graph:BaseUrl"] = _graph.GraphBaseUrl;
            o.Settings["Graph:ServiceMailbox"] = "partnerships@council.example";
        });
        await _bot.RunSchedulerAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task ReviewSummaryEmail_ToEachSmtMember_CarriesTheReviewReportAsWord()
    {
        var draftId = await CompleteReviewAsync(_bot.Harness.User("Hana"));

        var emails = _bot.Outbox.Messages.Where(m => m.Kind == OutboxKind.Email && m.IdempotencyKey.StartsWith($"review-summary:{draftId}:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["aad-sam", "aad-sue"], emails.Select(m => m.RecipientId).Order(StringComparer.Ordinal));
        // Queued with a reference only: the turn made no paper.
        Assert.All(emails, m => Assert.Equal(DocumentKinds.Review, Assert.Single(m.Papers).Kind));
        Assert.All(emails, m => Assert.Empty(m.Attachments));

        foreach (var email in emails)
        {
            Assert.Equal(DeliveryOutcome.Sent, (await SendAsync(email)).Outcome);
        }

        var sends = _graph.Succeeded("/sendMail");
        Assert.Equal(2, sends.Count);
        byte[]? first = null;
        foreach (var send in sends)
        {
            var attachment = Assert.Single(send.Body!["Message"]!["attachments"]!.AsArray())!;
            Assert.Equal(WordDocument.ContentType, attachment["contentType"]!.GetValue<string>());
            Assert.EndsWith(".docx", attachment["name"]!.GetValue<string>(), StringComparison.Ordinal);
            var bytes = Convert.FromBase64String(attachment["contentBytes"]!.GetValue<string>());
            Assert.Equal(bytes.Length, attachment["size"]!.GetValue<int>());
            first ??= bytes;

            using var docx = new Docx(bytes);
            Assert.Empty(docx.ValidationErrors());
            Assert.Contains("Community Safety Partnership", docx.AllText, StringComparison.Ordinal);
            Assert.Contains("Duplicates the county board.", docx.AllText, StringComparison.Ordinal);
            Assert.Contains("Recommend disengagement", docx.AllText, StringComparison.Ordinal);
        }

        // The same report as "Download as Word" gives SMT on the review card.
        var reference = await _bot.Harness.Get<DocumentDownloads>().GenerateAsync(
            new PartnershipBot.Features.Partnerships.Caller("aad-sam", _bot.Harness.Options.TenantId, "Sam"), DocumentKinds.Review, $"{CycleBot.CommunitySafety}/2027", default);
        using (var expected = new Docx(reference!.Content))
        using (var received = new Docx(first!))
        {
            Assert.Equal(expected.Paragraphs, received.Paragraphs);
        }
    }

    [Fact]
    public async Task ReviewSummaryEmail_ToSomeoneWhoMayNotReadTheReport_GoesWithoutItAndSaysWhy()
    {
        var draftId = await CompleteReviewAsync(_bot.Harness.User("Hana"));
        var toSam = _bot.Outbox.Messages.First(m => m.IdempotencyKey == $"review-summary:{draftId}:aad-sam");

        // The same e-mail addressed to Eve, who is neither SMT, the PPM nor the lead officer: the paper is not hers to read.
        Assert.Equal(DeliveryOutcome.Sent, (await SendAsync(toSam with { IdempotencyKey = "test:eve", RecipientId = "aad-eve" })).Outcome);

        var send = Assert.Single(_graph.Succeeded("/sendMail"));
        Assert.Null(send.Body!["Message"]!["attachments"]);
        Assert.Contains("is not attached: it is no longer one you may read", send.Body["Message"]!["body"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditReportEmail_ToThePpm_CarriesSpreadsheetCsvAndTheWordSummary()
    {
        var card = (await _bot.Harness.User("Pat").SayAsync("audit report 2027")).Card!;
        Assert.Contains("the Word summary are also being e-mailed to you", CardInspector.AllText(card).Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);

        var email = Assert.Single(_bot.Outbox.Messages, m => m.Kind == OutboxKind.Email && m.Topic == "audit-report:2027");
        Assert.Equal(new EmailPaper(DocumentKinds.AuditCommittee, "2027", _bot.Harness.Options.TenantId), Assert.Single(email.Papers));
        Assert.Equal(DeliveryOutcome.Sent, (await SendAsync(email)).Outcome);

        var send = Assert.Single(_graph.Succeeded("/sendMail"));
        var attachments = send.Body!["Message"]!["attachments"]!.AsArray();
        Assert.Equal(
            ["audit-committee-partnerships-2027.xlsx", "audit-committee-partnerships-2027.csv"],
            attachments.Take(2).Select(a => a!["name"]!.GetValue<string>()));
        var word = attachments[2]!;
        Assert.Equal(WordDocument.ContentType, word["contentType"]!.GetValue<string>());
        using var docx = new Docx(Convert.FromBase64String(word["contentBytes"]!.GetValue<string>()));
        Assert.Empty(docx.ValidationErrors());
        Assert.Contains("Audit Committee", docx.AllText, StringComparison.Ordinal);
        Assert.Contains("Community Safety Partnership", docx.AllText, StringComparison.Ordinal);
        Assert.Contains("Thames Gateway South Essex Partnership", docx.AllText, StringComparison.Ordinal);
    }

    /// <summary>The bot's own e-mail sender (what the outbox dispatcher calls), to the fake Graph.</summary>
    private Task<DeliveryResult> SendAsync(OutboxMessage message) =>
        _bot.Harness.Services.GetServices<INotificationSender>().Single(s => s.Kind == OutboxKind.Email).SendAsync(message, default);

    /// <summary>Hana completes the 2027 review of Community Safety from her digest, recommending disengagement; returns the draft id.</summary>
    private async Task<string> CompleteReviewAsync(TeamsUser hana)
    {
        var step = await Digests.ClickForAsync(hana, Digests.Prompt(_bot.Outbox, CycleBot.Hcs, 2027), CycleBot.CommunitySafety);
        var draftId = StepCard.DraftId(step);
        for (var guard = 0; StepCard.IsQuestion(step); guard++)
        {
            Assert.True(guard < 40, "The review never reached its summary.");
            var answers = StepCard.ValidAnswers(step);
            if (StepCard.StepId(step) == "recommendation")
            {
                answers["recommendation"] = "Recommend disengagement";
                answers["reasons"] = "Duplicates the county board.";
                answers["contingentLiabilities"] = "Share of the joint post.";
            }

            step = await hana.ClickAsync(step, "Next", answers);
        }

        await hana.ClickAsync(step, "Submit");
        return draftId;
    }
}
