using PartnershipBot.Protocol;

namespace PartnershipBot.Connector;

/// <summary>Where each user's 1:1 conversation with the bot is kept, for proactive messages. Keyed by tenant + Entra object id only.</summary>
internal interface IConversationReferenceStore
{
    /// <summary>Saves the reference under its tenant and Entra object id; cheap when nothing changed since the last save.</summary>
    Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken);

    /// <summary>
    /// The user's 1:1 conversation by Entra object id; null when there is none, or when references of more than one
    /// tenant carry that object id (which of them is the person is then unknown).
    /// </summary>
    Task<ConversationReference?> FindAsync(string aadObjectId, CancellationToken cancellationToken);
}
