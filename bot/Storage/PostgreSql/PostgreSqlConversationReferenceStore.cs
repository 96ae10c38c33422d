using System.Collections.Concurrent;
using PartnershipBot.Connector;
using PartnershipBot.Protocol;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// Conversation references in PostgreSQL, keyed by tenant + Entra object id (as the LiteDB store), so a reminder or
/// card update can be sent from any instance. The row is only rewritten when it changed, and a reference this
/// instance stored or found unchanged within the last <see cref="Confirmed"/> is not sent again (every turn saves its
/// sender's reference, and it almost never changes).
/// </summary>
internal sealed class PostgreSqlConversationReferenceStore(PostgreSqlDatabase database, TimeProvider time) : IConversationReferenceStore
{
    /// <summary>
    /// How long a reference this instance saw stored counts as still stored. Short, because another instance may
    /// store a different one meanwhile: a person whose reference changes there and changes back here within this
    /// time keeps the other one until their next turn after it.
    /// </summary>
    public static readonly TimeSpan Confirmed = TimeSpan.FromSeconds(30);

    private const int MaxConfirmed = 10_000;
    private readonly ConcurrentDictionary<string, (ConversationReference Reference, long UntilTicks)> _confirmed = new(StringComparer.Ordinal);

    /// <remarks>
    /// An unchanged reference is only read: no row is written or locked, so the turn's statement needs no durable
    /// commit. (<c>ON CONFLICT DO UPDATE … WHERE</c> would lock the row even when it writes nothing.) Two first saves
    /// of one person at the same moment keep one of them.
    /// </remarks>
    public async Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        var key = $"{reference.TenantId.ToLowerInvariant()}/{reference.AadObjectId.ToLowerInvariant()}";
        var now = time.GetUtcNow().UtcTicks;
        if (_confirmed.TryGetValue(key, out var seen) && seen.UntilTicks > now && seen.Reference == reference)
        {
            return;
        }

        var save = PostgreSqlDatabase.BatchCommand(SaveSql, key, reference.AadObjectId.ToLowerInvariant(), Jsonb.Of(reference));
        if (_confirmed.Count >= MaxConfirmed)
        {
            _confirmed.Clear();
        }

        // In a turn, the save goes with the turn's end (stored before anything the turn sends or reads), one round
        // trip fewer on a person's first turn; if it is not stored after all, it is not taken as stored either.
        _confirmed[key] = (reference, now + Confirmed.Ticks);
        if (!PostgreSqlTurnConnection.TryHold(database, save, () => _confirmed.TryRemove(key, out _)))
        {
            try
            {
                await database.ExecuteAsync(save, cancellationToken);
            }
            catch
            {
                _confirmed.TryRemove(key, out _);
                throw;
            }
        }
    }

    /// <summary>One statement returning one row (as a held write must, see <see cref="PostgreSqlTurnConnection.TryHold"/>).</summary>
    private const string SaveSql = """
        WITH changed AS (UPDATE conversation_references SET user_id = $2, doc = $3 WHERE key = $1 AND doc IS DISTINCT FROM $3),
        inserted AS (INSERT INTO conversation_references (key, user_id, doc) SELECT $1, $2, $3
            WHERE NOT EXISTS (SELECT 1 FROM conversation_references WHERE key = $1)
            ON CONFLICT (key) DO NOTHING RETURNING 1)
        SELECT count(*) FROM inserted
        """;

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

        var found = await database.QueryDocumentsAsync<ConversationReference>(
            "SELECT doc FROM conversation_references WHERE user_id = $1 LIMIT 2", null, cancellationToken, aadObjectId.Trim().ToLowerInvariant());
        return found.Count == 1 ? found[0] : null;
    }
}
