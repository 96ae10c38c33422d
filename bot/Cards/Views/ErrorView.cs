namespace PartnershipBot.Cards.Views;

/// <summary>Something went wrong or is not allowed; Message may quote user input, so it is shown literally.</summary>
internal sealed record ErrorView(string Title, string Message)
{
    /// <summary>Longest message shown: a quoted input can be any length, the card must stay under 40 KB.</summary>
    public const int MaxMessageLength = 2000;

    [UserText]
    public string Message { get; } = CardText.Shorten(Message, MaxMessageLength);
}
