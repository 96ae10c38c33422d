using PartnershipBot.Features.AuditReport;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>
/// The Audit Committee report's view of the latest submitted self-assessment, scored from its stored answers.
/// Hallmarks not assessed (all Not applicable) are left out rather than shown as 0%; skipped ones are kept as skipped.
/// </summary>
internal sealed class AuditHallmarkScores(IDraftStore drafts, QuestionnaireCatalog catalog, TimeProvider time, Microsoft.Extensions.Options.IOptions<HallmarkOptions> options) : IHallmarkScores
{
    public HallmarkBands Bands => new(options.Value.StrongFrom, options.Value.DevelopingFrom);

    public async Task<HallmarkScores?> LatestAsync(string partnershipId, CancellationToken cancellationToken)
    {
        var latest = (await HallmarkHistory.SubmittedAsync(drafts, partnershipId, cancellationToken)).FirstOrDefault();
        if (latest is null)
        {
            return null;
        }

        var score = HallmarkScoring.Score(catalog.Get(QuestionnaireIds.Hallmarks), latest.Answers);
        var submitted = TimeZoneInfo.ConvertTime(latest.SubmittedAt!.Value, time.LocalTimeZone);
        return new HallmarkScores(
            DateOnly.FromDateTime(submitted.DateTime),
            score.Hallmarks.Where(h => h.Percent is not null || h.IsSkipped)
                .Select(h => h.IsSkipped ? AuditReport.HallmarkScore.Skip(h.Title) : new AuditReport.HallmarkScore(h.Title, h.Percent)).ToList());
    }
}
