using LiteDB;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Storage;

/// <summary>Submissions in LiteDB; a save and its outbox messages commit together.</summary>
internal sealed class LiteDbSubmissionStore : ISubmissionStore
{
    private const string Submissions = "submissions";
    private readonly LiteDbStore store;
    private readonly TimeProvider time;
    private readonly OutboxSignal signal;

    public LiteDbSubmissionStore(LiteDbStore store, TimeProvider time, OutboxSignal signal)
    {
        this.store = store;
        this.time = time;
        this.signal = signal;
        store.Collection(Submissions).EnsureIndex("submitter");
        store.Collection(Submissions).EnsureIndex("publish");
        store.Collection(Submissions).EnsureIndex("status");
    }

    public Task<Submission?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var doc = store.Collection(Submissions).FindById(id);
        return Task.FromResult(doc is null ? null : StoredDocument.FromBson<Submission>(doc) with { Version = StoredDocument.VersionOf(doc) });
    }

    public Task<IReadOnlyList<Submission>> ListBySubmitterAsync(string submitterId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Submission>>(store.Collection(Submissions).Find(StoredDocument.Where("submitter = @0", submitterId))
            .Select(doc => StoredDocument.FromBson<Submission>(doc) with { Version = StoredDocument.VersionOf(doc) })
            .OrderByDescending(s => s.SubmittedAt)
            .ToList());

    public Task<IReadOnlyList<Submission>> ListOpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Submission>>(store.Collection(Submissions)
            .Find(StoredDocument.Where("status != @0 AND status != @1 AND status != @2",
                nameof(SubmissionStatus.Approved), nameof(SubmissionStatus.Rejected), nameof(SubmissionStatus.ChangesRequested)))
            .Select(doc => StoredDocument.FromBson<Submission>(doc) with { Version = StoredDocument.VersionOf(doc) })
            .OrderBy(s => s.SubmittedAt)
            .ToList());

    public Task<IReadOnlyList<Submission>> OutcomesToPublishAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Submission>>(store.Collection(Submissions).Find(StoredDocument.Where("publish = @0", true))
            .Select(doc => StoredDocument.FromBson<Submission>(doc) with { Version = StoredDocument.VersionOf(doc) })
            .ToList());

    public async Task<bool> TrySaveAsync(Submission submission, IReadOnlyList<OutboxMessage> notifications, IReadOnlyList<DuePrompt> prompts, CancellationToken cancellationToken)
    {
        var doc = StoredDocument.ToBson(submission.Id, submission.Version, submission,
            ("submitter", submission.Submitter.Id), ("status", submission.Status.ToString()),
            ("publish", submission.OutcomeToPublish));
        var now = time.GetUtcNow();
        var saved = await store.WriteAsync(db =>
        {
            if (!StoredDocument.TrySaveVersioned(db.GetCollection(Submissions), doc, submission.Version))
            {
                return false;
            }

            LiteDbOutbox.Add(db, notifications, now);
            LiteDbDuePromptStore.Add(db, prompts);
            return true;
        }, cancellationToken);
        if (saved && notifications.Count > 0)
        {
            signal.Notify();
        }

        return saved;
    }
}
