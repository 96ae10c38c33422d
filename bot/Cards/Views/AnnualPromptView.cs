namespace PartnershipBot.Cards.Views;

/// <summary>A prompt to a lead officer to start a partnership's annual return; in its three-yearly year, <see cref="AdditionalItems"/> are asked too.</summary>
internal sealed record AnnualPromptView(
    string PartnershipId,
    [property: UserText] string PartnershipName,
    [property: UserText] string LeadOfficerName,
    string ReviewKind,
    string Title,
    string DueText,
    IReadOnlyList<string> RequestedItems,
    IReadOnlyList<string> AdditionalItems);
