using System.Text.Json.Nodes;

namespace PartnershipBot.Protocol;

/// <summary>The answer to an invoke activity: sent as the HTTP status and body of the inbound request.</summary>
internal sealed record InvokeResponse(int Status, JsonNode? Body)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>An adaptiveCard/action response that replaces the clicked card with <paramref name="card"/>.</summary>
    public static InvokeResponse Card(JsonObject card) => new(200, new JsonObject
    {
        ["statusCode"] = 200,
        ["type"] = AdaptiveCardContentType,
        ["value"] = card,
    });

    /// <summary>An adaptiveCard/action response that shows a short message instead of a new card.</summary>
    public static InvokeResponse Message(string text) => new(200, new JsonObject
    {
        ["statusCode"] = 200,
        ["type"] = "application/vnd.microsoft.activity.message",
        ["value"] = text,
    });

    /// <summary>An adaptiveCard/action error the client shows to the user.</summary>
    public static InvokeResponse Error(int statusCode, string code, string message) => new(200, new JsonObject
    {
        ["statusCode"] = statusCode,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
    });

    /// <summary>The invoke name is not one this bot handles.</summary>
    public static InvokeResponse NotImplemented { get; } = new(501, null);
}
