using PartnershipBot.Connector;
using PartnershipBot.Protocol;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// Conversation references in PostgreSQL, keyed by tenant + Entra object id (as the LiteDB store), so a reminder or
/// card update can be sent from any instance. No in-process memo (another instance may have saved a newer one): the
/// row is only rewritten when it changed.
/// </summary>
internal sealed class PostgreSqlConversationReferenceStore(PostgreSqlDatabase database) : IConversationReferenceStore
{
    /// <remarks>
    /// An unchanged reference (most turns) is only read: no row is written or locked, so the turn's statement needs
    /// no durable commit. (<c>ON CONFLICT DO UPDATE … WHERE</c> would lock the row even when it writes nothing.)
    /// Two first saves of one person at the same moment keep one of them.
    /// </remarks>
    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            """
            WITH changed AS (UPDATE conversation_references SET user_id = $2, doc = $3 WHERE key = $1 AND doc IS DISTINCT FROM $3)
            INSERT INTO conversation_references (key, user_id, doc) SELECT $1, $2, $3
            WHERE NOT EXISTS (SELECT 1 FROM conversation_references WHERE key = $1)
            ON CONFLICT (key) DO NOTHING
            """,
            cancellationToken,
            $"{reference.TenantId.ToLowerInvariant()}/{reference.AadObjectId.ToLowerInvariant()}", reference.AadObjectId.ToLowerInvariant(), Jsonb.Of(reference));

    /// <summary>Inserts a reference under its stored key (moving a LiteDB file), on the caller's transaction.</summary>
    internal static Task<int> InsertAsIsAsync(Npgsql.NpgsqlConnection connection, string key, ConversationReference reference, CancellationToken cancellationToken) =>
        PostgreSqlDatabase.ExecuteAsync(connection, "INSERT INTO conversation_references (key, user_id, doc) VALUES ($1, $2, $3)",
            cancellationToken, key, reference.AadObjectId.ToLowerInvariant(), Jsonb.Of(reference));

    /// <summary>By object id (column user_id); null when none, or when more than one tenant has that object id.</summary>
    public async Task<ConversationReference?> FindAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(aadObjectId))
        {
            return null;
        }

        var found = await database.DocumentsAsync<ConversationReference>(
            "SELECT doc FROM conversation_references WHERE user_id = $1 LIMIT 2", null, cancellationToken, aadObjectId.Trim().ToLowerInvariant());
        return found.Count == 1 ? found[0] : null;
    }
}
