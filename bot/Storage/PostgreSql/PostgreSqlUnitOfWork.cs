using Npgsql;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// A unit of work on PostgreSQL: writes are queued as statements, then sent at commit as one batch, which PostgreSQL
/// runs as one implicit transaction: one round trip, and no locks held while the turn thinks. A versioned write that
/// finds its record changed raises (migration 0007), which rolls it all back: the commit then answers false.
/// </summary>
internal sealed class PostgreSqlUnitOfWork(PostgreSqlDatabase database, TimeProvider time, CommitObservers observers, InstanceIdentity instance)
    : IUnitOfWork, ISubmissionWrites, IOutboxWrites, IDuePromptWrites, IPartnershipWrites
{
    private readonly List<NpgsqlBatchCommand> _writes = [];
    private bool _outboxChanged;
    private bool _finished;

    public ISubmissionWrites Submissions => this;

    public IOutboxWrites Outbox => this;

    public IDuePromptWrites Prompts => this;

    public IPartnershipWrites Partnerships => this;

    private void Enlist(NpgsqlBatchCommand write)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _writes.Add(write);
    }

    void ISubmissionWrites.Save(Submission submission) => Enlist(PostgreSqlSubmissionStore.SaveStatement(submission));

    void IPartnershipWrites.Save(Partnership partnership, int expectedVersion) =>
        Enlist(PostgreSqlPartnershipRepository.SaveStatement(partnership, expectedVersion));

    void IOutboxWrites.Add(IReadOnlyList<OutboxMessage> messages)
    {
        PostgreSqlOutbox.Check(messages);
        if (messages.Count == 0)
        {
            return;
        }

        foreach (var statement in PostgreSqlOutbox.AddStatements(messages, time.GetUtcNow()))
        {
            Enlist(statement);
        }

        _outboxChanged = true;
    }

    void IDuePromptWrites.Plan(IReadOnlyList<DuePrompt> prompts)
    {
        if (prompts.Count > 0)
        {
            Enlist(PostgreSqlDuePromptStore.AddStatement(prompts));
        }
    }

    public async Task<bool> CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        if (_writes.Count == 0)
        {
            return true;
        }

        // Borrowing the connection stores the turn's held writes first, on their own: this batch may still roll back.
        await using var lease = await database.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(lease.Connection);
        foreach (var write in _writes)
        {
            batch.BatchCommands.Add(write);
        }

        if (_outboxChanged)
        {
            batch.BatchCommands.Add(PostgreSqlOutbox.NotifyStatement(instance));
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.SerializationFailure)
        {
            // A versioned write found its record changed since it was read: nothing of the unit is stored.
            return false;
        }

        observers.Committed(new CommitSummary(_outboxChanged));
        return true;
    }

    public ValueTask DisposeAsync()
    {
        _finished = true;
        return ValueTask.CompletedTask;
    }
}
