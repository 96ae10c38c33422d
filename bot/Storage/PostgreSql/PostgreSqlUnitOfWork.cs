using Npgsql;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// A unit of work on PostgreSQL: writes are queued, then run in order in one transaction at commit (so the
/// transaction is short and holds no locks while the turn thinks). A failed version check rolls it all back.
/// </summary>
internal sealed class PostgreSqlUnitOfWork(PostgreSqlDatabase database, TimeProvider time, CommitObservers observers, InstanceIdentity instance)
    : IUnitOfWork, ISubmissionWrites, IOutboxWrites, IDuePromptWrites, IPartnershipWrites
{
    private readonly List<Func<NpgsqlConnection, CancellationToken, Task<bool>>> _writes = [];
    private bool _outboxChanged;
    private bool _finished;

    public ISubmissionWrites Submissions => this;

    public IOutboxWrites Outbox => this;

    public IDuePromptWrites Prompts => this;

    public IPartnershipWrites Partnerships => this;

    /// <summary>Queues a write; it returns false when its optimistic check fails, which rolls the unit back.</summary>
    public void Enlist(Func<NpgsqlConnection, CancellationToken, Task<bool>> write)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _writes.Add(write);
    }

    void ISubmissionWrites.Save(Submission submission) => Enlist((c, ct) => PostgreSqlSubmissionStore.SaveAsync(c, submission, ct));

    void IPartnershipWrites.Save(Partnership partnership, int expectedVersion) =>
        Enlist((c, ct) => PostgreSqlPartnershipRepository.SaveAsync(c, partnership, expectedVersion, ct));

    void IOutboxWrites.Add(IReadOnlyList<OutboxMessage> messages)
    {
        PostgreSqlOutbox.Check(messages);
        if (messages.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var copy = messages.ToList();
        Enlist(async (c, ct) =>
        {
            await PostgreSqlOutbox.AddAsync(c, copy, now, ct);
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
        Enlist(async (c, ct) =>
        {
            await PostgreSqlDuePromptStore.AddAsync(c, copy, ct);
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

        var committed = await database.InTransactionAsync(async (connection, ct) =>
        {
            foreach (var write in _writes)
            {
                if (!await write(connection, ct))
                {
                    return false;
                }
            }

            if (_outboxChanged)
            {
                await PostgreSqlOutbox.NotifyAsync(connection, instance, ct);
            }

            return true;
        }, cancellationToken);
        if (committed)
        {
            observers.Committed(new CommitSummary(_outboxChanged));
        }

        return committed;
    }

    public ValueTask DisposeAsync()
    {
        _finished = true;
        return ValueTask.CompletedTask;
    }
}
