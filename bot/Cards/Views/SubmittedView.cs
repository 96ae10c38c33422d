namespace PartnershipBot.Cards.Views;

/// <summary>Confirmation that a submission was received and what happens next.</summary>
internal sealed record SubmittedView(
    string JourneyTitle,
    string PartnershipId,
    [property: UserText] string PartnershipName,
    string Reference,
    string SubmittedAtText,
    string NextStepsText,
    bool IsProposal = false);
