using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>A partnership's submitted self-assessments: the frozen drafts whose subject is the partnership.</summary>
internal static class HallmarkHistory
{
    /// <summary>Submitted assessments of a partnership, newest first.</summary>
    public static async Task<IReadOnlyList<Draft>> SubmittedAsync(IDraftStore drafts, string partnershipId, CancellationToken cancellationToken) =>
        (await drafts.ListBySubjectAsync(partnershipId, cancellationToken))
            .Where(d => d.QuestionnaireId == QuestionnaireIds.Hallmarks && d.Status == DraftStatus.Submitted && d.SubmittedAt is not null)
            .OrderByDescending(d => d.SubmittedAt)
            .ToList();
}
