using LiteDB;
using PartnershipBot.Features.Audit;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>The A&amp;PM team's records in LiteDB ("audit_records"): content assessments and specific reviews, versioned.</summary>
internal sealed class LiteDbAuditRecordStore(LiteDbStore store) : IAuditRecordStore
{
    private const string CollectionName = "audit_records";
    private const string AssessmentKind = "assessment";
    private const string SpecificKind = "specific";

    public Task<ContentAssessment?> FindAssessmentAsync(int year, string partnershipId, CancellationToken cancellationToken) =>
        Task.FromResult(Find<ContentAssessment>(ContentAssessment.IdFor(year, partnershipId), AssessmentKind, (a, v) => a with { Version = v }));

    public Task<IReadOnlyList<ContentAssessment>> AssessmentsAsync(int year, CancellationToken cancellationToken)
    {
        IReadOnlyList<ContentAssessment> found = store.Collection(CollectionName)
            .Find(StoredDocument.Where("kind = @0 AND year = @1", AssessmentKind, year))
            .Select(d => StoredDocument.FromBson<ContentAssessment>(d) with { Version = StoredDocument.VersionOf(d) })
            .OrderBy(a => a.PartnershipId, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(found);
    }

    public Task<bool> TrySaveAssessmentAsync(ContentAssessment assessment, int expectedVersion, CancellationToken cancellationToken)
    {
        var doc = StoredDocument.ToBson(assessment.Id, expectedVersion + 1, assessment with { Version = expectedVersion + 1 },
            ("kind", AssessmentKind), ("partnership", assessment.PartnershipId), ("year", assessment.Year));
        return store.WriteAsync(db => StoredDocument.TrySaveVersioned(db.GetCollection(CollectionName), doc, expectedVersion), cancellationToken);
    }

    public Task<SpecificReview?> FindSpecificReviewAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(Find<SpecificReview>(id, SpecificKind, (r, v) => r with { Version = v }));

    public Task<IReadOnlyList<SpecificReview>> SpecificReviewsAsync(string? partnershipId, CancellationToken cancellationToken)
    {
        var query = partnershipId is null
            ? StoredDocument.Where("kind = @0", SpecificKind)
            : StoredDocument.Where("kind = @0 AND partnership = @1", SpecificKind, partnershipId);
        IReadOnlyList<SpecificReview> found = store.Collection(CollectionName).Find(query)
            .Select(d => StoredDocument.FromBson<SpecificReview>(d) with { Version = StoredDocument.VersionOf(d) })
            .OrderBy(r => r.OpenedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(found);
    }

    public Task<bool> TrySaveSpecificReviewAsync(SpecificReview review, int expectedVersion, CancellationToken cancellationToken)
    {
        var doc = StoredDocument.ToBson(review.Id, expectedVersion + 1, review with { Version = expectedVersion + 1 },
            ("kind", SpecificKind), ("partnership", review.PartnershipId), ("year", 0));
        return store.WriteAsync(db => StoredDocument.TrySaveVersioned(db.GetCollection(CollectionName), doc, expectedVersion), cancellationToken);
    }

    private T? Find<T>(string id, string kind, Func<T, int, T> withVersion) where T : class
    {
        var doc = store.Collection(CollectionName).FindById(id);
        return doc is null || doc["kind"].AsString != kind ? null : withVersion(StoredDocument.FromBson<T>(doc), StoredDocument.VersionOf(doc));
    }
}
