using System.Text.Json;
using PartnershipBot.Protocol;

namespace PartnershipBot.Turns;

/// <summary>
/// A turn's answer to the HTTP request as sent: the status and the invoke response's JSON, serialised once and
/// used both for the reply and for answering a redelivery.
/// </summary>
internal sealed record TurnResponse(int Status, byte[]? Json)
{
    /// <summary>Serialises an invoke response (null: the activity gets a plain 200).</summary>
    public static TurnResponse? From(InvokeResponse? response) => response is null
        ? null
        : new(response.Status, response.Body is { } body ? JsonSerializer.SerializeToUtf8Bytes(body, ProtocolJson.Default.JsonNode) : null);
}
