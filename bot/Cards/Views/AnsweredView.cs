namespace PartnershipBot.Cards.Views;

/// <summary>
/// A question card after its answer was typed as a message: what was asked and what was typed, with no buttons,
/// so an old card cannot be clicked into "out of date".
/// </summary>
internal sealed record AnsweredView(
    string JourneyTitle,
    string Question,
    [property: UserText] string Answer);
