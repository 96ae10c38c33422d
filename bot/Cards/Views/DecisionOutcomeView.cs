namespace PartnershipBot.Cards.Views;

/// <summary>A decision on a submission, read-only: what was decided, by whom, when, and the comment.</summary>
internal sealed record DecisionOutcomeView(
    string PartnershipId,
    [property: UserText] string PartnershipName,
    string DecisionText,
    [property: UserText] string DecidedBy,
    string DecidedAtText,
    [property: UserText] string? Comment,
    bool IsProposal = false,
    bool CanReopen = false,
    bool NeedsDivisionalHead = false);
