namespace PartnershipBot.Protocol;

/// <summary>What the bot needs to message a user later without them writing first.</summary>
internal sealed record ConversationReference(
    string UserId,
    string? AadObjectId,
    string? UserName,
    string ServiceUrl,
    string ConversationId,
    string? TenantId,
    string ChannelId,
    string? BotId,
    string? BotName)
{
    /// <summary>Builds the reference of the 1:1 conversation an activity arrived in.</summary>
    public static ConversationReference? From(Activity activity)
    {
        if (activity.From?.Id is not { Length: > 0 } userId
            || activity.ServiceUrl is not { Length: > 0 } serviceUrl
            || activity.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return null;
        }

        return new ConversationReference(
            userId,
            activity.From.AadObjectId,
            activity.From.Name,
            serviceUrl,
            conversationId,
            activity.TenantId,
            activity.ChannelId ?? "msteams",
            activity.Recipient?.Id,
            activity.Recipient?.Name);
    }
}

/// <summary>Reply of the connector to a send: the id of the activity it created.</summary>
internal sealed record ResourceResponse(string? Id);

/// <summary>Reply of the connector to a create-conversation call.</summary>
internal sealed record ConversationResourceResponse(string? Id, string? ActivityId, string? ServiceUrl);
