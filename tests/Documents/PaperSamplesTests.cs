using PartnershipBot.Features.Audit;
using PartnershipBot.Documents;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.AuditReport;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Tests.Features.Questionnaires;

namespace PartnershipBot.Tests.Documents;

/// <summary>
/// One sample of every paper, written to paper-samples/ beside the test binaries, where docs/preview-papers.sh
/// converts them to PDF and PNG for a person to look at.
/// </summary>
public sealed class PaperSamplesTests
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "paper-samples");

    [Fact]
    public void Samples_EveryPaper_WrittenAndValid()
    {
        var templates = PaperTemplates.Load(PaperTemplates.DefaultPath);
        var samples = new Dictionary<string, byte[]>();
        var proposal = TestQuestionnaires.Shipped.Get(QuestionnaireIds.NewPartnership);
        var draft = PaperData.Answered(proposal);
        samples["proposal"] = ProposalPaper.Build(templates, proposal, PaperData.Submission(draft), draft, null);

        foreach (var (id, kind) in new[] { (QuestionnaireIds.AnnualReturn, ReviewKind.AnnualReturn), (QuestionnaireIds.ThreeYearReview, ReviewKind.ThreeYearReview) })
        {
            var definition = TestQuestionnaires.Shipped.Get(id);
            var review = PaperData.Answered(definition);
            var outcome = new ReviewOutcome(2026, kind, new DateOnly(2026, 11, 2), "aad-lee", "Lee Officer", Recommendation.ReaffirmCommitment, "", "", review.Id);
            samples[id] = ReviewPaper.Build(templates, definition, ReportPaperTests.Safer, outcome, review, null, ReportPaperTests.Scores);
        }

        samples["audit-committee"] = AuditCommitteePaper.Build(templates, ReportPaperTests.SampleReport(),
            [("Safer Streets <Partnership>", ReportPaperTests.Scores)], [(75, "Strong"), (40, "Developing")], AuditPaperTests.SamplePack());
        var specific = AuditPaperTests.Report(out var reviewed);
        samples["specific-review"] = SpecificReviewPaper.Build(templates, TestQuestionnaires.Shipped, specific, reviewed);

        Directory.CreateDirectory(Folder);
        foreach (var (name, bytes) in samples)
        {
            using var docx = new Docx(bytes);
            Assert.Empty(docx.ValidationErrors());
            File.WriteAllBytes(Path.Combine(Folder, name + ".docx"), bytes);
        }

        Assert.Equal(samples.Count, Directory.GetFiles(Folder, "*.docx").Length);
    }
}
