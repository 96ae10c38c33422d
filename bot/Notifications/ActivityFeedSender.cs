using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Teamwork.SendActivityNotification;

namespace PartnershipBot.Notifications;

/// <summary>A Teams activity-feed notification through Graph; clicking it opens the bot's chat.</summary>
internal sealed class ActivityFeedSender(GraphAccess graph) : INotificationSender
{
    public OutboxKind Kind => OutboxKind.ActivityFeed;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!graph.IsConfigured)
        {
            return DeliveryResult.Skip("Graph is not configured");
        }

        if (string.IsNullOrWhiteSpace(graph.Options.TeamsAppId))
        {
            return DeliveryResult.Skip("Graph:TeamsAppId is not set");
        }

        var body = new SendActivityNotificationPostRequestBody
        {
            Topic = new TeamworkActivityTopic
            {
                Source = TeamworkActivityTopicSource.Text,
                Value = message.Subject ?? "PartnershipBot",
                WebUrl = TeamsLinks.BotChat(graph.Options.BotAppId),
            },
            ActivityType = message.ActivityType,
            PreviewText = new ItemBody { Content = message.Body ?? message.Subject ?? "" },
            TemplateParameters = TemplateParameters(message.Payload),
            TeamsAppId = graph.Options.TeamsAppId,

            // A repeat (after a crash between send and mark) with the same chain id replaces the first notification instead of adding one.
            ChainId = ChainId(message.IdempotencyKey),
        };
        await graph.Client.Users[message.RecipientId].Teamwork.SendActivityNotification.PostAsync(body,
            r => r.Headers.Add("client-request-id", GraphAccess.RequestId(message.IdempotencyKey)), cancellationToken);
        return DeliveryResult.Delivered();
    }

    /// <summary>The payload's top-level properties as the manifest template's parameters (e.g. partnershipName).</summary>
    public static List<Microsoft.Graph.Models.KeyValuePair> TemplateParameters(JsonObject? payload) =>
        (payload ?? []).Select(p => new Microsoft.Graph.Models.KeyValuePair
        {
            Name = p.Key,
            Value = p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : p.Value?.ToJsonString() ?? "",
        }).ToList();

    /// <summary>A positive 63-bit number derived from the idempotency key.</summary>
    public static long ChainId(string idempotencyKey) =>
        BinaryPrimitives.ReadInt64BigEndian(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(idempotencyKey))) & long.MaxValue;
}
