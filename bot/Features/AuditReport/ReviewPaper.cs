using System.Globalization;
using PartnershipBot.Documents;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Features.AuditReport;

/// <summary>
/// One partnership's annual or three-yearly review as a report to SMT (s.3.8, s.4.3): the partnership and the lead
/// officer's recommendation first, then every answer as the questionnaire lays it out (s.3.5, s.3.6, s.4.3 and, in a
/// three-yearly year, s.3.7), answers changed since last year's review marked, and the latest hallmark scores.
/// </summary>
internal static class ReviewPaper
{
    public static string FileName(Partnership partnership, ReviewOutcome outcome) =>
        $"{Safe(partnership.Name)} {AnnualCycle.Title(outcome.Kind, outcome.CycleYear)}.docx";

    public static byte[] Build(
        PaperTemplates templates,
        QuestionnaireDefinition definition,
        Partnership partnership,
        ReviewOutcome outcome,
        Draft draft,
        Draft? lastYear,
        HallmarkScores? hallmarks)
    {
        var template = templates[PaperTemplates.Review];
        var paper = templates.Start(PaperTemplates.Review, $"{partnership.Name}, {AnnualCycle.Title(outcome.Kind, outcome.CycleYear)}");

        paper.Heading(1, template.Summary);
        paper.Labelled("Partnership", partnership.Name);
        paper.Labelled("Lead officer", AnnualCycleMessages.LeadOfficerText(partnership));
        paper.Labelled("Review", AnnualCycle.Title(outcome.Kind, outcome.CycleYear));
        paper.Labelled("Completed by", outcome.CompletedByName);
        paper.Labelled("Completed on", UkDate.Day(outcome.CompletedOn));
        paper.Labelled("Lead officer's recommendation", ReviewAnswers.RecommendationText(outcome.Recommendation));
        if (outcome.Reasons.Length > 0)
        {
            paper.Labelled("Reasons", outcome.Reasons);
        }

        if (outcome.ContingentLiabilities.Length > 0)
        {
            paper.Labelled("Contingent liabilities of disengagement", outcome.ContingentLiabilities);
        }

        QuestionnairePaper.Write(paper, definition, draft, lastYear);

        paper.Heading(1, template.Decisions);
        paper.Paragraph(lastYear is null
            ? "There is no earlier review on record to compare with."
            : $"Answers changed since last year's review are marked \"{QuestionnairePaper.ChangedMark}\" above, with last year's answer.");
        paper.Heading(2, "Hallmarks of Effective Partnerships");
        if (hallmarks is null)
        {
            paper.Paragraph("The partnership has not been self-assessed against the Hallmarks of Effective Partnerships.");
        }
        else
        {
            paper.Paragraph($"Latest self-assessment: {UkDate.Day(hallmarks.AssessedOn)}.");
            paper.Table(["Hallmark", "Score"], hallmarks.Scores.Select(s => (IReadOnlyList<string>)[s.Hallmark, s.Text]));
        }

        return paper.ToBytes();
    }

    /// <summary>A file name without the characters Windows refuses.</summary>
    internal static string Safe(string name)
    {
        var bad = Path.GetInvalidFileNameChars().Concat(['<', '>', ':', '"', '/', '\\', '|', '?', '*']).ToHashSet();
        var cleaned = new string(name.Select(c => bad.Contains(c) || char.IsControl(c) ? '-' : c).ToArray()).Trim();
        return cleaned.Length == 0 ? "Partnership" : cleaned[..Math.Min(80, cleaned.Length)];
    }
}
