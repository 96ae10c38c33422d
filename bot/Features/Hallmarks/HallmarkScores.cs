using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>A submitted self-assessment's scores, computed from its stored answers.</summary>
internal sealed record HallmarkAssessment(string DraftId, string AssessedBy, DateTimeOffset SubmittedAt, AssessmentScore Score);

/// <summary>Hallmark scores for other features (e.g. the Audit Committee report).</summary>
internal interface IHallmarkScores
{
    /// <summary>The latest submitted assessment of a partnership, or null when it has none.</summary>
    Task<HallmarkAssessment?> LatestAsync(string partnershipId, CancellationToken cancellationToken);
}

/// <summary>Reads submitted hallmark drafts (the record of an assessment) and scores them.</summary>
internal sealed class HallmarkScores(IDraftStore drafts, QuestionnaireCatalog catalog) : IHallmarkScores
{
    public async Task<HallmarkAssessment?> LatestAsync(string partnershipId, CancellationToken cancellationToken)
    {
        var latest = (await SubmittedAsync(drafts, partnershipId, cancellationToken)).FirstOrDefault();
        return latest is null
            ? null
            : new HallmarkAssessment(latest.Id, latest.OwnerName, latest.SubmittedAt!.Value,
                HallmarkScoring.Score(catalog.Get(QuestionnaireIds.Hallmarks), latest.Answers));
    }

    /// <summary>Submitted assessments of a partnership, newest first.</summary>
    public static async Task<IReadOnlyList<Draft>> SubmittedAsync(IDraftStore drafts, string partnershipId, CancellationToken cancellationToken) =>
        (await drafts.ListBySubjectAsync(partnershipId, cancellationToken))
            .Where(d => d.QuestionnaireId == QuestionnaireIds.Hallmarks && d.Status == DraftStatus.Submitted && d.SubmittedAt is not null)
            .OrderByDescending(d => d.SubmittedAt)
            .ToList();
}
