using PartnershipBot.Features.AuditReport;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>
/// The Audit Committee report's view of the latest submitted self-assessment, from its stored summary.
/// Hallmarks not assessed (all Not applicable) are left out rather than shown as 0%; skipped ones are kept as skipped.
/// </summary>
internal sealed class AuditHallmarkScores(IAssessmentSummaryStore summaries, TimeProvider time, Microsoft.Extensions.Options.IOptions<HallmarkOptions> options) : IHallmarkScores
{
    public HallmarkBands Bands => new(options.Value.StrongFrom, options.Value.DevelopingFrom);

    public async Task<HallmarkScores?> LatestAsync(string partnershipId, CancellationToken cancellationToken) =>
        (await summaries.OfPartnershipAsync(partnershipId, cancellationToken)).FirstOrDefault() is { } latest ? ScoresOf(latest) : null;

    public async Task<IReadOnlyDictionary<string, HallmarkScores>> LatestOfEachAsync(CancellationToken cancellationToken) =>
        (await summaries.LatestOfEachAsync(withImprovements: false, cancellationToken)).ToDictionary(s => s.PartnershipId, ScoresOf, StringComparer.Ordinal);

    private HallmarkScores ScoresOf(AssessmentSummary summary) => new(
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(summary.SubmittedAt, time.LocalTimeZone).DateTime),
        summary.Hallmarks.Where(h => h.Percent is not null || h.IsSkipped)
            .Select(h => h.IsSkipped ? AuditReport.HallmarkScore.Skip(h.Title) : new AuditReport.HallmarkScore(h.Title, h.Percent)).ToList());
}
