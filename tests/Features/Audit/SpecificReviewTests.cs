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
/// then reaffirms commitment or recommends disengagement, and SMT decide on it with the review-decision card of annual
/// reviews (noted / reaffirm / agree disengagement: Disengaging and the contingent liabilities asked for / a question).
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
        var smt = Assert.Single(bot.Outbox.Messages, m => m.RecipientId == "aad-sam" && m.Kind == OutboxKind.ChatCard);
        Assert.Equal($"review-smt:{review.ReportDraftId}:aad-sam:chat", smt.IdempotencyKey);
        var smtText = CardInspector.AllText(smt.Payload);
        Assert.Contains("the lead officer, Hana, recommends to SMT: Recommend disengagement.", smtText);
        Assert.Contains("Costs outweigh value", smtText);
        Assert.Contains("Report financial-issues =SUM(A1)", smtText);
        // A second press changes nothing and says so.
        Assert.Contains("already gone to SMT", CardInspector.AllText(await hana.ClickAsync(recommend, "Send my recommendation to SMT", new Dictionary<string, string> { ["recommendation"] = "ReaffirmCommitment" })));

        // SMT agree disengagement on the same card as for annual reviews: the partnership is Disengaging, Hana is asked
        // for the contingent liabilities and the PPM is told; the annual cycle's reviews are untouched.
        var decided = await bot.User("Sam", "aad-sam").ClickAsync(smt.Payload!, "Agree disengagement", new Dictionary<string, string> { ["comment"] = "Agreed after the audit" });
        Assert.Contains("Recorded: disengagement agreed.", CardInspector.AllText(decided));
        var partnership = (await bot.Register.FindAsync(ApmBot.CommunitySafety, default))!;
        Assert.Equal(PartnershipStatus.Disengaging, partnership.Status);
        Assert.Empty(partnership.Reviews);
        var smtRecord = Assert.Single(partnership.SpecificReviewRecommendations);
        Assert.Equal((ReviewKind.SpecificReview, Recommendation.RecommendDisengagement, ReviewDecisionKind.AgreeDisengagement, "Agreed after the audit"),
            (smtRecord.Kind, smtRecord.Recommendation, smtRecord.Decision!.Kind, smtRecord.Decision.Comment));
        var liabilities = Assert.Single(bot.Outbox.Messages, m => m.IdempotencyKey == $"smt-review:{review.ReportDraftId}:1:{ApmBot.Hcs}:chat").Payload!;
        Assert.Contains("SMT has agreed disengagement", CardInspector.AllText(liabilities));
        Assert.True(StepCard.IsQuestion(await hana.ClickAsync(liabilities, "Record contingent liabilities")));
        Assert.Single(bot.Outbox.Messages, m => m.IdempotencyKey == $"smt-review:{review.ReportDraftId}:1:{ApmBot.Ppm}:chat");
        Assert.Contains("Disengagement agreed by Sam", CardInspector.AllText(await hana.ClickAsync(recommend, "Send my recommendation to SMT", new Dictionary<string, string> { ["recommendation"] = "ReaffirmCommitment" })));

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

        // SMT (before the lead officer's recommendation has gone to them) and an officer are not readers, whatever the card data says.
        foreach (var (name, id) in new[] { ("Sam", "aad-sam"), ("Olu", ApmBot.Olu) })
        {
            var refused = await bot.User(name, id).InvokeAsync(CardVerbs.DocumentDownload, new JsonObject { ["verb"] = CardVerbs.DocumentDownload, ["kind"] = "specific-review", ["subjectId"] = reviewId });
            Assert.Contains("Not allowed", CardInspector.AllText(refused));
        }
    }

    [Fact]
    public async Task SpecificReviewRecommendation_SmtAsksThenReaffirms_LeadOfficerAnswersOnTheSameCard_StatusKeptAndSentOnce()
    {
        await using var bot = await ApmBot.StartAsync(Now);
        var alex = bot.User("Alex", ApmBot.Alex);
        var hana = bot.User("Hana", ApmBot.Hcs);
        var sam = bot.User("Sam", "aad-sam");
        var opened = await alex.ClickAsync((await alex.SayAsync("specific reviews")).Card!, Open, new Dictionary<string, string> { ["partnershipId"] = ApmBot.CommunitySafety });
        await AuditJourney.AnswerAndSubmitAsync(alex, await alex.ClickAsync(opened, "Write the report"), (step, a) => a["details"] = $"Finding {step}");
        var recommend = bot.Outbox.Messages.Last(m => m.RecipientId == ApmBot.Hcs && m.Kind == OutboxKind.ChatCard).Payload!;
        var reaffirm = new Dictionary<string, string> { ["recommendation"] = "ReaffirmCommitment", ["reasons"] = "Good value for money" };
        await hana.ClickAsync(recommend, "Send my recommendation to SMT", reaffirm);
        // A double press sends SMT nothing more.
        await hana.ClickAsync(recommend, "Send my recommendation to SMT", reaffirm);
        Assert.Single(bot.Outbox.Messages, m => m.RecipientId == "aad-sam" && m.Kind == OutboxKind.Email);
        var smt = Assert.Single(bot.Outbox.Messages, m => m.RecipientId == "aad-sam" && m.Kind == OutboxKind.ChatCard).Payload!;
        Assert.Contains("Awaiting SMT's decision on the lead officer's recommendation after the specific review (section 4.5).", CardInspector.AllText(smt));
        Assert.DoesNotContain("Download as Word", CardInspector.ButtonTitles(smt));

        // Only SMT decide, whatever the card says; a question needs its text.
        Assert.Contains("Not allowed", CardInspector.AllText(await hana.ClickAsync(smt, "Reaffirm commitment")));
        Assert.Contains("Write what SMT would like to know", CardInspector.AllText(await sam.ClickAsync(smt, "Ask for more information", new Dictionary<string, string> { ["comment"] = " " })));
        await sam.ClickAsync(smt, "Ask for more information", new Dictionary<string, string> { ["comment"] = "What does the partnership cost us a year?" });
        var question = Assert.Single(bot.Outbox.Messages, m => m.RecipientId == ApmBot.Hcs && m.IdempotencyKey.StartsWith("smt-review:", StringComparison.Ordinal)).Payload!;
        Assert.Contains("What does the partnership cost us a year?", CardInspector.AllText(question));
        await hana.ClickAsync(question, "Send to SMT", new Dictionary<string, string> { ["answer"] = "£12,000 and two officer days a month." });
        var again = bot.Outbox.Messages.Last(m => m.RecipientId == "aad-sam" && m.Kind == OutboxKind.ChatCard).Payload!;
        Assert.Contains("£12,000 and two officer days a month.", CardInspector.AllText(again));

        Assert.Contains("Recorded: Commitment reaffirmed.", CardInspector.AllText(await sam.ClickAsync(again, "Reaffirm commitment", new Dictionary<string, string> { ["comment"] = "" })));
        var partnership = (await bot.Register.FindAsync(ApmBot.CommunitySafety, default))!;
        Assert.Equal(PartnershipStatus.Active, partnership.Status);
        Assert.Equal([ReviewDecisionKind.MoreInformationRequested, ReviewDecisionKind.InformationGiven, ReviewDecisionKind.ReaffirmCommitment],
            Assert.Single(partnership.SpecificReviewRecommendations).Decisions.Select(d => d.Kind));
        // Sam's first card, pressed again, changes nothing.
        Assert.Contains("SMT had already recorded", CardInspector.AllText(await sam.ClickAsync(smt, "Agree disengagement")));
        Assert.Equal(PartnershipStatus.Active, (await bot.Register.FindAsync(ApmBot.CommunitySafety, default))!.Status);
    }

    [Fact]
    public async Task SmtDecisionOnSpecificReview_Recorded_InTheAuditReportTheWordPapersAndTheTabTimelineWithWhoWhenWhatAndComment()
    {
        await using var bot = await ApmBot.StartAsync(Now);
        var alex = bot.User("Alex", ApmBot.Alex);
        var hana = bot.User("Hana", ApmBot.Hcs);
        var sam = bot.User("Sam", "aad-sam");
        var opened = await alex.ClickAsync((await alex.SayAsync("specific reviews")).Card!, Open, new Dictionary<string, string> { ["partnershipId"] = ApmBot.CommunitySafety });
        var receipt = await AuditJourney.AnswerAndSubmitAsync(alex, await alex.ClickAsync(opened, "Write the report"), (step, a) => a["details"] = $"Finding {step}");
        var recommend = bot.Outbox.Messages.Last(m => m.RecipientId == ApmBot.Hcs && m.Kind == OutboxKind.ChatCard).Payload!;
        await hana.ClickAsync(recommend, "Send my recommendation to SMT", new Dictionary<string, string> { ["recommendation"] = "RecommendDisengagement", ["reasons"] = "Costs outweigh value" });

        // Before SMT decide, the audit report says so.
        Assert.Contains("SMT: Not decided yet", await CsvAsync(bot, alex));

        // SMT ask a question, Hana answers, SMT agree disengagement with a comment.
        var smt = Assert.Single(bot.Outbox.Messages, m => m.RecipientId == "aad-sam" && m.Kind == OutboxKind.ChatCard).Payload!;
        await sam.ClickAsync(smt, "Ask for more information", new Dictionary<string, string> { ["comment"] = "What would leaving cost?" });
        var question = Assert.Single(bot.Outbox.Messages, m => m.RecipientId == ApmBot.Hcs && m.IdempotencyKey.StartsWith("smt-review:", StringComparison.Ordinal)).Payload!;
        await hana.ClickAsync(question, "Send to SMT", new Dictionary<string, string> { ["answer"] = "Six months' notice, no penalty." });
        await sam.ClickAsync(bot.Outbox.Messages.Last(m => m.RecipientId == "aad-sam" && m.Kind == OutboxKind.ChatCard).Payload!, "Agree disengagement",
            new Dictionary<string, string> { ["comment"] = "Exit by March <b>2028</b>" });
        const string Decided = "Disengagement agreed by Sam on 4 May 2027: \"Exit by March <b>2028</b>\"";

        // The audit report's specific reviews column (the .csv; the .xlsx has the same rows).
        var csv = await CsvAsync(bot, alex);
        Assert.Contains("lead officer: Recommend disengagement; SMT: " + Decided.Replace("\"", "\"\"", StringComparison.Ordinal), csv, StringComparison.Ordinal);

        // The Word Audit Committee summary: the decision in the review's summary and SMT's whole record under it.
        var pack = await bot.PreparedPaperAsync(await alex.ClickAsync((await alex.SayAsync("audit report 2027")).Card!, "Download as Word"));
        using (var word = await bot.Harness.Client.GetAsync(ApmBot.DownloadPath(pack)))
        using (var docx = new Docx(await word.Content.ReadAsByteArrayAsync()))
        {
            Assert.Empty(docx.ValidationErrors());
            Assert.Contains("SMT's decision on the lead officer's recommendation", docx.Headings(3));
            Assert.Contains(Decided, docx.Paragraphs);
            Assert.Contains("More information asked for", docx.Paragraphs);
            Assert.Contains("What would leaving cost?", docx.Paragraphs);
            Assert.Contains("More information given", docx.Paragraphs);
            Assert.Contains("Six months' notice, no penalty.", docx.Paragraphs);
        }

        // The specific review's own paper has it too.
        using (var paper = await bot.Harness.Client.GetAsync(ApmBot.DownloadPath(await hana.ClickAsync(receipt, "Download as Word"))))
        using (var docx = new Docx(await paper.Content.ReadAsByteArrayAsync()))
        {
            Assert.Contains("SMT's decision on the lead officer's recommendation", docx.Headings(1));
            Assert.Contains(Decided, docx.Paragraphs);
        }

        // The tab's partnership page lists each SMT entry on the timeline, the officers' text as data.
        var timeline = (await bot.TabJsonAsync("/api/tab/partnerships/" + ApmBot.CommunitySafety, ApmBot.Ppm))["timeline"]!.AsArray()
            .Where(t => (string)t!["kind"]! == "smt").Select(t => (string)t!["text"]!).ToList();
        Assert.Equal(
        [
            "SMT on the lead officer's recommendation after the specific partnership review (Recommend disengagement): More information asked for by Sam on 4 May 2027: \"What would leaving cost?\"",
            "SMT on the lead officer's recommendation after the specific partnership review (Recommend disengagement): More information given by Hana on 4 May 2027: \"Six months' notice, no penalty.\"",
            "SMT on the lead officer's recommendation after the specific partnership review (Recommend disengagement): " + Decided,
        ], timeline);
    }

    private static async Task<string> CsvAsync(ApmBot bot, TeamsUser user)
    {
        var link = await user.ClickAsync((await user.SayAsync("audit report 2027")).Card!, "Download as CSV");
        using var response = await bot.Harness.Client.GetAsync(ApmBot.DownloadPath(link));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Text.Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
    }
}
