namespace PartnershipBot.Cards.Views;

/// <summary>The key partnerships register: the current filter, one row per partnership with an Open button.</summary>
internal sealed record RegisterListView(
    string FilterText,
    string RoleFilter,
    IReadOnlyList<ChoiceView> RoleChoices,
    IReadOnlyList<RegisterRowView> Rows,
    string? MoreText,
    string StatusFilter,
    IReadOnlyList<ChoiceView> StatusChoices);

/// <summary>A row of the register.</summary>
internal sealed record RegisterRowView(
    string PartnershipId,
    [property: UserText] string Name,
    string LeadRole,
    string Stage,
    string NextReviewText);
