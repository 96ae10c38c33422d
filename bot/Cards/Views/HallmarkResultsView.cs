namespace PartnershipBot.Cards.Views;

/// <summary>Results of a hallmark self-assessment: a score per hallmark, a chart, and what to improve.</summary>
internal sealed record HallmarkResultsView(
    string PartnershipId,
    [property: UserText] string PartnershipName,
    string AssessedAtText,
    IReadOnlyList<HallmarkScoreView> Hallmarks,
    string? ChartImageUrl,
    string ChartAltText,
    IReadOnlyList<ImprovementView> Improvements);

/// <summary>
/// One hallmark's score. Rating is the words ("Strong", "Needs work"); RatingColor ("good", "warning",
/// "attention") only repeats it, so nothing relies on colour alone.
/// </summary>
internal sealed record HallmarkScoreView(string Name, string PercentText, string Rating, string RatingColor, string ChangeText);

/// <summary>An improvement item: a question answered Partly or No, with any note the assessor wrote.</summary>
internal sealed record ImprovementView(string Hallmark, [property: UserText] string Text);
