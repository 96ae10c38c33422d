using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Hosting;
using PartnershipBot.Protocol;

namespace PartnershipBot.Connector;

/// <summary>Where a proactive message landed, so it can be updated in place later.</summary>
internal sealed record SentMessage(string ServiceUrl, string ConversationId, string ActivityId);

/// <summary>Sends and updates messages in a user's 1:1 chat with the bot, from their stored conversation reference.</summary>
/// <remarks>
/// An authenticated bot uses only references whose service URL a channel token vouched for (their URLs, and the URLs of
/// messages sent through them, are trusted again after a restart); any other is as if the user had never written.
/// In development mode no token is sent, so every reference is used.
/// </remarks>
internal sealed partial class ProactiveMessenger(
    IConversationReferenceStore references,
    ConnectorClient connector,
    ServiceUrlTrust trust,
    IOptions<BotOptions> options,
    ILogger<ProactiveMessenger> logger)
{
    /// <summary>Sends a card to the user; null when the user has never talked to (or installed) the bot.</summary>
    public async Task<SentMessage?> SendCardAsync(string userId, JsonObject card, string? fallbackText, CancellationToken cancellationToken)
    {
        var reference = await references.FindAsync(userId, cancellationToken);
        if (reference is null)
        {
            return null;
        }

        if (!options.Value.IsDevelopmentMode)
        {
            if (!reference.ServiceUrlVouched)
            {
                LogNotVouched(logger);
                return null;
            }

            trust.Trust(reference.ServiceUrl);
        }

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

    [LoggerMessage(2210, LogLevel.Warning, "A stored conversation reference was not used: no channel token vouched for its service URL")]
    private static partial void LogNotVouched(ILogger logger);
}
