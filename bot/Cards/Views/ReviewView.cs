namespace PartnershipBot.Cards.Views;

/// <summary>Every answer of a draft with an Edit button each, what is missing, and Submit when complete.</summary>
internal sealed record ReviewView(
    string JourneyTitle,
    string DraftId,
    int Revision,
    IReadOnlyList<ReviewItemView> Items,
    IReadOnlyList<string> Missing,
    bool CanSubmit);

/// <summary>One answered (or missing) question; Answer is already shortened for display.</summary>
internal sealed record ReviewItemView(
    string StepId,
    string Section,
    string Question,
    [property: UserText] string Answer,
    bool IsMissing);
