namespace PartnershipBot.Cards.Views;

/// <summary>One partnership's register entry with the actions the viewer may take; RegisterUrl opens it in the register tab.</summary>
internal sealed record PartnershipDetailView(
    string PartnershipId,
    [property: UserText] string Name,
    string Status,
    string Stage,
    string StageText,
    [property: UserText] string LeadOfficer,
    string LeadOfficerRole,
    [property: UserText] string Purpose,
    IReadOnlyList<FactView> Facts,
    string LastReviewText,
    string NextReviewText,
    bool CanEdit,
    bool CanChangeStage,
    bool CanEnd,
    bool CanAssess,
    IReadOnlyList<ChoiceView> Stages,
    int Version,
    string? RegisterUrl = null);
