namespace PartnershipBot.Cards.Views;

/// <summary>
/// Confirmation that a submission was received and what happens next; "Download as Word" when the submission has a
/// paper (<see cref="DownloadKind"/> a document kind, <see cref="DownloadSubject"/> its subject).
/// </summary>
internal sealed record SubmittedView(
    string JourneyTitle,
    string PartnershipId,
    [property: UserText] string PartnershipName,
    string Reference,
    string SubmittedAtText,
    string NextStepsText,
    bool IsProposal = false,
    string? DownloadKind = null,
    string? DownloadSubject = null,
    bool NeedsDivisionalHead = false,
    bool MayChangeDivisionalHead = false);
