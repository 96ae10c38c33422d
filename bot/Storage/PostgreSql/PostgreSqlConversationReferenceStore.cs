using PartnershipBot.Connector;
using PartnershipBot.Protocol;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// Conversation references in PostgreSQL, keyed by the user's Entra object id (or channel id), so a reminder or
/// card update can be sent from any instance. No in-process memo: the row is only rewritten when it changed.
/// </summary>
internal sealed class PostgreSqlConversationReferenceStore(PostgreSqlDatabase database) : IConversationReferenceStore
{
    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        var key = reference.AadObjectId is { Length: > 0 } aad ? aad : reference.UserId;
        return database.ExecuteAsync(
            """
            INSERT INTO conversation_references (key, user_id, doc) VALUES ($1, $2, $3)
            ON CONFLICT (key) DO UPDATE SET user_id = excluded.user_id, doc = excluded.doc
            WHERE conversation_references.doc IS DISTINCT FROM excluded.doc
            """,
            cancellationToken, key, reference.UserId, Jsonb.Of(reference));
    }

    public async Task<ConversationReference?> FindAsync(string userId, CancellationToken cancellationToken) =>
        (await database.DocumentsAsync<ConversationReference>(
            "SELECT doc FROM conversation_references WHERE key = $1 OR user_id = $1 ORDER BY key = $1 DESC LIMIT 1", null, cancellationToken, userId))
        .SingleOrDefault();
}
