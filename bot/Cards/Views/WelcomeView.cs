namespace PartnershipBot.Cards.Views;

/// <summary>The welcome / menu card: what the bot does, one button per journey, and the user's drafts to resume.</summary>
internal sealed record WelcomeView([property: UserText] string UserName, IReadOnlyList<DraftSummaryView> Drafts);

/// <summary>A draft the user can resume or cancel.</summary>
internal sealed record DraftSummaryView(
    string DraftId,
    int Revision,
    [property: UserText] string Title,
    string JourneyTitle,
    string ProgressText,
    string UpdatedText);
