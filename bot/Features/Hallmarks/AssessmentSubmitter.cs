using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>A submitted self-assessment is stored with its score summary in one write, so the two never disagree.</summary>
internal sealed class AssessmentSubmitter(IAssessmentSummaryStore summaries, QuestionnaireCatalog catalog) : IDraftSubmitter
{
    public string QuestionnaireId => QuestionnaireIds.Hallmarks;

    public Task<bool> SaveSubmittedAsync(Draft submitted, CancellationToken cancellationToken) =>
        summaries.SubmitAsync(submitted, AssessmentSummary.Of(catalog.Get(QuestionnaireId), submitted), cancellationToken);
}
