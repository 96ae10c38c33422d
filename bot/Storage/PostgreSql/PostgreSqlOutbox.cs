using Npgsql;
using PartnershipBot.Notifications;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>The outbox in PostgreSQL: one row per message, keyed by its idempotency key; status, due time and topic are columns.</summary>
internal sealed class PostgreSqlOutbox(PostgreSqlDatabase database, IStorage storage, CommitObservers observers, InstanceIdentity instance, TimeProvider time)
    : IOutboxStore
{
    /// <summary>The NOTIFY channel that wakes every instance's dispatcher (<see cref="PostgreSqlOutboxListener"/>); the payload names the writer.</summary>
    public const string Channel = "partnershipbot_outbox";

    private const string Columns = "SELECT doc, version FROM outbox";

    /// <summary>
    /// Tells the other instances' dispatchers that the outbox changed: on the caller's transaction, so PostgreSQL
    /// delivers it only if (and once) the change commits. The payload is the writer, whose own after-commit hook wakes it.
    /// </summary>
    public static async Task NotifyAsync(NpgsqlConnection connection, InstanceIdentity writer, CancellationToken cancellationToken) =>
        await PostgreSqlDatabase.ExecuteAsync(connection, NotifySql, cancellationToken, Channel, writer.Id);

    /// <summary>The statement of <see cref="NotifyAsync"/>, for a unit of work's batch.</summary>
    public static NpgsqlBatchCommand NotifyStatement(InstanceIdentity writer) => PostgreSqlDatabase.BatchCommand(NotifySql, Channel, writer.Id);

    private const string NotifySql = "SELECT pg_notify($1, $2)";

    public static void Check(IEnumerable<OutboxMessage> messages)
    {
        foreach (var message in messages)
        {
            if (OutboxRules.Problem(message) is { } problem)
            {
                throw new ArgumentException(problem, nameof(messages));
            }
        }
    }

    /// <summary>Adds messages whose key is not stored yet (a second enqueue of a key leaves the first alone), on the caller's transaction.</summary>
    public static async Task AddAsync(NpgsqlConnection connection, IEnumerable<OutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in AddStatements(messages, now))
        {
            batch.BatchCommands.Add(statement);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The statements of <see cref="AddAsync"/> (one a message), for a unit of work's batch.</summary>
    public static IEnumerable<NpgsqlBatchCommand> AddStatements(IEnumerable<OutboxMessage> messages, DateTimeOffset now)
    {
        foreach (var message in messages)
        {
            var fresh = message with
            {
                Status = OutboxStatus.Pending,
                Attempts = 0,
                CreatedAt = message.CreatedAt == default ? now : message.CreatedAt,
                NextAttemptAt = message.NextAttemptAt == default ? now : message.NextAttemptAt,
                Version = 1,
            };
            yield return PostgreSqlDatabase.BatchCommand(
                """
                INSERT INTO outbox (key, version, doc, status, kind, topic, due_ticks, created_ticks)
                VALUES ($1, 1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key) DO NOTHING
                """,
                fresh.IdempotencyKey, Jsonb.Of(fresh), fresh.Status.ToString(), fresh.Kind.ToString(), fresh.Topic, fresh.NextAttemptAt.UtcTicks, fresh.CreatedAt.UtcTicks);
        }
    }

    /// <summary>Inserts a message as it is (status, attempts, version: moving a LiteDB file), on the caller's transaction; no lease.</summary>
    public static Task<int> InsertAsIsAsync(NpgsqlConnection connection, OutboxMessage message, CancellationToken cancellationToken) =>
        PostgreSqlDatabase.ExecuteAsync(connection,
            "INSERT INTO outbox (key, version, doc, status, kind, topic, due_ticks, created_ticks) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            cancellationToken,
            message.IdempotencyKey, message.Version, Jsonb.Of(message), message.Status.ToString(), message.Kind.ToString(), message.Topic,
            message.NextAttemptAt.UtcTicks, message.CreatedAt.UtcTicks);

    public async Task EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        await using var work = await storage.BeginAsync(cancellationToken);
        work.Outbox.Add(messages);
        await work.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// One statement: rows locked by a concurrent claim are skipped (never waited for, never double-claimed); a lease
    /// that ended is taken over. The version is left alone so the owner's result save is the one version check.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        (await database.DocumentsAsync<OutboxMessage>(
            """
            UPDATE outbox o SET lease_owner = $3, lease_until_ticks = $4
            FROM (SELECT key FROM outbox
                  WHERE status = 'Pending' AND due_ticks <= $1 AND (lease_until_ticks IS NULL OR lease_until_ticks <= $1)
                  ORDER BY due_ticks, key LIMIT $2 FOR UPDATE SKIP LOCKED) c
            WHERE o.key = c.key
            RETURNING o.doc, o.version
            """,
            WithVersion, cancellationToken, now.UtcTicks, max, owner, leaseUntil.UtcTicks))
        .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.IdempotencyKey, StringComparer.Ordinal).ToList();

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) =>
        await database.ScalarAsync("SELECT min(greatest(due_ticks, coalesce(lease_until_ticks, 0))) FROM outbox WHERE status = 'Pending'", cancellationToken) is long ticks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;

    public async Task<OutboxMessage?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        (await database.QueryDocumentsAsync<OutboxMessage>($"{Columns} WHERE key = $1", WithVersion, cancellationToken, idempotencyKey)).SingleOrDefault();

    public async Task<bool> SaveAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // Marked unreachable: its follow-up commits with the mark, so a restart cannot lose it.
        var followUp = message is { Status: OutboxStatus.Unreachable, IfUnreachable: { } next } ? next : null;
        var now = time.GetUtcNow();
        var saved = await database.InTransactionAsync(async (connection, ct) =>
        {
            if (!await UpdateAsync(connection, message, ct))
            {
                return false;
            }

            if (followUp is not null)
            {
                await AddAsync(connection, [followUp], now, ct);
                await NotifyAsync(connection, instance, ct);
            }

            return true;
        }, cancellationToken);
        if (saved && followUp is not null)
        {
            observers.Committed(CommitSummary.Outbox);
        }

        return saved;
    }

    public async Task<IReadOnlyList<OutboxMessage>> DeadLettersAsync(CancellationToken cancellationToken) =>
        await ByStatusAsync(OutboxStatus.DeadLettered, topic: null, cancellationToken);

    public async Task<IReadOnlyList<OutboxMessage>> SkippedAsync(CancellationToken cancellationToken) =>
        await ByStatusAsync(OutboxStatus.Skipped, topic: null, cancellationToken);

    public async Task<bool> RequeueAsync(string idempotencyKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var requeued = await database.InTransactionAsync(async (connection, ct) =>
        {
            var found = await PostgreSqlDatabase.DocumentsAsync<OutboxMessage>(connection, $"{Columns} WHERE key = $1 FOR UPDATE", WithVersion, ct, idempotencyKey);
            if (found is not [{ Status: OutboxStatus.DeadLettered } message]
                || !await UpdateAsync(connection, message with { Status = OutboxStatus.Pending, Attempts = 0, NextAttemptAt = now }, ct))
            {
                return false;
            }

            await NotifyAsync(connection, instance, ct);
            return true;
        }, cancellationToken);
        if (requeued)
        {
            observers.Committed(CommitSummary.Outbox);
        }

        return requeued;
    }

    public async Task<IReadOnlyList<OutboxMessage>> SentChatCardsAsync(string topic, CancellationToken cancellationToken) =>
        (await ByStatusAsync(OutboxStatus.Sent, topic, cancellationToken)).Where(m => m.Kind == OutboxKind.ChatCard).ToList();

    public async Task<IReadOnlyList<OutboxMessage>> ByTopicAsync(string topic, CancellationToken cancellationToken) =>
        (await database.QueryDocumentsAsync<OutboxMessage>($"{Columns} WHERE topic = $1", WithVersion, cancellationToken, topic)).OrderBy(m => m.CreatedAt).ToList();

    public async Task<IReadOnlyList<OutboxMessage>> UnreachableAsync(string topic, CancellationToken cancellationToken) =>
        await ByStatusAsync(OutboxStatus.Unreachable, topic, cancellationToken);

    /// <summary>Saves the message's new state if its stored version is still <see cref="OutboxMessage.Version"/>.</summary>
    private static async Task<bool> UpdateAsync(NpgsqlConnection connection, OutboxMessage message, CancellationToken cancellationToken)
    {
        var stored = message with { Version = message.Version + 1 };
        return await PostgreSqlDatabase.ExecuteAsync(connection,
            """
            UPDATE outbox SET version = $2, doc = $3, status = $4, kind = $5, topic = $6, due_ticks = $7, lease_owner = NULL, lease_until_ticks = NULL
            WHERE key = $1 AND version = $8
            """,
            cancellationToken,
            message.IdempotencyKey, stored.Version, Jsonb.Of(stored), message.Status.ToString(), message.Kind.ToString(), message.Topic,
            message.NextAttemptAt.UtcTicks, message.Version) == 1;
    }

    private async Task<List<OutboxMessage>> ByStatusAsync(OutboxStatus status, string? topic, CancellationToken cancellationToken) =>
        (topic is null
            ? await database.QueryDocumentsAsync<OutboxMessage>($"{Columns} WHERE status = $1", WithVersion, cancellationToken, status.ToString())
            : await database.QueryDocumentsAsync<OutboxMessage>($"{Columns} WHERE topic = $1 AND status = $2", WithVersion, cancellationToken, topic, status.ToString()))
        .OrderBy(m => m.CreatedAt).ToList();

    private static OutboxMessage WithVersion(OutboxMessage message, int version) => message with { Version = version };
}
