namespace PartnershipBot.Cards.Views;

/// <summary>
/// One page of a submitted self-assessment's improvement plan (every Partly/No item), with buttons to the pages
/// before and after it, and on every page a way on (the partnership, the menu), so the last page is no dead end.
/// </summary>
internal sealed record HallmarkPlanView(
    string DraftId,
    string PartnershipId,
    [property: UserText] string PartnershipName,
    string AssessedAtText,
    string PageText,
    IReadOnlyList<ImprovementView> Improvements,
    int PreviousPage,
    int NextPage,
    bool HasPreviousPage,
    bool HasNextPage);
