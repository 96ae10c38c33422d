using LiteDB;
using PartnershipBot.Documents.Downloads;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>Download grants in LiteDB; taking one (check unused and unexpired, mark used) is one step on the writer thread.</summary>
internal sealed class LiteDbDownloadGrantStore : IDownloadGrantStore
{
    internal const string CollectionName = "download_grants";
    internal const string UsedField = "used";
    private const string ExpiresField = "expires";
    private readonly LiteDbStore store;

    public LiteDbDownloadGrantStore(LiteDbStore store)
    {
        this.store = store;
        store.Collection(CollectionName).EnsureIndex(ExpiresField);
    }

    public Task AddAsync(DownloadGrant grant, CancellationToken cancellationToken) =>
        store.WriteAsync(db => db.GetCollection(CollectionName).Insert(StoredDocument.ToBson(grant.SecretHash, 1, grant,
            (ExpiresField, grant.ExpiresAt.UtcDateTime), (UsedField, false))), cancellationToken);

    public Task<DownloadGrant?> TryUseAsync(string secretHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.WriteAsync(db =>
        {
            var grants = db.GetCollection(CollectionName);
            var doc = grants.FindById(secretHash);
            if (doc is null || doc[UsedField].AsBoolean)
            {
                return null;
            }

            var grant = StoredDocument.FromBson<DownloadGrant>(doc);
            if (grant.ExpiresAt <= now)
            {
                return null;
            }

            doc[UsedField] = true;
            grants.Update(doc);
            return grant;
        }, cancellationToken);

    public Task PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        store.WriteAsync(db => db.GetCollection(CollectionName).DeleteMany(StoredDocument.Where($"{ExpiresField} < @0", before.UtcDateTime)), cancellationToken);
}
