namespace PartnershipBot.Features.AuditReport;

/// <summary>The latest hallmark self-assessment of a partnership, as the report shows it (implemented by the hallmark feature).</summary>
internal interface IHallmarkScores
{
    Task<HallmarkScores?> LatestAsync(string partnershipId, CancellationToken cancellationToken);
}

/// <summary>One assessment: when, and each hallmark's score in per cent.</summary>
internal sealed record HallmarkScores(DateOnly AssessedOn, IReadOnlyList<HallmarkScore> Scores);

/// <summary>A hallmark's title and its score in per cent.</summary>
internal sealed record HallmarkScore(string Hallmark, int Percent);
