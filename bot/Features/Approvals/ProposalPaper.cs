using System.Globalization;
using PartnershipBot.Documents;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// The new-partnership proposal as a council paper for the Divisional Head, SMT and the Executive: the title block,
/// every answer of the questionnaire (Appendix 3, the s.3.1 checks, the risk assessment), then every decision and
/// comment so far. From the second version on, answers changed since the previous version are marked.
/// </summary>
internal static class ProposalPaper
{
    public static string FileName(Submission s) =>
        $"{ApprovalCards.Reference(s.Id)} proposal v{s.ProposalVersion.ToString(CultureInfo.InvariantCulture)}.docx";

    public static byte[] Build(PaperTemplates templates, QuestionnaireDefinition definition, Submission s, Draft draft, Draft? previousVersion)
    {
        var template = templates[PaperTemplates.Proposal];
        var paper = templates.Start(PaperTemplates.Proposal, s.Title);

        paper.Heading(1, template.Summary);
        paper.Labelled("Reference", ApprovalCards.Reference(s.Id));
        paper.Labelled("Submitted by", s.Submitter.Name);
        paper.Labelled("Submitted on", ApprovalCards.When(s.SubmittedAt));
        paper.Labelled("Version", s.ProposalVersion.ToString(CultureInfo.InvariantCulture)
            + (previousVersion is null ? "" : $" (answers changed since version {(s.ProposalVersion - 1).ToString(CultureInfo.InvariantCulture)} are marked \"{QuestionnairePaper.ChangedMark}\")"));
        paper.Labelled("Status", ApprovalCards.StatusText(s));
        if (draft.AnswerTo("risks") is { Skipped: false } risks && QuestionnairePaper.Overall(risks.Items) is { } overall)
        {
            paper.Labelled("Overall risk rating", overall.ToString());
        }

        QuestionnairePaper.Write(paper, definition, draft, previousVersion);

        paper.Heading(1, template.Decisions);
        if (s.Decisions.Count == 0)
        {
            paper.Paragraph("No decision has been recorded yet.");
        }
        else
        {
            paper.Table(["Date", "By", "Role", "Decision", "Version", "Comment"], s.Decisions.Select(d => (IReadOnlyList<string>)
            [
                ApprovalCards.When(d.At),
                d.By.Name,
                ApprovalCards.RoleText(d.Role),
                ApprovalCards.DecisionText(d.Kind) + (d.MeetingDate is { } m ? $" (Executive meeting {UkDate.Day(m)})" : ""),
                d.ProposalVersion.ToString(CultureInfo.InvariantCulture),
                d.Comment ?? "",
            ]));
        }

        // The Divisional Head's assessment (s.4.1), in full: the card and the table above only say it was endorsed.
        foreach (var d in s.Decisions.Where(d => d.Assessment is not null))
        {
            var a = d.Assessment!;
            paper.Heading(2, "Divisional Head's assessment (section 4.1)");
            paper.Labelled("By", $"{d.By.Name}, {ApprovalCards.When(d.At)}, version {d.ProposalVersion.ToString(CultureInfo.InvariantCulture)}");
            paper.Labelled("Contribution to the Authority's work", DivisionalHeadAssessment.FitText(a.Fit));
            paper.Labelled("Reasoning", a.Reasoning);
            paper.Labelled("Conclusions", a.Conclusions);
            paper.Labelled("Report to the Executive", a.ReportToExecutive ? "Recommended" : "Not asked for");
        }

        if (s.Comments.Count > 0)
        {
            paper.Heading(2, "Comments");
            paper.Table(["Date", "By", "Comment"], s.Comments.Select(c => (IReadOnlyList<string>)[ApprovalCards.When(c.At), c.By.Name, c.Text]));
        }

        return paper.ToBytes();
    }
}
