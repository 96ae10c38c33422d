namespace PartnershipBot.Cards.Views;

/// <summary>
/// Every answer of a draft with an Edit button each, what is missing, and Submit when complete. A grouped
/// questionnaire lists its groups (with a button to show each) and the answers of the one shown.
/// </summary>
internal sealed record ReviewView(
    string JourneyTitle,
    string DraftId,
    int Revision,
    IReadOnlyList<ReviewItemView> Items,
    IReadOnlyList<string> Missing,
    bool CanSubmit,
    IReadOnlyList<ReviewGroupView> Groups);

/// <summary>One group of questions (a hallmark): how it was answered, and whether its answers are the ones shown.</summary>
internal sealed record ReviewGroupView(string GroupId, string Title, string Summary, bool IsShown);

/// <summary>One answered (or missing) question; Answer is already shortened for display.</summary>
internal sealed record ReviewItemView(
    string StepId,
    string Section,
    string Question,
    [property: UserText] string Answer,
    bool IsMissing,
    string EditTitle);
