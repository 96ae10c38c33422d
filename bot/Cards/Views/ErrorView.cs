namespace PartnershipBot.Cards.Views;

/// <summary>Something went wrong or is not allowed; Message may quote user input, so it is shown literally.</summary>
internal sealed record ErrorView(string Title, [property: UserText] string Message);
