using System.Text.Json.Nodes;

namespace PartnershipBot.Cards;

/// <summary>Wraps a rendered card as a Bot Framework attachment.</summary>
internal static class CardAttachment
{
    /// <summary>The attachment content type of Adaptive Cards.</summary>
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Returns {"contentType": ..., "content": card}.</summary>
    public static JsonObject From(JsonObject card) => new()
    {
        ["contentType"] = ContentType,
        ["content"] = card,
    };
}
