using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace PartnershipBot.Cards;

/// <summary>
/// How a card button's result is shown. By default it replaces the clicked card (the next step of the same card:
/// the next question, a confirmation, the saved entry). A result that is something else (an error, a partnership
/// opened from a list or a receipt) is marked here and arrives as a new message, so the list or receipt stays.
/// </summary>
internal static class CardReply
{
    /// <summary>The short text Teams shows in place of the clicked card's update when the result comes as a new message.</summary>
    public const string NewMessageNote = "Shown in a new message below.";

    // Marks ride on the card object itself, so no handler signature changes; entries die with the card.
    private static readonly ConditionalWeakTable<JsonObject, object> NewMessages = new();
    private static readonly object Mark = new();

    /// <summary>Shows <paramref name="card"/> as a new message and leaves the clicked card as it was.</summary>
    public static JsonObject AsNewMessage(JsonObject card)
    {
        NewMessages.AddOrUpdate(card, Mark);
        return card;
    }

    /// <summary>Shows <paramref name="card"/> in place of the clicked card even if it was marked (e.g. the end of a journey).</summary>
    public static JsonObject InPlace(JsonObject card)
    {
        NewMessages.Remove(card);
        return card;
    }

    public static bool IsNewMessage(JsonObject card) => NewMessages.TryGetValue(card, out _);
}
