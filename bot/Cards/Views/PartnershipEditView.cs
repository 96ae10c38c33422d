namespace PartnershipBot.Cards.Views;

/// <summary>The PPM's form for a register entry: details, dates (yyyy-MM-dd or empty) and the lead officer.</summary>
internal sealed record PartnershipEditView(
    string PartnershipId,
    int Version,
    [property: UserText] string Name,
    [property: UserText] string Purpose,
    [property: UserText] string PartnersText,
    string Status,
    IReadOnlyList<ChoiceView> StatusChoices,
    string StartDate,
    string LastAnnualReturn,
    string LastEffectivenessReview,
    string LastThreeYearReview,
    string LeadOfficerId,
    [property: UserText] string LeadOfficerName,
    string LeadRole,
    IReadOnlyList<ChoiceView> RoleChoices,
    string? ValidationMessage);

