namespace PartnershipBot.Cards.Views;

/// <summary>
/// One page of a submitted self-assessment's improvement plan (every Partly/No item), with buttons to the pages
/// before and after it.
/// </summary>
internal sealed record HallmarkPlanView(
    string DraftId,
    [property: UserText] string PartnershipName,
    string AssessedAtText,
    string PageText,
    IReadOnlyList<ImprovementView> Improvements,
    int PreviousPage,
    int NextPage,
    bool HasPreviousPage,
    bool HasNextPage);
