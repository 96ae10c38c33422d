namespace PartnershipBot.Cards.Views;

/// <summary>The PPM's form for a register entry: details, dates (ISO for Input.Date, or empty) and the lead officer.</summary>
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
    string? ValidationMessage,
    [property: UserText] string AccountableBody = "",
    [property: UserText] string ElectedMembersText = "")
{
    public const int NameLimit = 200;
    public const int PurposeLimit = 4000;

    // The client enforces a limit only while the text fits it: a refused longer text is shown whole for editing.
    public int? NameMaxLength => Name.Length <= NameLimit ? NameLimit : null;

    public int? PurposeMaxLength => Purpose.Length <= PurposeLimit ? PurposeLimit : null;
}

