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

/// <summary>
/// A hallmark's title and its score in per cent, or no score because the assessor skipped the hallmark ("Skip this
/// hallmark"): shown as "skipped", never as 0 % and never as "not assessed" (hallmarks not assessed are left out).
/// </summary>
internal sealed record HallmarkScore(string Hallmark, int? Percent)
{
    public const string SkippedText = "skipped";

    /// <summary>A skipped hallmark: the assessor chose to skip it, so it has no score.</summary>
    public static HallmarkScore Skip(string hallmark) => new(hallmark, null);

    public bool IsSkipped => Percent is null;

    /// <summary>"75%" or "skipped", as every report shows it.</summary>
    public string Text => Percent is { } p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) + "%" : SkippedText;
}
