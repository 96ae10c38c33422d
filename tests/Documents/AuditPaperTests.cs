using PartnershipBot.Documents;
using PartnershipBot.Features.Audit;
using PartnershipBot.Features.AuditReport;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Tests.Features.Questionnaires;

namespace PartnershipBot.Tests.Documents;

/// <summary>
/// Issue 21.3-21.4: the specific partnership review report (s.4.5) and the A&amp;PM sections of the Audit Committee
/// summary (content assessments, committee recommendations, specific reviews), from data, read back as Word shows them.
/// </summary>
public sealed class AuditPaperTests
{
    private static readonly PaperTemplates Templates = PaperTemplates.Load(PaperTemplates.DefaultPath);
    private static readonly DateTimeOffset At = PaperData.SubmittedAt;

    private static readonly CommitteeRecord Recommendation = new("c1", Committee.AuditCommittee, new DateOnly(2026, 10, 20), "Comments " + PaperData.Hostile,
        new CommitteeRecommendation("Recommendation " + PaperData.Hostile, "aad-olu", "Olu Owner", new DateOnly(2027, 1, 31)), "aad-alex", "Alex Auditor", At);

    internal static SpecificReviewReport Report(out Partnership partnership)
    {
        var report = PaperData.Answered(TestQuestionnaires.Shipped.Get(QuestionnaireIds.SpecificReview));
        var input = PaperData.Answered(TestQuestionnaires.Shipped.Get(QuestionnaireIds.SpecificReviewInput));
        // SMT's record on the lead officer's recommendation, as the review-decision flow keeps it on the entry.
        var smt = new ReviewOutcome(2026, ReviewKind.SpecificReview, new DateOnly(2026, 11, 2), "aad-lee", "Lee Officer",
            PartnershipBot.Features.Register.Recommendation.RecommendDisengagement, "Reasons", "", report.Id)
        {
            Decisions = [new ReviewDecision(ReviewDecisionKind.AgreeDisengagement, "aad-sam", "Sam Smt", At, "SMT comment " + PaperData.Hostile)],
        };
        partnership = ReportPaperTests.Safer with { CommitteeRecords = [Recommendation], SpecificReviewRecommendations = [smt] };
        var review = new SpecificReview("sr-1", partnership.Id, partnership.Name, "aad-alex", "Alex Auditor", At)
        {
            Status = SpecificReviewStatus.Recommended,
            InputDraftId = input.Id,
            InputByName = "Lee Officer",
            InputAt = At,
            ReportDraftId = report.Id,
            ReportByName = "Alex Auditor",
            ReportedAt = At,
            Recommendation = PartnershipBot.Features.Register.Recommendation.RecommendDisengagement,
            RecommendationReasons = "Reasons " + PaperData.Hostile,
            RecommendedByName = "Lee Officer",
            RecommendedAt = At,
        };
        return new SpecificReviewReport(review, report, input) { Partnership = partnership };
    }

    /// <summary>A&amp;PM's part of a pack: one content assessment, one committee recommendation, one specific review.</summary>
    internal static AuditPack SamplePack()
    {
        var assessment = new ContentAssessmentEntry("d1", "aad-alex", "Alex Auditor", At,
        [
            new ElementRating("targets", "Targets", "Inadequate", "Targets notes " + PaperData.Hostile),
            new ElementRating(ContentAudit.OverallStep, "Overall", "Partly adequate", "Overall notes " + PaperData.Hostile),
        ]);
        return new AuditPack([("Safer Streets <Partnership>", assessment)], [("Safer Streets <Partnership>", Recommendation)], [Report(out _)],
            TestQuestionnaires.Shipped.Get(QuestionnaireIds.SpecificReview));
    }

    [Fact]
    public void SpecificReviewPaper_FullyAnswered_ValidatesWithHeadingStylesAndHoldsEveryAnswer()
    {
        var report = Report(out var partnership);

        using var docx = new Docx(SpecificReviewPaper.Build(Templates, TestQuestionnaires.Shipped, report, partnership));

        Assert.Empty(docx.ValidationErrors());
        Assert.Equal("Specific partnership review report for the Audit Committee: Safer Streets <Partnership>", docx.Document.PackageProperties.Title);
        Assert.Equal(["Summary", "Findings and recommendations", "The review (section 4.5)", "Findings (section 4.5)", "Recommendations (section 4.5)",
            "The division's input", "Division's input (section 4.5)", "SMT's decision on the lead officer's recommendation", "Committee comments and recommendations"], docx.Headings(1));
        var text = docx.AllText;
        foreach (var (questionnaire, draft) in new[] { (QuestionnaireIds.SpecificReview, report.Report!), (QuestionnaireIds.SpecificReviewInput, report.Input!) })
        {
            foreach (var step in TestQuestionnaires.Shipped.Get(questionnaire).Steps)
            {
                Assert.Contains(step.Text, docx.Headings(2));
                Assert.Contains(PaperData.Visible(draft.AnswerTo(step.Id)!.Value("details")), text, StringComparison.Ordinal);
            }
        }

        Assert.Contains(PaperData.Visible("Reasons " + PaperData.Hostile), text, StringComparison.Ordinal);
        Assert.Contains("Recommend disengagement", text, StringComparison.Ordinal);
        Assert.Contains(PaperData.Visible("Recommendation " + PaperData.Hostile), text, StringComparison.Ordinal);
        Assert.Contains("Olu Owner", text, StringComparison.Ordinal);
        Assert.Contains("Disengagement agreed", docx.Paragraphs);
        Assert.Contains(PaperData.Visible("SMT comment " + PaperData.Hostile), text, StringComparison.Ordinal);
        // Officers' text is text: nothing became a field.
        Assert.Empty(docx.Body.Descendants<DocumentFormat.OpenXml.Wordprocessing.SimpleField>());
        Assert.Empty(docx.Body.Descendants<DocumentFormat.OpenXml.Wordprocessing.FieldCode>());
    }

    [Fact]
    public void AuditCommitteePaper_WithThePack_HoldsContentAssessmentsCommitteeRecommendationsAndSpecificReviews()
    {
        var report = ReportPaperTests.SampleReport();
        var pack = SamplePack();

        using var docx = new Docx(AuditCommitteePaper.Build(Templates, report, [], [(75, "Strong")], pack));

        Assert.Empty(docx.ValidationErrors());
        Assert.Equal(["Coverage of the annual review", "Content of the reviews (section 4.4)", "Committee comments and recommendations (sections 4.5-4.6)",
            "Specific partnership reviews (section 4.5)", "Hallmarks of Effective Partnerships"], docx.Headings(1));
        Assert.Contains("Safer Streets <Partnership>", docx.Headings(2));
        var text = docx.AllText;
        Assert.Contains("Targets: Inadequate", text, StringComparison.Ordinal);
        Assert.Contains(PaperData.Visible("Targets notes " + PaperData.Hostile), text, StringComparison.Ordinal);
        Assert.Contains(PaperData.Visible("Overall notes " + PaperData.Hostile), text, StringComparison.Ordinal);
        Assert.Contains(PaperData.Visible("Recommendation " + PaperData.Hostile), text, StringComparison.Ordinal);
        Assert.Contains("Olu Owner, 31 January 2027", text, StringComparison.Ordinal);
        Assert.Contains("Open", text, StringComparison.Ordinal);
        // SMT's decision on the lead officer's recommendation, with who, when and the comment as typed.
        Assert.Contains("SMT's decision on the lead officer's recommendation", docx.Headings(3));
        Assert.Contains(PaperData.Visible("SMT comment " + PaperData.Hostile), text, StringComparison.Ordinal);
        Assert.Contains("Sam Smt", docx.Paragraphs);
        foreach (var step in TestQuestionnaires.Shipped.Get(QuestionnaireIds.SpecificReview).Steps)
        {
            Assert.Contains(PaperData.Visible(pack.SpecificReviews[0].Report!.AnswerTo(step.Id)!.Value("details")), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AuditCommitteePaper_EmptyPack_SaysSoUnderEachHeading()
    {
        using var docx = new Docx(AuditCommitteePaper.Build(Templates, ReportPaperTests.SampleReport(), [], [(75, "Strong")], AuditPack.Empty));

        Assert.Empty(docx.ValidationErrors());
        Assert.Contains("The Audit & Performance Management team has not assessed the content of any review of this cycle yet.", docx.Paragraphs);
        Assert.Contains("No committee comments or recommendations were recorded in this cycle, and none is still open.", docx.Paragraphs);
        Assert.Contains("The Audit & Performance Management team reported no specific partnership review in this cycle.", docx.Paragraphs);
    }
}
