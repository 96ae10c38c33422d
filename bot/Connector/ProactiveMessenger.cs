using System.Text.Json.Nodes;
using PartnershipBot.Protocol;

namespace PartnershipBot.Connector;

/// <summary>Where a proactive message landed, so it can be updated in place later.</summary>
internal sealed record SentMessage(string ServiceUrl, string ConversationId, string ActivityId);

/// <summary>Sends and updates messages in a user's 1:1 chat with the bot, from their stored conversation reference.</summary>
/// <remarks>
/// References are stored only from activities that passed authentication, so their service URLs (and the URLs of
/// messages sent through them) are trusted again after a restart, before any new activity arrives.
/// </remarks>
internal sealed class ProactiveMessenger(IConversationReferenceStore references, ConnectorClient connector, ServiceUrlTrust trust)
{
    /// <summary>Sends a card to the user; null when the user has never talked to (or installed) the bot.</summary>
    public async Task<SentMessage?> SendCardAsync(string userId, JsonObject card, string? fallbackText, CancellationToken cancellationToken)
    {
        var reference = await references.FindAsync(userId, cancellationToken);
        if (reference is null)
        {
            return null;
        }

        trust.Trust(reference.ServiceUrl);
        var activity = CardActivity(reference, card, fallbackText);
        var sent = await connector.SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, activity, cancellationToken);
        return new SentMessage(reference.ServiceUrl, reference.ConversationId, sent.Id ?? "");
    }

    /// <summary>Replaces a card sent earlier (connector PUT).</summary>
    public Task UpdateCardAsync(SentMessage message, JsonObject card, CancellationToken cancellationToken)
    {
        trust.Trust(message.ServiceUrl);
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = message.ActivityId,
            Attachments = [Attachment.AdaptiveCard(card)],
        };
        return connector.UpdateActivityAsync(message.ServiceUrl, message.ConversationId, message.ActivityId, activity, cancellationToken);
    }

    private static Activity CardActivity(ConversationReference reference, JsonObject card, string? fallbackText) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = reference.ChannelId,
        ServiceUrl = reference.ServiceUrl,
        Conversation = new ConversationAccount { Id = reference.ConversationId, TenantId = reference.TenantId },
        Recipient = new ChannelAccount { Id = reference.UserId, AadObjectId = reference.AadObjectId },
        Summary = fallbackText,
        Attachments = [Attachment.AdaptiveCard(card)],
    };
}
