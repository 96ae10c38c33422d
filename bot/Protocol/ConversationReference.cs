namespace PartnershipBot.Protocol;

/// <summary>What the bot needs to message a user later without them writing first.</summary>
/// <param name="ServiceUrlVouched">
/// True when the activity's serviceUrl was named by the channel token that came with it. Only such references are used
/// for proactive sends by an authenticated bot: the bot sends its own token to that URL.
/// </param>
internal sealed record ConversationReference(
    string UserId,
    string AadObjectId,
    string? UserName,
    string ServiceUrl,
    string ConversationId,
    string TenantId,
    string ChannelId,
    string? BotId,
    string? BotName,
    bool ServiceUrlVouched = false)
{
    /// <summary>
    /// Builds the reference of the 1:1 conversation an activity arrived in; null when the activity does not name its
    /// sender's Entra object id and tenant (the only key of a reference), so such an activity never replaces one.
    /// </summary>
    public static ConversationReference? From(Activity activity, bool serviceUrlVouched)
    {
        if (activity.From?.Id is not { Length: > 0 } userId
            || activity.From.AadObjectId?.Trim() is not { Length: > 0 } aadObjectId
            || activity.TenantId?.Trim() is not { Length: > 0 } tenantId
            || activity.ServiceUrl is not { Length: > 0 } serviceUrl
            || activity.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return null;
        }

        return new ConversationReference(
            userId,
            aadObjectId,
            activity.From.Name,
            serviceUrl,
            conversationId,
            tenantId,
            activity.ChannelId ?? "msteams",
            activity.Recipient?.Id,
            activity.Recipient?.Name,
            serviceUrlVouched);
    }
}

/// <summary>Reply of the connector to a send: the id of the activity it created.</summary>
internal sealed record ResourceResponse(string? Id);

/// <summary>Reply of the connector to a create-conversation call.</summary>
internal sealed record ConversationResourceResponse(string? Id, string? ActivityId, string? ServiceUrl);
