using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>Starts assessments so that a partnership has at most one in progress.</summary>
internal interface IAssessmentStore
{
    /// <summary>
    /// Stores <paramref name="draft"/> as new unless a draft of the same questionnaire about the same subject is
    /// already in progress; returns the one in progress (the new draft, or the existing one, unchanged). The check
    /// and the insert are one write, so two people starting at once cannot both get a draft.
    /// </summary>
    Task<Draft> StartAsync(Draft draft, CancellationToken cancellationToken);
}
