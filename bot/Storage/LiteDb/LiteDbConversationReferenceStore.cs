using System.Collections.Concurrent;
using LiteDB;
using PartnershipBot.Connector;
using PartnershipBot.Protocol;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>
/// Conversation references in LiteDB, keyed by the user's id; unchanged references are not rewritten. The memo of
/// what was saved is bounded: forgetting it only costs one more (identical) write for a user's next turn.
/// </summary>
internal sealed class LiteDbConversationReferenceStore(LiteDbStore store) : IConversationReferenceStore
{
    private const string CollectionName = "conversation_references";

    /// <summary>Users remembered as saved; far more than are active at once, far fewer than a council's officers over years.</summary>
    internal const int MemoCapacity = 4096;
    private readonly ConcurrentDictionary<string, ConversationReference> _saved = new(StringComparer.Ordinal);

    public async Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        var key = reference.AadObjectId is { Length: > 0 } aad ? aad : reference.UserId;
        if (_saved.TryGetValue(key, out var known) && known == reference)
        {
            return;
        }

        var doc = StoredDocument.ToBson(key, 1, reference, ("userId", reference.UserId));
        await store.WriteAsync(db => db.GetCollection(CollectionName).Upsert(doc), cancellationToken);
        if (_saved.Count >= MemoCapacity)
        {
            _saved.Clear();
        }

        _saved[key] = reference;
    }

    public Task<ConversationReference?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        var collection = store.Collection(CollectionName);
        var doc = collection.FindById(userId) ?? collection.FindOne(StoredDocument.Where("userId = @0", userId));
        return Task.FromResult(doc is null ? null : StoredDocument.FromBson<ConversationReference>(doc));
    }
}
