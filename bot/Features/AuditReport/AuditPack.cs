using PartnershipBot.Documents;
using PartnershipBot.Features.Audit;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Features.AuditReport;

/// <summary>
/// What the A&amp;PM team adds to a cycle's Audit Committee summary (4.4-4.6): its assessments of the reviews' content,
/// the committees' recommendations and their status, and the specific review reports of the cycle.
/// </summary>
internal sealed record AuditPack(
    IReadOnlyList<(string Partnership, ContentAssessmentEntry Entry)> Assessments,
    IReadOnlyList<(string Partnership, CommitteeRecord Record)> Committee,
    IReadOnlyList<SpecificReviewReport> SpecificReviews,
    QuestionnaireDefinition? SpecificReviewQuestions)
{
    public static readonly AuditPack Empty = new([], [], [], null);

    public static async Task<AuditPack> LoadAsync(
        int year, IReadOnlyList<Partnership> partnerships, IAuditRecordStore store, IDraftStore drafts, QuestionnaireCatalog catalog, AuditReportHandler reports, CancellationToken cancellationToken)
    {
        var names = partnerships.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        var assessments = (await store.AssessmentsAsync(year, cancellationToken))
            .Where(a => a.Current is not null)
            .Select(a => (names.GetValueOrDefault(a.PartnershipId, a.PartnershipId), a.Current!))
            .OrderBy(a => a.Item1, StringComparer.OrdinalIgnoreCase).ToList();
        var committee = partnerships.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .SelectMany(p => p.CommitteeRecords.Where(c => reports.Calendar.CycleOf(c.MeetingDate) == year || c.Recommendation is { IsDone: false }).Select(c => (p.Name, c)))
            .ToList();
        var specific = new List<SpecificReviewReport>();
        foreach (var review in (await store.SpecificReviewsAsync(null, cancellationToken)).Where(r => r.PackYear(reports.Calendar.CycleAt) == year))
        {
            specific.Add(await SpecificReviewDocumentSource.ReportAsync(drafts, review, cancellationToken) with
            {
                Partnership = partnerships.FirstOrDefault(p => p.Id == review.PartnershipId),
            });
        }

        return new AuditPack(assessments, committee, specific, catalog.Get(QuestionnaireIds.SpecificReview));
    }
}

/// <summary>The A&amp;PM sections of the Audit Committee summary, written into the paper.</summary>
internal static class AuditPackSections
{
    public static void Write(WordDocument paper, AuditPack pack)
    {
        paper.Heading(1, "Content of the reviews (section 4.4)");
        if (pack.Assessments.Count == 0)
        {
            paper.Paragraph("The Audit & Performance Management team has not assessed the content of any review of this cycle yet.");
        }
        else
        {
            paper.Table(["Partnership", "Assessed by", "Overall", "Each element", "Notes"], pack.Assessments.Select(a => (IReadOnlyList<string>)
            [
                a.Partnership,
                $"{a.Entry.ByName}, {UkDate.Day(a.Entry.At)}",
                a.Entry.Overall,
                string.Join("\n", a.Entry.Ratings.Where(r => r.StepId != ContentAudit.OverallStep).Select(r => $"{r.Element}: {r.Rating}")),
                string.Join("\n", a.Entry.Ratings.Where(r => r.Notes.Length > 0).Select(r => $"{r.Element}: {r.Notes}")),
            ]));
        }

        paper.Heading(1, "Committee comments and recommendations (sections 4.5-4.6)");
        if (pack.Committee.Count == 0)
        {
            paper.Paragraph("No committee comments or recommendations were recorded in this cycle, and none is still open.");
        }
        else
        {
            paper.Table(["Partnership", "Meeting", "Comments", "Recommendation", "Owner and due date", "Status"], pack.Committee.Select(c => (IReadOnlyList<string>)
            [
                c.Partnership,
                c.Record.Heading,
                c.Record.Comments,
                c.Record.Recommendation?.Text ?? "None",
                c.Record.Recommendation is { } r ? $"{r.OwnerName}, {ReviewSchedule.Format(r.DueDate)}" : "",
                c.Record.Recommendation is not { } rec ? "" : rec.IsDone ? $"Done ({rec.DoneByName})" : "Open",
            ]));
        }

        paper.Heading(1, "Specific partnership reviews (section 4.5)");
        if (pack.SpecificReviews.Count == 0)
        {
            paper.Paragraph("The Audit & Performance Management team reported no specific partnership review in this cycle.");
            return;
        }

        foreach (var report in pack.SpecificReviews)
        {
            paper.Heading(2, report.Review.PartnershipName);
            paper.Table(["Item", "Detail"], SpecificReviewPaper.Summary(report.Review, report.Partnership).Skip(1).Select(s => (IReadOnlyList<string>)[s.Item, s.Detail]));
            SpecificReviewPaper.WriteSmtRecord(paper, report.Review, report.Partnership, level: 3);
            if (report.Report is { } findings && pack.SpecificReviewQuestions is { } questions)
            {
                foreach (var step in questions.Steps)
                {
                    var answer = findings.AnswerTo(step.Id);
                    paper.Labelled(step.Text, answer is null or { Skipped: true } ? QuestionnairePaper.NotAnswered : string.Join("\n", step.Fields.Select(f => answer.Value(f.Id)).Where(v => v.Length > 0)));
                }
            }
        }
    }
}
