using LiteDB;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>
/// A unit of work on LiteDB: writes are queued as closures and run together, in order, as one write of the
/// group-committed writer (so in one LiteDB transaction). A failed version check undoes the unit's earlier writes.
/// </summary>
internal sealed class LiteDbUnitOfWork(LiteDbStore store, TimeProvider time, CommitObservers observers)
    : IUnitOfWork, ISubmissionWrites, IOutboxWrites, IDuePromptWrites, IPartnershipWrites
{
    private readonly List<Func<LiteDatabase, bool>> _writes = [];
    private bool _outboxChanged;
    private bool _finished;

    public ISubmissionWrites Submissions => this;

    public IOutboxWrites Outbox => this;

    public IDuePromptWrites Prompts => this;

    public IPartnershipWrites Partnerships => this;

    /// <summary>
    /// Queues a write for the commit; <paramref name="write"/> returns false (having written nothing) when its
    /// optimistic check fails, which fails the whole unit. For stores of the LiteDB module.
    /// </summary>
    public void Enlist(Func<LiteDatabase, bool> write)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _writes.Add(write);
    }

    void ISubmissionWrites.Save(Submission submission)
    {
        var doc = LiteDbSubmissionStore.ToBson(submission);
        Enlist(db => StoredDocument.TrySaveVersioned(db.GetCollection(LiteDbSubmissionStore.CollectionName), doc, submission.Version));
    }

    void IPartnershipWrites.Save(Partnership partnership, int expectedVersion)
    {
        var doc = LiteDbPartnershipRepository.ToBson(partnership with { Version = expectedVersion + 1 });
        Enlist(db => StoredDocument.TrySaveVersioned(db.GetCollection(LiteDbPartnershipRepository.CollectionName), doc, expectedVersion));
    }

    void IOutboxWrites.Add(IReadOnlyList<OutboxMessage> messages)
    {
        LiteDbOutbox.Check(messages);
        if (messages.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var copy = messages.ToList();
        Enlist(db =>
        {
            LiteDbOutbox.Add(db, copy, now);
            return true;
        });
        _outboxChanged = true;
    }

    void IDuePromptWrites.Plan(IReadOnlyList<DuePrompt> prompts)
    {
        if (prompts.Count == 0)
        {
            return;
        }

        var copy = prompts.ToList();
        Enlist(db =>
        {
            LiteDbDuePromptStore.Add(db, copy);
            return true;
        });
    }

    public async Task<bool> CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        if (_writes.Count == 0)
        {
            return true;
        }

        var writes = _writes.ToArray();
        bool committed;
        try
        {
            committed = await store.WriteAsync(db => ApplyAll(db, writes), cancellationToken);
        }
        catch (VersionConflict)
        {
            committed = false;
        }

        if (committed)
        {
            observers.Committed(new CommitSummary(_outboxChanged));
        }

        return committed;
    }

    /// <summary>
    /// A conflict on the first write needs no undo (it wrote nothing); a later one throws so the writer rolls the
    /// transaction back (and commits the other callers of the batch without this unit).
    /// </summary>
    private static bool ApplyAll(LiteDatabase db, Func<LiteDatabase, bool>[] writes)
    {
        for (var i = 0; i < writes.Length; i++)
        {
            if (!writes[i](db))
            {
                return i == 0 ? false : throw new VersionConflict();
            }
        }

        return true;
    }

    public ValueTask DisposeAsync()
    {
        _finished = true;
        return ValueTask.CompletedTask;
    }

    private sealed class VersionConflict : Exception;
}
