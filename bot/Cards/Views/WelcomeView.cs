namespace PartnershipBot.Cards.Views;

/// <summary>
/// The welcome / menu card: what the bot does, one button per journey (the person's own role's first), what is waiting
/// for them, and their drafts to resume. <paramref name="Notice"/> answers text that was no command ("did you mean").
/// </summary>
internal sealed record WelcomeView(
    [property: UserText] string UserName,
    IReadOnlyList<DraftSummaryView> Drafts,
    [property: UserText] string? Notice = null,
    string? RoleText = null,
    IReadOnlyList<string>? Waiting = null,
    bool IsPpm = false,
    bool IsApm = false);

/// <summary>A draft the user can resume or cancel.</summary>
internal sealed record DraftSummaryView(
    string DraftId,
    int Revision,
    [property: UserText] string Title,
    string JourneyTitle,
    string ProgressText,
    string UpdatedText);
