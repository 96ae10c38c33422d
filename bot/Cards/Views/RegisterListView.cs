namespace PartnershipBot.Cards.Views;

/// <summary>
/// A list of register entries (the whole register, or the viewer's own when Scope is "mine"): the current filter,
/// one row per partnership with an Open button. The filter keeps the scope, so filtering "My partnerships" filters those.
/// </summary>
internal sealed record RegisterListView(
    string Heading,
    string Scope,
    string FilterText,
    string RoleFilter,
    IReadOnlyList<ChoiceView> RoleChoices,
    IReadOnlyList<RegisterRowView> Rows,
    string? MoreText,
    string StatusFilter,
    IReadOnlyList<ChoiceView> StatusChoices);

/// <summary>A row of the register: the name and one line of role, status, stage and the next review.</summary>
internal sealed record RegisterRowView(
    string PartnershipId,
    [property: UserText] string Name,
    string Summary);
