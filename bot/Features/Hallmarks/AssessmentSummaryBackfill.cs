using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>
/// While the host starts (before any turn or page): summarises the self-assessments submitted before summaries were
/// kept. A partnership with no summary has its drafts read once and its submitted assessments summarised; one with
/// a summary has them all, since every assessment since is stored with its summary in one write
/// (<see cref="AssessmentSubmitter"/>). After the first start that is one small read per partnership.
/// </summary>
internal sealed partial class AssessmentSummaryBackfill(
    IPartnershipRegister register,
    IDraftStore drafts,
    IAssessmentSummaryStore summaries,
    QuestionnaireCatalog catalog,
    ILogger<AssessmentSummaryBackfill> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var definition = catalog.Get(QuestionnaireIds.Hallmarks);
        var summarised = (await summaries.LatestOfEachAsync(withImprovements: false, cancellationToken)).Select(s => s.PartnershipId).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var partnership in await register.AllAsync(cancellationToken))
        {
            if (summarised.Contains(partnership.Id))
            {
                continue;
            }

            var missing = (await HallmarkHistory.SubmittedAsync(drafts, partnership.Id, cancellationToken))
                .Select(d => AssessmentSummary.Of(definition, d))
                .ToList();
            if (missing.Count > 0)
            {
                await summaries.AddMissingAsync(missing, cancellationToken);
                added += missing.Count;
            }
        }

        if (added > 0)
        {
            LogBackfilled(logger, added);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(7110, LogLevel.Information, "Summarised {Count} hallmark self-assessment(s) submitted before summaries were kept")]
    private static partial void LogBackfilled(ILogger logger, int count);
}
