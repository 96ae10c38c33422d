using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>
/// A submitted self-assessment in brief, stored with it (<see cref="IAssessmentSummaryStore.SubmitAsync"/>) so the
/// tab's pages and the Audit Committee report read a few hundred small records instead of every draft in full:
/// each hallmark's points (the figures <see cref="HallmarkScoring"/> gives from the answers), the hallmarks the
/// assessor skipped, and the improvement items. Frozen like the draft it summarises; its id is the draft's.
/// </summary>
internal sealed record AssessmentSummary(
    string DraftId,
    string PartnershipId,
    DateTimeOffset SubmittedAt,
    string AssessedBy,
    IReadOnlyList<HallmarkScore> Hallmarks,
    IReadOnlyList<Improvement> Improvements)
{
    /// <summary>Hallmark numbers (1 to 6, in questionnaire order) the assessor skipped with "Skip this hallmark".</summary>
    public IReadOnlyList<int> SkippedHallmarks { get; init; } = [];

    /// <summary>The scores as <see cref="HallmarkScoring.Score"/> gives them, overall included.</summary>
    public AssessmentScore Score() => HallmarkScoring.Total(Hallmarks);

    /// <summary>The summary of a submitted self-assessment, scored by its questionnaire.</summary>
    public static AssessmentSummary Of(QuestionnaireDefinition definition, Draft draft)
    {
        if (draft.Status != DraftStatus.Submitted || draft.SubmittedAt is not { } submittedAt || draft.SubjectId is not { Length: > 0 } partnershipId)
        {
            throw new ArgumentException($"Draft {draft.Id} is not a submitted assessment of a partnership.", nameof(draft));
        }

        var score = HallmarkScoring.Score(definition, draft.Answers);
        return new AssessmentSummary(draft.Id, partnershipId, submittedAt, draft.OwnerName, score.Hallmarks, HallmarkScoring.Improvements(definition, draft.Answers))
        {
            SkippedHallmarks = score.Hallmarks.Select((h, i) => (h, number: i + 1)).Where(x => x.h.IsSkipped).Select(x => x.number).ToList(),
        };
    }
}
