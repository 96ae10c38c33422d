using DocumentFormat.OpenXml.Wordprocessing;
using PartnershipBot.Documents;
using PartnershipBot.Features.AuditReport;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Tests.Features.Questionnaires;
using DrawingWord = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace PartnershipBot.Tests.Documents;

/// <summary>The review report to SMT and the Audit Committee summary, from data, read back as Word would show them.</summary>
public sealed class ReportPaperTests
{
    private static readonly PaperTemplates Templates = PaperTemplates.Load(PaperTemplates.DefaultPath);

    internal static readonly Partnership Safer = new()
    {
        Id = "p-safer",
        Name = "Safer Streets <Partnership>",
        LeadOfficerId = "aad-lee",
        LeadOfficerName = "Lee Officer " + PaperData.Hostile,
        LeadRole = "HCS",
        Status = PartnershipStatus.Active,
    };

    internal static readonly HallmarkScores Scores = new(new DateOnly(2026, 10, 1),
        [new HallmarkScore("Shared vision", 80), new HallmarkScore("Clear governance", 45), new HallmarkScore("Value for money", 20)]);

    public static TheoryData<string> ReviewQuestionnaires => [QuestionnaireIds.AnnualReturn, QuestionnaireIds.ThreeYearReview];

    [Theory]
    [MemberData(nameof(ReviewQuestionnaires))]
    public void ReviewPaper_FullyAnsweredReview_ValidatesAndHoldsEveryQuestionAnswerAndScore(string questionnaireId)
    {
        var definition = TestQuestionnaires.Shipped.Get(questionnaireId);
        var draft = PaperData.Answered(definition);
        var kind = questionnaireId == QuestionnaireIds.ThreeYearReview ? ReviewKind.ThreeYearReview : ReviewKind.AnnualReturn;
        var outcome = new ReviewOutcome(2026, kind, new DateOnly(2026, 11, 2), "aad-lee", "Lee Officer", Recommendation.RecommendDisengagement,
            "Reasons " + PaperData.Hostile, "Liabilities " + PaperData.Hostile, draft.Id);

        using var docx = new Docx(ReviewPaper.Build(Templates, definition, Safer, outcome, draft, null, Scores));

        Assert.Empty(docx.ValidationErrors());
        var text = docx.AllText;
        foreach (var step in definition.Steps)
        {
            Assert.Contains(step.Text, text, StringComparison.Ordinal);
            foreach (var field in step.Fields.Where(f => f.Kind is FieldKind.Text or FieldKind.LongText))
            {
                Assert.Contains(PaperData.Visible(PaperData.TextFor(step.Id, field.Id)), text, StringComparison.Ordinal);
            }

            foreach (var field in step.Fields.Where(f => f.Kind == FieldKind.Choice && !step.Repeatable))
            {
                Assert.Contains(field.Choices[0], text, StringComparison.Ordinal);
            }
        }

        Assert.Contains(ReviewAnswers.RecommendationText(Recommendation.RecommendDisengagement), text, StringComparison.Ordinal);
        Assert.Contains(PaperData.Visible("Reasons " + PaperData.Hostile), text, StringComparison.Ordinal);
        Assert.Contains(PaperData.Visible("Liabilities " + PaperData.Hostile), text, StringComparison.Ordinal);
        Assert.Contains(PaperData.Visible(Safer.LeadOfficerName), text, StringComparison.Ordinal);
        Assert.All(Scores.Scores, s => Assert.Contains($"{s.Hallmark}|{s.Percent}%", Rows(docx)));
        Assert.Equal(["Summary", .. definition.Steps.Select(s => s.Section).Distinct(), "Changes since last year and hallmark scores"], docx.Headings(1));
        Assert.Contains("Hallmarks of Effective Partnerships", docx.Headings(2));
        Assert.Equal("en-GB", docx.Document.PackageProperties.Language);
        Assert.StartsWith("Partnership review report to the Senior Management Team: Safer Streets <Partnership>", docx.Document.PackageProperties.Title, StringComparison.Ordinal);
        Assert.Empty(docx.Body.Descendants<SimpleField>());
        Assert.Empty(docx.Body.Descendants<FieldCode>());
    }

    [Fact]
    public void ReviewPaper_NoHallmarkAssessment_SaysSoPlainly()
    {
        var definition = TestQuestionnaires.Shipped.Get(QuestionnaireIds.AnnualReturn);
        var draft = PaperData.Answered(definition);
        var outcome = new ReviewOutcome(2026, ReviewKind.AnnualReturn, new DateOnly(2026, 11, 2), "aad-lee", "Lee Officer", Recommendation.ReaffirmCommitment, "", "", draft.Id);

        using var docx = new Docx(ReviewPaper.Build(Templates, definition, Safer, outcome, draft, null, null));

        Assert.Empty(docx.ValidationErrors());
        Assert.Contains("The partnership has not been self-assessed against the Hallmarks of Effective Partnerships.", docx.Paragraphs);
    }

    [Fact]
    public void AuditCommitteePaper_Cycle_ValidatesListsCoverageAndHasTheChartWithAltText()
    {
        var report = SampleReport();
        var assessed = new List<(string, HallmarkScores)> { ("Safer Streets <Partnership>", Scores), ("Community Safety Partnership", Scores with { Scores = [new HallmarkScore("Shared vision", 60)] }) };

        using var docx = new Docx(AuditCommitteePaper.Build(Templates, report, assessed, [(75, "Strong"), (40, "Developing")]));

        Assert.Empty(docx.ValidationErrors());
        Assert.Equal("Annual review of partnerships: summary for the Audit Committee: 2026", docx.Document.PackageProperties.Title);
        Assert.Equal(["Coverage of the annual review", "Hallmarks of Effective Partnerships"], docx.Headings(1));
        Assert.Equal(["Each partnership", "Disengagements", "Each partnership's latest scores"], docx.Headings(2));
        var table = Rows(docx);
        Assert.Contains("Safer Streets <Partnership>|Lee Officer|Annual return||Overdue: Annual return overdue by 40 days|Recommend disengagement", table);
        Assert.Contains("Community Safety Partnership|Lee Officer|Annual return|3 October 2026|Done|Reaffirm commitment", table);
        Assert.Contains("Health and Wellbeing Board|Lee Officer|None||Not due|", table);
        Assert.Contains("Safer Streets <Partnership>|Active|Recommend disengagement", table);
        // Averages over the assessed: Shared vision (80 + 60) / 2 = 70.
        Assert.Contains("Shared vision|70%|2", table);
        Assert.Contains("Value for money|20%|1", table);

        var image = Assert.Single(docx.Body.Descendants<Drawing>());
        var alt = image.Descendants<DrawingWord.DocProperties>().Single().Description!.Value!;
        Assert.Contains("Shared vision 70%", alt, StringComparison.Ordinal);
        Assert.Contains("Value for money 20%", alt, StringComparison.Ordinal);
        Assert.Contains("2 partnerships assessed", alt, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditCommitteePaper_HallmarkSkipped_ShowsSkippedNotNotAssessedOrZeroAndLeavesItOutOfTheAverage()
    {
        var assessed = new List<(string, HallmarkScores)>
        {
            ("Safer Streets <Partnership>", Scores),
            ("Community Safety Partnership", Scores with { Scores = [new HallmarkScore("Shared vision", 60), HallmarkScore.Skip("Value for money")] }),
        };

        using var docx = new Docx(AuditCommitteePaper.Build(Templates, SampleReport(), assessed, [(75, "Strong"), (40, "Developing")]));

        var table = Rows(docx);
        // Value for money: 20% from the one partnership that scored it; the other skipped it (no 0% dragging the average down).
        Assert.Contains("Value for money|20%|1 (skipped by 1)", table);
        Assert.Contains(table, r => r.StartsWith("Community Safety Partnership|", StringComparison.Ordinal)
            && r.Contains("Value for money: skipped", StringComparison.Ordinal) && r.Contains("Clear governance: not assessed", StringComparison.Ordinal));
        Assert.DoesNotContain(table, r => r.Contains("Value for money: 0%", StringComparison.Ordinal));
    }

    [Fact]
    public void ReviewPaper_LatestAssessmentWithASkippedHallmark_ShowsItAsSkipped()
    {
        var definition = TestQuestionnaires.Shipped.Get(QuestionnaireIds.AnnualReturn);
        var draft = PaperData.Answered(definition);
        var outcome = new ReviewOutcome(2026, ReviewKind.AnnualReturn, new DateOnly(2026, 11, 2), "aad-lee", "Lee Officer", Recommendation.ReaffirmCommitment, "", "", draft.Id);
        var scores = Scores with { Scores = [new HallmarkScore("Shared vision", 80), HallmarkScore.Skip("Value for money")] };

        using var docx = new Docx(ReviewPaper.Build(Templates, definition, Safer, outcome, draft, null, scores));

        Assert.Contains("Value for money|skipped", Rows(docx));
        Assert.Contains("Shared vision|80%", Rows(docx));
    }

    [Fact]
    public void AuditCommitteePaper_NothingAssessed_HasNoChartAndSaysSo()
    {
        var report = new AuditReport(2026, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), [], new AuditTotals(0, 0, 0, 0, 0, 0, 0));

        using var docx = new Docx(AuditCommitteePaper.Build(Templates, report, [], [(75, "Strong")]));

        Assert.Empty(docx.ValidationErrors());
        Assert.Empty(docx.Body.Descendants<Drawing>());
        Assert.Contains("No partnership has been self-assessed against the Hallmarks of Effective Partnerships.", docx.Paragraphs);
    }

    /// <summary>Three partnerships: one overdue and recommended for disengagement, one done, one not due.</summary>
    internal static AuditReport SampleReport() => new(2026, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
        [
            Row("Safer Streets <Partnership>", null, ["Annual return overdue by 40 days"], "Recommend disengagement"),
            Row("Community Safety Partnership", new DateOnly(2026, 10, 3), [], "Reaffirm commitment"),
            Row("Health and Wellbeing Board", null, [], "", owed: "None"),
        ],
        new AuditTotals(3, 2, 1, 1, 0, 1, 1));

    private static AuditRow Row(string name, DateOnly? received, IReadOnlyList<string> overdue, string recommendation, string owed = "Annual return") =>
        new(name, "Lee Officer", "HCS", "Active", "Functioning", owed, received, received is not null, recommendation, "2027", overdue, "");

    /// <summary>Every table row as its cells' text joined by "|".</summary>
    private static List<string> Rows(Docx docx) =>
        docx.Body.Descendants<TableRow>().Select(r => string.Join("|", r.Elements<TableCell>().Select(c => c.InnerText))).ToList();
}
