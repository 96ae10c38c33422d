using LiteDB;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>Submissions in LiteDB; a save and its outbox messages and prompts commit together (one unit of work).</summary>
internal sealed class LiteDbSubmissionStore : ISubmissionStore
{
    public const string CollectionName = "submissions";
    private static readonly SubmissionStatus[] Waiting =
        [SubmissionStatus.Submitted, SubmissionStatus.AwaitingDivisionalHead, SubmissionStatus.UnderReview, SubmissionStatus.ReferredToExecutive];
    private readonly LiteDbStore store;
    private readonly IStorage storage;

    public LiteDbSubmissionStore(LiteDbStore store, IStorage storage)
    {
        this.store = store;
        this.storage = storage;
        store.Collection(CollectionName).EnsureIndex("submitter");
        store.Collection(CollectionName).EnsureIndex("publish");
        store.Collection(CollectionName).EnsureIndex("status");
    }

    public Task<Submission?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var doc = store.Collection(CollectionName).FindById(id);
        return Task.FromResult(doc is null ? null : Read(doc));
    }

    public Task<IReadOnlyList<Submission>> ListBySubmitterAsync(string submitterId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Submission>>(store.Collection(CollectionName).Find(StoredDocument.Where("submitter = @0", submitterId))
            .Select(Read)
            .OrderByDescending(s => s.SubmittedAt)
            .ToList());

    public Task<IReadOnlyList<Submission>> ListWaitingAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Submission>>(store.Collection(CollectionName)
            .Find(StoredDocument.Where("status = @0 OR status = @1 OR status = @2 OR status = @3", [.. Waiting.Select(w => new BsonValue(w.ToString()))]))
            .Select(Read)
            .OrderBy(s => s.SubmittedAt)
            .ToList());

    public Task<IReadOnlyList<Submission>> OutcomesToPublishAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Submission>>(store.Collection(CollectionName).Find(StoredDocument.Where("publish = @0", true))
            .Select(Read)
            .ToList());

    public async Task<bool> TrySaveAsync(Submission submission, IReadOnlyList<OutboxMessage> notifications, IReadOnlyList<DuePrompt> prompts, CancellationToken cancellationToken)
    {
        await using var work = await storage.BeginAsync(cancellationToken);
        work.Submissions.Save(submission);
        work.Outbox.Add(notifications);
        work.Prompts.Plan(prompts);
        return await work.CommitAsync(cancellationToken);
    }

    /// <summary>The stored form (the version is set by the versioned save).</summary>
    internal static BsonDocument ToBson(Submission submission) =>
        StoredDocument.ToBson(submission.Id, submission.Version, submission,
            ("submitter", submission.Submitter.Id), ("status", submission.Status.ToString()),
            ("publish", submission.OutcomeToPublish));

    private static Submission Read(BsonDocument doc) => StoredDocument.FromBson<Submission>(doc) with { Version = StoredDocument.VersionOf(doc) };
}
