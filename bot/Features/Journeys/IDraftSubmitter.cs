using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Journeys;

/// <summary>
/// A questionnaire whose submitted draft is stored together with a record of its own, in one write (e.g. a hallmark
/// self-assessment and its score summary), instead of by <see cref="IDraftStore.SaveAsync"/> alone.
/// </summary>
internal interface IDraftSubmitter
{
    string QuestionnaireId { get; }

    /// <summary>Stores the submitted draft as <see cref="IDraftStore.SaveAsync"/> would (not open); false when someone changed it first.</summary>
    Task<bool> SaveSubmittedAsync(Draft submitted, CancellationToken cancellationToken);
}
