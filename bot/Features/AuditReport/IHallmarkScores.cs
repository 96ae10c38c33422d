namespace PartnershipBot.Features.AuditReport;

/// <summary>
/// The latest hallmark self-assessment of a partnership, as the report shows it. The hallmark feature implements this
/// when it stores assessments; until then <see cref="NoHallmarkScores"/> answers "none".
/// </summary>
internal interface IHallmarkScores
{
    Task<HallmarkScores?> LatestAsync(string partnershipId, CancellationToken cancellationToken);
}

/// <summary>One assessment: when, and each hallmark's score in per cent.</summary>
internal sealed record HallmarkScores(DateOnly AssessedOn, IReadOnlyList<HallmarkScore> Scores);

/// <summary>A hallmark's title and its score in per cent.</summary>
internal sealed record HallmarkScore(string Hallmark, int Percent);

/// <summary>No assessments stored yet.</summary>
internal sealed class NoHallmarkScores : IHallmarkScores
{
    public Task<HallmarkScores?> LatestAsync(string partnershipId, CancellationToken cancellationToken) => Task.FromResult<HallmarkScores?>(null);
}
