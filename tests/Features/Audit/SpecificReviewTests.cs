using System.Net;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Features.Audit;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Documents;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Audit;

/// <summary>
/// Issue 17.5 and 21.4 (s.4.5): A&amp;PM opens a review of one partnership; the lead officer is asked through the bot for
/// the division's input, which is stored on the review; A&amp;PM writes the report (a questionnaire as data), which
/// downloads as Word for A&amp;PM, the PPM and the lead officer only and is in the Audit Committee pack; the lead officer
/// then reaffirms commitment or recommends disengagement, and SMT hear it.
/// </summary>
public sealed class SpecificReviewTests
{
    private const string Open = "Open a specific review of this partnership";
    private static readonly DateTimeOffset Now = new(2027, 5, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SpecificReview_OpenedInputGivenReportWrittenRecommended_EachStepStoredAndTheNextPersonAsked()
    {
        await using var bot = await ApmBot.StartAsync(Now);
        var alex = bot.User("Alex", ApmBot.Alex);
        var hana = bot.User("Hana", ApmBot.Hcs);

        var list = (await alex.SayAsync("specific reviews")).Card!;
        Assert.Contains("Nothing to show yet.", CardInspector.AllText(list));
        var opened = await alex.ClickAsync(list, Open, new Dictionary<string, string> { ["partnershipId"] = ApmBot.CommunitySafety });
        Assert.Contains("The lead officer has been asked for their division's input", CardInspector.AllText(opened));
        var review = Assert.Single(await bot.Harness.Get<IAuditRecordStore>().SpecificReviewsAsync(ApmBot.CommunitySafety, default));
        // Opening it again finds the same review rather than starting a second.
        Assert.Contains("already in progress", CardInspector.AllText(await alex.ClickAsync(list, Open, new Dictionary<string, string> { ["partnershipId"] = ApmBot.CommunitySafety })));

        // The lead officer's card asks for the division's input; A&PM's "Write the report" is not on it.
        var ask = Assert.Single(bot.Outbox.Messages, m => m.RecipientId == ApmBot.Hcs && m.Kind == OutboxKind.ChatCard).Payload!;
        Assert.DoesNotContain("Write the report", CardInspector.ButtonTitles(ask));
        Assert.Contains("Not allowed", CardInspector.AllText(await bot.User("Olu", ApmBot.Olu).ClickAsync(ask, "Give your division's input")));
        var inputReceipt = await AuditJourney.AnswerAndSubmitAsync(hana, await hana.ClickAsync(ask, "Give your division's input"),
            (step, a) => a["details"] = $"Division says {step} <b>&amp;</b>");
        Assert.Contains("Your input has gone to the Audit & Performance Management team", CardInspector.AllText(inputReceipt));
        review = (await bot.Harness.Get<IAuditRecordStore>().FindSpecificReviewAsync(review.Id, default))!;
        Assert.Equal(("Hana", SpecificReviewStatus.Open), (review.InputByName, review.Status));
        Assert.Contains(bot.Outbox.Messages, m => m.RecipientId == ApmBot.Alex && CardInspector.AllText(m.Payload).Contains("has given the division's input", StringComparison.Ordinal));

        // A&PM writes the report; the receipt offers it as Word.
        Assert.Contains("Not allowed", CardInspector.AllText(await hana.ClickAsync(opened, "Write the report")));
        var reportReceipt = await AuditJourney.AnswerAndSubmitAsync(alex, await alex.ClickAsync(opened, "Write the report"),
            (step, a) => a["details"] = $"Report {step} =SUM(A1)");
        Assert.Contains("Download as Word", CardInspector.ButtonTitles(reportReceipt));
        review = (await bot.Harness.Get<IAuditRecordStore>().FindSpecificReviewAsync(review.Id, default))!;
        Assert.Equal(SpecificReviewStatus.Reported, review.Status);

        // The lead officer is asked to reaffirm or recommend disengagement to SMT; a reason is needed to disengage.
        var recommend = bot.Outbox.Messages.Last(m => m.RecipientId == ApmBot.Hcs && m.Kind == OutboxKind.ChatCard).Payload!;
        Assert.Contains("Send my recommendation to SMT", CardInspector.ButtonTitles(recommend));
        var noReason = await hana.ClickAsync(recommend, "Send my recommendation to SMT", new Dictionary<string, string> { ["recommendation"] = "RecommendDisengagement", ["reasons"] = "" });
        Assert.Contains("Give your reasons", CardInspector.AllText(noReason));
        Assert.Contains("Not allowed", CardInspector.AllText(await alex.ClickAsync(recommend, "Send my recommendation to SMT", new Dictionary<string, string> { ["recommendation"] = "ReaffirmCommitment" })));
        var sent = await hana.ClickAsync(recommend, "Send my recommendation to SMT", new Dictionary<string, string> { ["recommendation"] = "RecommendDisengagement", ["reasons"] = "Costs outweigh value" });
        Assert.Contains("Sent to SMT: Recommend disengagement.", CardInspector.AllText(sent));
        review = (await bot.Harness.Get<IAuditRecordStore>().FindSpecificReviewAsync(review.Id, default))!;
        Assert.Equal((SpecificReviewStatus.Recommended, Recommendation.RecommendDisengagement, "Costs outweigh value"), (review.Status, review.Recommendation, review.RecommendationReasons));
        var smt = Assert.Single(bot.Outbox.Messages, m => m.RecipientId == "aad-sam");
        Assert.Contains("recommends to SMT: Recommend disengagement. Reasons: Costs outweigh value", CardInspector.AllText(smt.Payload));
        // A second press changes nothing and says so.
        Assert.Contains("already gone to SMT", CardInspector.AllText(await hana.ClickAsync(recommend, "Send my recommendation to SMT", new Dictionary<string, string> { ["recommendation"] = "ReaffirmCommitment" })));

        // In the year's Audit Committee pack (the spreadsheet column and the Word summary).
        var pack = await bot.PreparedPaperAsync(await alex.ClickAsync((await alex.SayAsync("audit report 2027")).Card!, "Download as Word"));
        using var word = await bot.Harness.Client.GetAsync(ApmBot.DownloadPath(pack));
        using var docx = new Docx(await word.Content.ReadAsByteArrayAsync());
        Assert.Contains("Specific partnership reviews (section 4.5)", docx.Headings(1));
        Assert.Contains("Report financial-issues =SUM(A1)", docx.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpecificReviewPaper_Download_ApmPpmAndLeadOfficerOnly_ValidatesAndHoldsEveryAnswer()
    {
        await using var bot = await ApmBot.StartAsync(Now);
        var alex = bot.User("Alex", ApmBot.Alex);
        var hana = bot.User("Hana", ApmBot.Hcs);
        var opened = await alex.ClickAsync((await alex.SayAsync("specific reviews")).Card!, Open, new Dictionary<string, string> { ["partnershipId"] = ApmBot.CommunitySafety });
        var ask = Assert.Single(bot.Outbox.Messages, m => m.RecipientId == ApmBot.Hcs).Payload!;
        await AuditJourney.AnswerAndSubmitAsync(hana, await hana.ClickAsync(ask, "Give your division's input"), (step, a) => a["details"] = $"Input {step}");
        var receipt = await AuditJourney.AnswerAndSubmitAsync(alex, await alex.ClickAsync(opened, "Write the report"), (step, a) => a["details"] = $"Finding {step}");
        var reviewId = (string)CardInspector.FindExecuteAction(receipt, "Download as Word")!["data"]!["subjectId"]!;

        foreach (var (user, _) in new[] { (alex, "A&PM"), (hana, "lead officer"), (bot.User("Pat", ApmBot.Ppm), "PPM") })
        {
            using var response = await bot.Harness.Client.GetAsync(ApmBot.DownloadPath(await user.ClickAsync(receipt, "Download as Word")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var docx = new Docx(await response.Content.ReadAsByteArrayAsync());
            Assert.Empty(docx.ValidationErrors());
            Assert.Contains("Summary", docx.Headings(1));
            foreach (var step in new[] { "scope", "financial-issues", "other-issues", "value", "recommendations" })
            {
                Assert.Contains($"Finding {step}", docx.Paragraphs);
            }

            Assert.Contains("Input issues", docx.Paragraphs);
            Assert.Contains("Input value", docx.Paragraphs);
        }

        // SMT and an officer are not readers, whatever the card data says.
        foreach (var (name, id) in new[] { ("Sam", "aad-sam"), ("Olu", ApmBot.Olu) })
        {
            var refused = await bot.User(name, id).InvokeAsync(CardVerbs.DocumentDownload, new JsonObject { ["verb"] = CardVerbs.DocumentDownload, ["kind"] = "specific-review", ["subjectId"] = reviewId });
            Assert.Contains("Not allowed", CardInspector.AllText(refused));
        }
    }
}
