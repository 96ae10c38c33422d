using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>A partnership's self-assessments: the drafts whose subject is the partnership (submitted ones are frozen).</summary>
internal static class HallmarkHistory
{
    /// <summary>Submitted assessments of a partnership, newest first.</summary>
    public static async Task<IReadOnlyList<Draft>> SubmittedAsync(IDraftStore drafts, string partnershipId, CancellationToken cancellationToken) =>
        (await drafts.ListBySubjectAsync(partnershipId, cancellationToken))
            .Where(d => d.QuestionnaireId == QuestionnaireIds.Hallmarks && d.Status == DraftStatus.Submitted && d.SubmittedAt is not null)
            .OrderByDescending(d => d.SubmittedAt)
            .ToList();

    /// <summary>The partnership's assessment in progress (at most one: <see cref="IAssessmentStore"/> starts them), or null.</summary>
    public static async Task<Draft?> InProgressAsync(IDraftStore drafts, string partnershipId, CancellationToken cancellationToken) =>
        (await drafts.ListBySubjectAsync(partnershipId, cancellationToken))
            .Where(d => d.QuestionnaireId == QuestionnaireIds.Hallmarks && d.Status == DraftStatus.InProgress)
            .OrderBy(d => d.CreatedAt)
            .FirstOrDefault();

    /// <summary>Whether an assessment of the partnership was submitted or cancelled after <paramref name="since"/>.</summary>
    public static async Task<Draft?> ClosedSinceAsync(IDraftStore drafts, string partnershipId, DateTimeOffset since, CancellationToken cancellationToken) =>
        (await drafts.ListBySubjectAsync(partnershipId, cancellationToken))
            .Where(d => d.QuestionnaireId == QuestionnaireIds.Hallmarks && d.Status != DraftStatus.InProgress && d.UpdatedAt > since)
            .OrderByDescending(d => d.UpdatedAt)
            .FirstOrDefault();
}
