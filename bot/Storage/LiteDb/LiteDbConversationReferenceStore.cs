using System.Collections.Concurrent;
using LiteDB;
using PartnershipBot.Connector;
using PartnershipBot.Protocol;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>
/// Conversation references in LiteDB, keyed by tenant + Entra object id; unchanged references are not rewritten. The
/// memo of what was saved is bounded: forgetting it only costs one more (identical) write for a user's next turn.
/// </summary>
/// <remarks>
/// A new collection: references kept before (keyed by object id, or by from.id when an activity had none, and without
/// knowing whether a token vouched for their service URL) are not read. Each user's next activity stores theirs again.
/// </remarks>
internal sealed class LiteDbConversationReferenceStore(LiteDbStore store) : IConversationReferenceStore
{
    internal const string CollectionName = "conversation_refs_by_tenant";
    private const string AadField = "aad";

    /// <summary>Users remembered as saved; far more than are active at once, far fewer than a council's officers over years.</summary>
    internal const int MemoCapacity = 4096;
    private readonly ConcurrentDictionary<string, ConversationReference> _saved = new(StringComparer.Ordinal);

    internal static string KeyOf(string tenantId, string aadObjectId) =>
        $"{tenantId.ToLowerInvariant()}/{aadObjectId.ToLowerInvariant()}";

    public async Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        var key = KeyOf(reference.TenantId, reference.AadObjectId);
        if (_saved.TryGetValue(key, out var known) && known == reference)
        {
            return;
        }

        var doc = StoredDocument.ToBson(key, 1, reference, (AadField, reference.AadObjectId.ToLowerInvariant()));
        await store.WriteAsync(db =>
        {
            var collection = db.GetCollection(CollectionName);
            collection.EnsureIndex(AadField);
            return collection.Upsert(doc);
        }, cancellationToken);
        if (_saved.Count >= MemoCapacity)
        {
            _saved.Clear();
        }

        _saved[key] = reference;
    }

    public Task<ConversationReference?> FindAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(aadObjectId))
        {
            return Task.FromResult<ConversationReference?>(null);
        }

        var found = store.Collection(CollectionName).Find(StoredDocument.Where($"{AadField} = @0", aadObjectId.Trim().ToLowerInvariant()), limit: 2).ToList();
        return Task.FromResult(found.Count == 1 ? StoredDocument.FromBson<ConversationReference>(found[0]) : null);
    }
}
