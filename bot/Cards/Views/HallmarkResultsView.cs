namespace PartnershipBot.Cards.Views;

/// <summary>
/// Results of a hallmark self-assessment: a score per hallmark and overall, a chart with the same figures as facts
/// (for screen readers), and the improvement plan (its first items, and a button to the whole plan when there are more).
/// </summary>
internal sealed record HallmarkResultsView(
    string DraftId,
    string PartnershipId,
    [property: UserText] string PartnershipName,
    string AssessedAtText,
    HallmarkScoreView Overall,
    IReadOnlyList<HallmarkScoreView> Hallmarks,
    string? ChartImageUrl,
    string ChartAltText,
    IReadOnlyList<FigureView> Figures,
    IReadOnlyList<ImprovementView> Improvements,
    string PlanCountText,
    bool HasMorePlan);

/// <summary>
/// One hallmark's score. Rating is the words ("Strong", "Not assessed"); RatingColor ("good", "warning",
/// "attention", "default") only repeats it, so nothing relies on colour alone.
/// </summary>
internal sealed record HallmarkScoreView(string Name, string PercentText, string Rating, string RatingColor, string ChangeText);

/// <summary>An improvement item: a question answered Partly or No, with the action, owner and date the assessor gave.</summary>
internal sealed record ImprovementView(string Hallmark, [property: UserText] string Text);

/// <summary>One chart figure as text (hallmark and its score now and before), for screen readers.</summary>
internal sealed record FigureView(string Label, string Value);
