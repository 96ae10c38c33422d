using System.Text.Json.Nodes;

namespace PartnershipBot.Notifications;

/// <summary>
/// Lets the feature that enqueued a chat card give its current content when it is finally sent, so a card delivered late
/// (after retries) shows the state at delivery, not at enqueue. Null = send the payload as enqueued.
/// </summary>
internal interface IChatCardContent
{
    Task<JsonObject?> CurrentAsync(OutboxMessage message, CancellationToken cancellationToken);
}
