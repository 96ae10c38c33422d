using LiteDB;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>Register entries in LiteDB ("partnerships"), versioned; the seeding marker lives in "meta".</summary>
internal sealed class LiteDbPartnershipRepository(LiteDbStore store, IStorage storage) : IPartnershipRepository
{
    public const string CollectionName = "partnerships";
    private const string SeededMarker = "register-seeded";

    public Task<IReadOnlyList<Partnership>> AllAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Partnership> all = store.Collection(CollectionName).FindAll()
            .Select(Read)
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return Task.FromResult(all);
    }

    public Task<Partnership?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var doc = store.Collection(CollectionName).FindById(id);
        return Task.FromResult(doc is null ? null : Read(doc));
    }

    public Task<bool> TrySaveAsync(Partnership partnership, int expectedVersion, CancellationToken cancellationToken)
    {
        var doc = ToBson(partnership with { Version = expectedVersion + 1 });
        return store.WriteAsync(db => StoredDocument.TrySaveVersioned(db.GetCollection(CollectionName), doc, expectedVersion), cancellationToken);
    }

    public async Task<bool> TrySaveAsync(Partnership partnership, int expectedVersion, IReadOnlyList<OutboxMessage> notifications, CancellationToken cancellationToken)
    {
        await using var work = await storage.BeginAsync(cancellationToken);
        work.Partnerships.Save(partnership, expectedVersion);
        work.Outbox.Add(notifications);
        return await work.CommitAsync(cancellationToken);
    }

    public Task<bool> SeedOnceAsync(IReadOnlyList<Partnership> seeds, CancellationToken cancellationToken)
    {
        var docs = seeds.Select(s => ToBson(s with { Version = 1 })).ToList();
        return store.WriteAsync(db =>
        {
            var meta = db.GetCollection("meta");
            if (meta.FindById(SeededMarker) is not null)
            {
                return false;
            }

            var collection = db.GetCollection(CollectionName);
            foreach (var doc in docs.Where(d => collection.FindById(d["_id"]) is null))
            {
                doc[StoredDocument.VersionField] = 1;
                collection.Insert(doc);
            }

            meta.Upsert(new BsonDocument { ["_id"] = SeededMarker, ["count"] = docs.Count });
            return true;
        }, cancellationToken);
    }

    internal static BsonDocument ToBson(Partnership p) =>
        StoredDocument.ToBson(p.Id, p.Version, p,
            ("name", p.Name.ToLowerInvariant()),
            ("leadOfficerId", p.LeadOfficerId),
            ("status", p.Status.ToString()));

    // The stored version is the truth; the JSON copy of it may lag when a record was written by an older build.
    private static Partnership Read(BsonDocument doc) =>
        StoredDocument.FromBson<Partnership>(doc) with { Version = StoredDocument.VersionOf(doc) };
}
