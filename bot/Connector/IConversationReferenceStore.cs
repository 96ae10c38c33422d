using PartnershipBot.Protocol;

namespace PartnershipBot.Connector;

/// <summary>Where each user's 1:1 conversation with the bot is kept, for proactive messages.</summary>
internal interface IConversationReferenceStore
{
    /// <summary>Saves the reference; cheap when nothing changed since the last save.</summary>
    Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken);

    /// <summary>The user's 1:1 conversation, by Entra object id or channel user id.</summary>
    Task<ConversationReference?> FindAsync(string userId, CancellationToken cancellationToken);
}
