namespace PartnershipBot.Features.AuditReport;

/// <summary>The latest hallmark self-assessment of a partnership, as the report shows it (implemented by the hallmark feature).</summary>
internal interface IHallmarkScores
{
    Task<HallmarkScores?> LatestAsync(string partnershipId, CancellationToken cancellationToken);

    /// <summary>The latest assessment of every partnership that has one, by partnership id (one read for the whole report).</summary>
    Task<IReadOnlyDictionary<string, HallmarkScores>> LatestOfEachAsync(CancellationToken cancellationToken);

    /// <summary>The score bands' lower limits, for charts and legends.</summary>
    HallmarkBands Bands { get; }
}

/// <summary>A score at or above <see cref="StrongFrom"/> is Strong; at or above <see cref="DevelopingFrom"/>, Developing.</summary>
internal sealed record HallmarkBands(int StrongFrom, int DevelopingFrom);

/// <summary>One assessment: when, and each hallmark's score in per cent.</summary>
internal sealed record HallmarkScores(DateOnly AssessedOn, IReadOnlyList<HallmarkScore> Scores);

/// <summary>A hallmark's title and its score in per cent.</summary>
internal sealed record HallmarkScore(string Hallmark, int Percent);
