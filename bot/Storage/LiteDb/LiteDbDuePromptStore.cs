using LiteDB;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>Due prompts in LiteDB ("due_prompts"), keyed by their idempotent key, with due time and state as query fields.</summary>
internal sealed class LiteDbDuePromptStore(LiteDbStore store) : IDuePromptStore
{
    private const string CollectionName = "due_prompts";
    private readonly LeaseBook _leases = new();

    public async Task PlanAsync(IReadOnlyList<DuePrompt> prompts, CancellationToken cancellationToken)
    {
        // Planners offer the same prompts on every pass: read first, so the common case writes nothing.
        var collection = store.Collection(CollectionName);
        var fresh = prompts.DistinctBy(p => p.Key).Where(p => collection.FindById(p.Key) is null).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        await store.WriteAsync(db =>
        {
            var target = db.GetCollection(CollectionName);
            foreach (var prompt in fresh.Where(p => target.FindById(p.Key) is null))
            {
                target.Insert(ToBson(prompt with { DoneAt = null, Attempts = 0 }));
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>Stores prompts whose key is not stored yet inside the caller's write closure, so they commit with the caller's change.</summary>
    public static void Add(LiteDatabase db, IEnumerable<DuePrompt> prompts)
    {
        var target = db.GetCollection(CollectionName);
        foreach (var prompt in prompts.Where(p => target.FindById(p.Key) is null))
        {
            target.Insert(ToBson(prompt with { DoneAt = null, Attempts = 0 }));
        }
    }

    public Task<IReadOnlyList<DuePrompt>> ClaimDueAsync(DateTimeOffset now, int max, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var due = store.Collection(CollectionName)
            .Find(StoredDocument.Where("done = @0 AND due <= @1", false, now.UtcTicks))
            .OrderBy(d => d["due"].AsInt64)
            .ThenBy(d => d["_id"].AsString, StringComparer.Ordinal)
            .Select(StoredDocument.FromBson<DuePrompt>);
        IReadOnlyList<DuePrompt> claimed = _leases.Claim(due, p => p.Key, max, owner, now, leaseUntil);
        return Task.FromResult(claimed);
    }

    public Task MarkDoneAsync(string key, DateTimeOffset doneAt, CancellationToken cancellationToken) =>
        Update(key, p => p.DoneAt is null ? p with { DoneAt = doneAt } : null, cancellationToken);

    public Task RetryLaterAsync(string key, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        Update(key, p => p.DoneAt is null ? p with { DueAt = retryAt, Attempts = p.Attempts + 1 } : null, cancellationToken);

    public Task CancelForSubjectAsync(string kind, string subjectId, DateTimeOffset at, CancellationToken cancellationToken) =>
        store.WriteAsync(db =>
        {
            var collection = db.GetCollection(CollectionName);
            var open = collection.Find(StoredDocument.Where("kind = @0 AND subject = @1 AND done = @2", kind, subjectId, false)).ToList();
            foreach (var doc in open)
            {
                collection.Update(ToBson(StoredDocument.FromBson<DuePrompt>(doc) with { DoneAt = at }));
            }

            return open.Count;
        }, cancellationToken);

    public Task<IReadOnlyList<DuePrompt>> ForSubjectAsync(string subjectId, CancellationToken cancellationToken)
    {
        IReadOnlyList<DuePrompt> prompts = store.Collection(CollectionName)
            .Find(StoredDocument.Where("subject = @0", subjectId))
            .Select(StoredDocument.FromBson<DuePrompt>)
            .OrderBy(p => p.DueAt)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(prompts);
    }

    private async Task Update(string key, Func<DuePrompt, DuePrompt?> change, CancellationToken cancellationToken)
    {
        await store.WriteAsync(db =>
        {
            var collection = db.GetCollection(CollectionName);
            if (collection.FindById(key) is { } doc && change(StoredDocument.FromBson<DuePrompt>(doc)) is { } updated)
            {
                collection.Update(ToBson(updated));
            }

            return true;
        }, cancellationToken);

        // Released once the change is committed, so no claim reads the prompt as still due meanwhile.
        _leases.Release(key);
    }

    private static BsonDocument ToBson(DuePrompt prompt) =>
        StoredDocument.ToBson(prompt.Key, 1, prompt,
            ("kind", prompt.Kind),
            ("subject", prompt.SubjectId),
            ("due", prompt.DueAt.UtcTicks),
            ("done", prompt.DoneAt is not null));
}
