using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnershipBot.Cards;
using PartnershipBot.Documents;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Audit;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Documents;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Audit;

/// <summary>
/// Issue 21.4 (s.4.5 last sentence): when the lead officer's recommendation after a specific review goes to SMT, each
/// SMT member is e-mailed a summary with the specific review report attached as Word (made for them by the bot's own
/// e-mail sender, received by Graph, fake), and from then on SMT may read the report (download it, open the card) but
/// do nothing else on it; before the handover they may not, and a plain officer never may.
/// </summary>
public sealed class SpecificReviewSmtPaperTests
{
    private const string Sue = "aad-sue";
    private const string Sam = "aad-sam";
    private static readonly DateTimeOffset Now = new(2027, 5, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task HandOverToSmt_EachSmtMember_GetsAnEmailWithTheSpecificReviewReportAsWord()
    {
        await using var bot = await StartAsync();
        var reviewId = await ReportWrittenAsync(bot);

        await RecommendAsync(bot, "RecommendDisengagement", "Costs outweigh value");

        var review = (await bot.Harness.Get<IAuditRecordStore>().FindSpecificReviewAsync(reviewId, default))!;
        var emails = bot.Outbox.Messages.Where(m => m.Kind == OutboxKind.Email && m.IdempotencyKey.StartsWith($"specific-review-summary:{review.ReportDraftId}:", StringComparison.Ordinal)).ToList();
        Assert.Equal([Sam, Sue], emails.Select(m => m.RecipientId).Order(StringComparer.Ordinal));
        Assert.All(emails, m => Assert.Equal(new EmailPaper(DocumentKinds.SpecificReview, reviewId, bot.Harness.Options.TenantId), Assert.Single(m.Papers)));
        // Queued with a reference only (the turn made no paper), in the same outbox call as SMT's decision cards.
        Assert.All(emails, m => Assert.Empty(m.Attachments));
        var batch = Assert.Single(bot.Outbox.Batches, b => b.Any(m => m.Kind == OutboxKind.Email));
        Assert.Equal([Sam, Sue], batch.Where(m => m.Kind == OutboxKind.ChatCard).Select(m => m.RecipientId).Order(StringComparer.Ordinal));
        // A second press sends nothing again.
        await RecommendAsync(bot, "ReaffirmCommitment", "");
        Assert.Equal(2, bot.Outbox.Messages.Count(m => m.Kind == OutboxKind.Email));

        foreach (var email in emails)
        {
            Assert.Equal(DeliveryOutcome.Sent, (await SendAsync(bot, email)).Outcome);
        }

        var sends = bot.Graph.Succeeded("/sendMail");
        Assert.Equal(2, sends.Count);
        var body = sends[0].Body!["Message"]!["body"]!["content"]!.GetValue<string>();
        Assert.Contains("Community Safety Partnership", body, StringComparison.Ordinal);
        Assert.Contains("the lead officer, Hana, recommends to SMT: Recommend disengagement.", body, StringComparison.Ordinal);
        Assert.Contains("Costs outweigh value", body, StringComparison.Ordinal);
        Assert.Contains("is recorded from the review&#39;s decision card in Microsoft Teams", body, StringComparison.Ordinal);
        foreach (var send in sends)
        {
            var attachment = Assert.Single(send.Body!["Message"]!["attachments"]!.AsArray())!;
            Assert.Equal(WordDocument.ContentType, attachment["contentType"]!.GetValue<string>());
            Assert.Equal($"specific-partnership-review-{ApmBot.CommunitySafety}-{reviewId}.docx", attachment["name"]!.GetValue<string>());
            var bytes = Convert.FromBase64String(attachment["contentBytes"]!.GetValue<string>());
            Assert.Equal(bytes.Length, attachment["size"]!.GetValue<int>());
            using var docx = new Docx(bytes);
            Assert.Empty(docx.ValidationErrors());
            Assert.Contains("Community Safety Partnership", docx.AllText, StringComparison.Ordinal);
            Assert.Contains("Finding financial-issues", docx.Paragraphs);
            Assert.Contains("Finding value", docx.Paragraphs);
            Assert.Contains("Costs outweigh value", docx.AllText, StringComparison.Ordinal);
        }

        // The same paper as "Download as Word" gives the A&PM team.
        var reference = await bot.Harness.Get<DocumentDownloads>().GenerateAsync(
            new PartnershipBot.Features.Partnerships.Caller(ApmBot.Alex, bot.Harness.Options.TenantId, "Alex"), DocumentKinds.SpecificReview, reviewId, default);
        using var expected = new Docx(reference!.Content);
        using var received = new Docx(Convert.FromBase64String(sends[0].Body!["Message"]!["attachments"]![0]!["contentBytes"]!.GetValue<string>()));
        Assert.Equal(expected.Paragraphs, received.Paragraphs);
    }

    [Fact]
    public async Task SpecificReviewPaper_SmtMember_RefusedBeforeTheHandOverReadsAfterIt_OfficerStillRefused()
    {
        await using var bot = await StartAsync();
        var reviewId = await ReportWrittenAsync(bot);
        var sam = bot.User("Sam", Sam);
        var olu = bot.User("Olu", ApmBot.Olu);

        // Before the recommendation has gone to SMT: neither the paper nor the card.
        Assert.Contains("Not allowed", CardInspector.AllText(await DownloadAsync(sam, reviewId)));
        Assert.Contains("Not allowed", CardInspector.AllText(await ShowAsync(sam, reviewId)));

        await RecommendAsync(bot, "ReaffirmCommitment", "Good value for money");

        // After it: Sam downloads the paper on the same path as the card's button, and opens the card to read only.
        using (var response = await bot.Harness.Client.GetAsync(ApmBot.DownloadPath(await DownloadAsync(sam, reviewId))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var docx = new Docx(await response.Content.ReadAsByteArrayAsync());
            Assert.Empty(docx.ValidationErrors());
            Assert.Contains("Finding recommendations", docx.Paragraphs);
        }

        var card = await ShowAsync(sam, reviewId);
        Assert.Contains("Community Safety Partnership", CardInspector.AllText(card));
        // Only reading buttons: none of the lead officer's or A&PM's actions.
        Assert.Equal(["Download as Word", "Open the partnership"], CardInspector.ButtonTitles(card));
        using (var response = await bot.Harness.Client.GetAsync(ApmBot.DownloadPath(await sam.ClickAsync(card, "Download as Word"))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Reading is all: the lead officer's and A&PM's actions stay theirs, whatever the card data says.
        var before = (await bot.Harness.Get<IAuditRecordStore>().FindSpecificReviewAsync(reviewId, default))!.Version;
        Assert.Contains("Not allowed", CardInspector.AllText(await sam.InvokeAsync(CardVerbs.SpecificReport,
            new JsonObject { ["verb"] = CardVerbs.SpecificReport, ["reviewId"] = reviewId })));
        Assert.Contains("Not allowed", CardInspector.AllText(await sam.InvokeAsync(CardVerbs.SpecificRecommend,
            new JsonObject { ["verb"] = CardVerbs.SpecificRecommend, ["reviewId"] = reviewId, ["recommendation"] = "RecommendDisengagement", ["reasons"] = "SMT's own" })));
        Assert.Contains("Not allowed", CardInspector.AllText(await sam.InvokeAsync(CardVerbs.SpecificInput,
            new JsonObject { ["verb"] = CardVerbs.SpecificInput, ["reviewId"] = reviewId })));
        var after = (await bot.Harness.Get<IAuditRecordStore>().FindSpecificReviewAsync(reviewId, default))!;
        Assert.Equal((before, Recommendation.ReaffirmCommitment, "Good value for money"), (after.Version, after.Recommendation, after.RecommendationReasons));
        Assert.DoesNotContain(bot.Outbox.Messages, m => m.Body?.Contains("SMT's own", StringComparison.Ordinal) == true);

        // An officer who is none of these is still refused, the paper and the card.
        Assert.Contains("Not allowed", CardInspector.AllText(await DownloadAsync(olu, reviewId)));
        Assert.Contains("Not allowed", CardInspector.AllText(await ShowAsync(olu, reviewId)));
    }

    [Fact]
    public async Task SmtEmail_OfficersTextWithMarkup_IsEscaped()
    {
        await using var bot = await StartAsync();
        await ReportWrittenAsync(bot);

        await RecommendAsync(bot, "RecommendDisengagement", "<script>alert('x')</script> Costs & risks\nsecond line");

        var email = bot.Outbox.Messages.First(m => m.Kind == OutboxKind.Email && m.RecipientId == Sam);
        Assert.Equal(DeliveryOutcome.Sent, (await SendAsync(bot, email)).Outcome);
        var body = Assert.Single(bot.Graph.Succeeded("/sendMail")).Body!["Message"]!["body"]!["content"]!.GetValue<string>();
        Assert.DoesNotContain("<script>", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Costs &amp; risks<br>second line", body, StringComparison.Ordinal);
    }

    /// <summary>The A&amp;PM bot with two SMT members (Sam, Sue) who have mailboxes, and e-mail sent through the fake Graph.</summary>
    private static async Task<ApmBot> StartAsync()
    {
        var bot = await ApmBot.StartAsync(Now, o =>
        {
            o.Settings["Approvals:SmtUserIds:1"] = Sue;
            o.Settings["Graph:ServiceMailbox"] = "partnerships@council.example";
        });
        bot.Graph.AddUser(Sam, "Sam Senior", "sam@council.example");
        bot.Graph.AddUser(Sue, "Sue Senior", "sue@council.example");
        return bot;
    }

    /// <summary>Alex opens a review of Community Safety and writes the report ("Finding {step}"); returns the review's id.</summary>
    private static async Task<string> ReportWrittenAsync(ApmBot bot)
    {
        var alex = bot.User("Alex", ApmBot.Alex);
        var opened = await alex.ClickAsync((await alex.SayAsync("specific reviews")).Card!, "Open a specific review of this partnership",
            new Dictionary<string, string> { ["partnershipId"] = ApmBot.CommunitySafety });
        var receipt = await AuditJourney.AnswerAndSubmitAsync(alex, await alex.ClickAsync(opened, "Write the report"), (step, a) => a["details"] = $"Finding {step}");
        return (string)CardInspector.FindExecuteAction(receipt, "Download as Word")!["data"]!["subjectId"]!;
    }

    /// <summary>Hana, the lead officer, sends her recommendation to SMT from the card she was sent.</summary>
    private static Task<JsonObject> RecommendAsync(ApmBot bot, string recommendation, string reasons) =>
        bot.User("Hana", ApmBot.Hcs).ClickAsync(
            bot.Outbox.Messages.Last(m => m.RecipientId == ApmBot.Hcs && m.Kind == OutboxKind.ChatCard && CardInspector.ButtonTitles(m.Payload!).Contains("Send my recommendation to SMT")).Payload!,
            "Send my recommendation to SMT", new Dictionary<string, string> { ["recommendation"] = recommendation, ["reasons"] = reasons });

    /// <summary>"Download as Word" as the review card sends it.</summary>
    private static Task<JsonObject> DownloadAsync(TeamsUser user, string reviewId) =>
        user.InvokeAsync(CardVerbs.DocumentDownload, new JsonObject { ["verb"] = CardVerbs.DocumentDownload, ["kind"] = DocumentKinds.SpecificReview, ["subjectId"] = reviewId });

    private static Task<JsonObject> ShowAsync(TeamsUser user, string reviewId) =>
        user.InvokeAsync(CardVerbs.SpecificShow, new JsonObject { ["verb"] = CardVerbs.SpecificShow, ["reviewId"] = reviewId });

    /// <summary>The bot's own e-mail sender (what the outbox dispatcher calls), to the fake Graph.</summary>
    private static Task<DeliveryResult> SendAsync(ApmBot bot, OutboxMessage message) =>
        bot.Harness.Services.GetServices<INotificationSender>().Single(s => s.Kind == OutboxKind.Email).SendAsync(message, default);
}
