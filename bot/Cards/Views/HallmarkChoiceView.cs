namespace PartnershipBot.Cards.Views;

/// <summary>
/// Which partnership to assess: the candidates, each with an Assess button carrying its id (the server re-checks
/// who may assess it), and what was left off when there are too many for one card.
/// </summary>
internal sealed record HallmarkChoiceView(
    string IntroText,
    IReadOnlyList<PartnershipChoiceView> Partnerships,
    string? MoreText);

/// <summary>One partnership offered for assessment.</summary>
internal sealed record PartnershipChoiceView(string PartnershipId, [property: UserText] string Name);
