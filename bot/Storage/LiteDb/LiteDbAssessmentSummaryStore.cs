using LiteDB;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>
/// Assessment summaries in LiteDB ("assessment_summaries", id = the draft's), indexed by partnership and by a
/// <c>latest</c> flag kept on the newest of each partnership's (moved in the same write as a newer one arrives), so
/// the council-wide page reads one small document per partnership.
/// </summary>
internal sealed class LiteDbAssessmentSummaryStore : IAssessmentSummaryStore
{
    public const string CollectionName = "assessment_summaries";
    public const string LatestField = "latest";
    private const string PartnershipField = "partnership";
    private const string SubmittedField = "submitted";
    private readonly LiteDbStore _store;
    private readonly LiteDbDraftStore _drafts;

    public LiteDbAssessmentSummaryStore(LiteDbStore store, LiteDbDraftStore drafts)
    {
        _store = store;
        _drafts = drafts;
        store.Collection(CollectionName).EnsureIndex(PartnershipField);
        store.Collection(CollectionName).EnsureIndex(LatestField);
    }

    public Task<bool> SubmitAsync(Draft submitted, AssessmentSummary summary, CancellationToken cancellationToken)
    {
        Check(summary);
        if (summary.DraftId != submitted.Id)
        {
            throw new ArgumentException($"The summary is of draft {summary.DraftId}, not {submitted.Id}.", nameof(summary));
        }

        return _drafts.SaveAsync(submitted, open: false, db => Add(db, summary), cancellationToken);
    }

    public Task<IReadOnlyList<AssessmentSummary>> OfPartnershipAsync(string partnershipId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AssessmentSummary>>(Newest(_store.Collection(CollectionName).Find(StoredDocument.Where(PartnershipField + " = @0", partnershipId))));

    public Task<IReadOnlyList<AssessmentSummary>> LatestOfEachAsync(bool withImprovements, CancellationToken cancellationToken)
    {
        var latest = _store.Collection(CollectionName).Find(StoredDocument.Where(LatestField + " = @0", true));
        return Task.FromResult<IReadOnlyList<AssessmentSummary>>(withImprovements ? Newest(latest) : Newest(latest.Select(d => StoredDocument.FromBson<Scores>(d).Summary())));
    }

    public Task<IReadOnlyList<AssessmentSummary>> LatestOfAsync(IReadOnlyCollection<string> partnershipIds, CancellationToken cancellationToken)
    {
        var collection = _store.Collection(CollectionName);
        var latest = partnershipIds.Distinct(StringComparer.Ordinal)
            .Select(id => collection.FindOne(StoredDocument.Where($"{PartnershipField} = @0 AND {LatestField} = @1", id, true)))
            .OfType<BsonDocument>();
        return Task.FromResult<IReadOnlyList<AssessmentSummary>>(Newest(latest));
    }

    public Task AddMissingAsync(IReadOnlyList<AssessmentSummary> summaries, CancellationToken cancellationToken)
    {
        foreach (var summary in summaries)
        {
            Check(summary);
        }

        var copy = summaries.ToList();
        return _store.WriteAsync(db =>
        {
            foreach (var summary in copy)
            {
                Add(db, summary);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>Stores a summary unless one with its id is stored, and moves the partnership's latest flag if it is newer.</summary>
    private static void Add(LiteDatabase db, AssessmentSummary summary)
    {
        var collection = db.GetCollection(CollectionName);
        if (collection.FindById(summary.DraftId) is not null)
        {
            return;
        }

        var current = collection.FindOne(StoredDocument.Where($"{PartnershipField} = @0 AND {LatestField} = @1", summary.PartnershipId, true));
        var newer = current is null || IsNewer(summary, current);
        if (newer && current is not null)
        {
            current[LatestField] = false;
            collection.Update(current);
        }

        collection.Insert(ToBson(summary, newer));
    }

    private static BsonDocument ToBson(AssessmentSummary summary, bool latest) =>
        StoredDocument.ToBson(summary.DraftId, 1, summary,
            (PartnershipField, summary.PartnershipId), (SubmittedField, summary.SubmittedAt.UtcTicks), (LatestField, latest));

    // Newest by submission time, then by id (the order PostgreSQL's query uses), so both backends pick the same one.
    private static bool IsNewer(AssessmentSummary summary, BsonDocument current)
    {
        var ticks = current[SubmittedField].AsInt64;
        return summary.SubmittedAt.UtcTicks > ticks
            || (summary.SubmittedAt.UtcTicks == ticks && string.CompareOrdinal(summary.DraftId, current["_id"].AsString) > 0);
    }

    private static List<AssessmentSummary> Newest(IEnumerable<BsonDocument> docs) => Newest(docs.Select(StoredDocument.FromBson<AssessmentSummary>));

    private static List<AssessmentSummary> Newest(IEnumerable<AssessmentSummary> summaries) =>
        [.. summaries.OrderByDescending(s => s.SubmittedAt.UtcTicks).ThenByDescending(s => s.DraftId, StringComparer.Ordinal)];

    /// <summary>A stored summary read without its improvement items (the JSON reader skips them without building them).</summary>
    private sealed record Scores(string DraftId, string PartnershipId, DateTimeOffset SubmittedAt, string AssessedBy, IReadOnlyList<HallmarkScore> Hallmarks)
    {
        public IReadOnlyList<int> SkippedHallmarks { get; init; } = [];

        public AssessmentSummary Summary() => new(DraftId, PartnershipId, SubmittedAt, AssessedBy, Hallmarks, []) { SkippedHallmarks = SkippedHallmarks };
    }

    private static void Check(AssessmentSummary summary)
    {
        ArgumentException.ThrowIfNullOrEmpty(summary.DraftId, nameof(summary));
        ArgumentException.ThrowIfNullOrEmpty(summary.PartnershipId, nameof(summary));
    }
}
