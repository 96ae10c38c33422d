namespace PartnershipBot.Cards.Views;

/// <summary>
/// A decision on a submission, read-only: what was decided, by whom, when, and the comment. Until the proposal is
/// approved its button opens the proposal; once approved, <see cref="RegisterId"/> (the id the register keeps the
/// entry under) makes it open the register entry instead.
/// </summary>
internal sealed record DecisionOutcomeView(
    string PartnershipId,
    [property: UserText] string PartnershipName,
    string DecisionText,
    [property: UserText] string DecidedBy,
    string DecidedAtText,
    [property: UserText] string? Comment,
    string? RegisterId = null,
    bool CanReopen = false,
    bool NeedsDivisionalHead = false);
