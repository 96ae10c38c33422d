using PartnershipBot.Documents;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Features.Audit;

/// <summary>A specific review with the answers behind it, as the papers need it.</summary>
internal sealed record SpecificReviewReport(SpecificReview Review, Draft? Report, Draft? Input)
{
    /// <summary>The register entry as it is now (its lead officer and SMT's record on the recommendation); null when not loaded.</summary>
    public Partnership? Partnership { get; init; }
}

/// <summary>
/// The specific partnership review report for the Audit Committee (4.5): summary, the A&amp;PM team's findings (issues,
/// financial or otherwise; observations on value; recommendations) as the questionnaire lays them out, the division's
/// input, the committees' records on the partnership and the lead officer's recommendation to SMT.
/// </summary>
internal static class SpecificReviewPaper
{

    public static string FileName(SpecificReview review) => $"specific-partnership-review-{review.PartnershipId}-{review.Id}.docx";

    public static byte[] Build(PaperTemplates templates, QuestionnaireCatalog catalog, SpecificReviewReport report, Partnership? partnership)
    {
        var review = report.Review;
        var template = templates[PaperTemplates.SpecificReview];
        var paper = templates.Start(PaperTemplates.SpecificReview, review.PartnershipName);
        paper.Heading(1, template.Summary);
        paper.Table(["Item", "Detail"], Summary(review, partnership).Select(r => (IReadOnlyList<string>)[r.Item, r.Detail]));

        paper.Heading(1, template.Decisions);
        if (report.Report is { } findings)
        {
            paper.Paragraph($"The Audit & Performance Management team's report, written by {review.ReportByName}.");
            QuestionnairePaper.Write(paper, catalog.Get(QuestionnaireIds.SpecificReview), findings);
        }
        else
        {
            paper.Paragraph("The report has not been written yet.");
        }

        paper.Heading(1, "The division's input");
        if (report.Input is { } input)
        {
            paper.Paragraph($"Given by {review.InputByName} for the lead officer's division.");
            QuestionnairePaper.Write(paper, catalog.Get(QuestionnaireIds.SpecificReviewInput), input);
        }
        else
        {
            paper.Paragraph("The division has not given its input.");
        }

        WriteSmtRecord(paper, review, partnership);
        WriteCommittee(paper, partnership?.CommitteeRecords ?? []);
        return paper.ToBytes();
    }

    /// <summary>The summary lines of a review (also the Audit Committee summary's per-review table).</summary>
    public static IReadOnlyList<(string Item, string Detail)> Summary(SpecificReview review, Partnership? partnership) =>
    [
        ("Partnership", review.PartnershipName),
        ("Lead officer", LeadOfficer(review, partnership)),
        ("Review opened", $"{Date(review.OpenedAt)} by {review.OpenedByName}"),
        ("Division's input", review.InputAt is { } given ? $"{Date(given)} by {review.InputByName}" : "Not given"),
        ("Report written", review.ReportedAt is { } reported ? $"{Date(reported)} by {review.ReportByName}" : "Not yet"),
        ("Status", SpecificReviewCards.StatusText(review)),
        ("Lead officer's recommendation to SMT", review.Recommendation is { } r
            ? $"{ReviewAnswers.RecommendationText(r)} ({review.RecommendedByName}, {Date(review.RecommendedAt!.Value)})" + (review.RecommendationReasons.Length > 0 ? ". Reasons: " + review.RecommendationReasons : "")
            : "Not made yet"),
        ("SMT's decision", SpecificReviewToSmt.DecisionText(review, partnership)),
    ];

    /// <summary>SMT's record on the lead officer's recommendation (also in the Audit Committee summary): each decision, question and answer.</summary>
    public static void WriteSmtRecord(WordDocument paper, SpecificReview review, Partnership? partnership, int level = 1)
    {
        paper.Heading(level, "SMT's decision on the lead officer's recommendation");
        if (SpecificReviewToSmt.RecordOf(review, partnership) is not { Decisions.Count: > 0 } record)
        {
            paper.Paragraph(review.Recommendation is null ? "The lead officer has not made a recommendation to SMT yet." : "SMT has not recorded a decision yet.");
            return;
        }

        paper.Table(["Date", "By", "Recorded", "Comment"], record.Decisions.Select(d => (IReadOnlyList<string>)
            [Date(d.At), d.ByName, ReviewDecision.Text(d.Kind), d.Comment]));
    }

    private static string LeadOfficer(SpecificReview review, Partnership? partnership)
    {
        var name = partnership is null ? review.LeadOfficerName
            : partnership.LeadOfficerName.Length > 0 ? partnership.LeadOfficerName : RoleCodes.TitleOf(partnership.LeadRole);
        return string.IsNullOrWhiteSpace(name) ? "Not recorded" : name;
    }

    /// <summary>The committees' comments and recommendations as a table (also used by the Audit Committee summary).</summary>
    public static void WriteCommittee(WordDocument paper, IReadOnlyList<CommitteeRecord> records, string? partnershipColumn = null)
    {
        paper.Heading(1, "Committee comments and recommendations");
        if (records.Count == 0)
        {
            paper.Paragraph("The Audit Committee and the Review Committee have made no comments or recommendations on record.");
            return;
        }

        paper.Table(["Meeting", "Comments", "Recommendation", "Owner", "Due", "Status"], records.Select(r => (IReadOnlyList<string>)
        [
            r.Heading,
            r.Comments,
            r.Recommendation?.Text ?? "None",
            r.Recommendation?.OwnerName ?? "",
            r.Recommendation is { } due ? ReviewSchedule.Format(due.DueDate) : "",
            r.Recommendation is not { } rec ? "" : rec.DoneAt is { } done ? $"Done on {Date(done)}" : "Open",
        ]));
    }

    private static string Date(DateTimeOffset at) => UkDate.Day(at);
}
