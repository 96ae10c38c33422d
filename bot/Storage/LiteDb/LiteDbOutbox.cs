using LiteDB;
using PartnershipBot.Notifications;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>
/// The outbox in LiteDB: one document per message, keyed by its idempotency key, with status, due time and topic indexed.
/// Other writes add messages through a unit of work (<see cref="IUnitOfWork.Outbox"/>) so state and notification commit together.
/// </summary>
internal sealed class LiteDbOutbox(LiteDbStore store, CommitObservers observers, TimeProvider time) : IOutboxStore
{
    public const string CollectionName = "outbox";
    private const string StatusField = "status";
    private const string DueField = "due";
    private const string TopicField = "topic";
    private const string KindField = "kind";
    private readonly LeaseBook _leases = new();
    private readonly Lazy<Task> _indexes = new(() => store.WriteAsync(db =>
    {
        var outbox = db.GetCollection(CollectionName);
        outbox.EnsureIndex(StatusField);
        outbox.EnsureIndex(TopicField);
        return true;
    }, CancellationToken.None));

    /// <summary>Throws for a malformed message, before anything is queued or written.</summary>
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

    /// <summary>
    /// Adds messages whose key is not stored yet, inside a write closure of this module (same transaction); the
    /// caller tells <see cref="CommitObservers"/> once it has committed, so the dispatcher looks at once.
    /// </summary>
    public static void Add(LiteDatabase db, IEnumerable<OutboxMessage> messages, DateTimeOffset now)
    {
        var outbox = db.GetCollection(CollectionName);
        foreach (var message in messages)
        {
            Check([message]);
            var fresh = message with
            {
                Status = OutboxStatus.Pending,
                Attempts = 0,
                CreatedAt = message.CreatedAt == default ? now : message.CreatedAt,
                NextAttemptAt = message.NextAttemptAt == default ? now : message.NextAttemptAt,
            };

            // Version 0 = must not exist: a second enqueue of the same key leaves the first alone.
            StoredDocument.TrySaveVersioned(outbox, ToBson(fresh), expectedVersion: 0);
        }
    }

    public async Task EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        Check(messages);
        await _indexes.Value;
        var now = time.GetUtcNow();
        await store.WriteAsync(db =>
        {
            Add(db, messages, now);
            return true;
        }, cancellationToken);
        observers.Committed(CommitSummary.Outbox);
    }

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var due = Outbox()
            .Find(StoredDocument.Where($"{StatusField} = @0 AND {DueField} <= @1", nameof(OutboxStatus.Pending), now.UtcTicks))
            .Select(FromBson)
            .OrderBy(m => m.NextAttemptAt)
            .ThenBy(m => m.IdempotencyKey, StringComparer.Ordinal);
        return _leases.Claim(due, m => m.IdempotencyKey, max, owner, now, leaseUntil);
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var now = time.GetUtcNow();
        var next = Outbox().Find(Query.EQ(StatusField, nameof(OutboxStatus.Pending)))
            .Select(d => Math.Max(d[DueField].AsInt64, _leases.HeldUntil(d["_id"].AsString, now)?.UtcTicks ?? 0))
            .DefaultIfEmpty(long.MaxValue).Min();
        return next == long.MaxValue ? null : new DateTimeOffset(next, TimeSpan.Zero);
    }

    public Task<OutboxMessage?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(Outbox().FindById(idempotencyKey) is { } doc ? FromBson(doc) : null);

    public async Task<bool> SaveAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // Marked unreachable: its follow-up commits with the mark, so a restart cannot lose it.
        var followUp = message is { Status: OutboxStatus.Unreachable, IfUnreachable: { } next } ? next : null;
        var now = time.GetUtcNow();
        var saved = await store.WriteAsync(db =>
        {
            if (!StoredDocument.TrySaveVersioned(db.GetCollection(CollectionName), ToBson(message), message.Version))
            {
                return false;
            }

            if (followUp is not null)
            {
                Add(db, [followUp], now);
            }

            return true;
        }, cancellationToken);

        // Released once the result is committed, so no claim can read the message as still pending meanwhile.
        _leases.Release(message.IdempotencyKey);
        if (saved && followUp is not null)
        {
            observers.Committed(CommitSummary.Outbox);
        }

        return saved;
    }

    public Task<IReadOnlyList<OutboxMessage>> DeadLettersAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ByStatus(OutboxStatus.DeadLettered, topic: null));

    public async Task<bool> RequeueAsync(string idempotencyKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var requeued = await store.WriteAsync(db =>
        {
            var outbox = db.GetCollection(CollectionName);
            if (outbox.FindById(idempotencyKey) is not { } doc || FromBson(doc) is not { Status: OutboxStatus.DeadLettered } message)
            {
                return false;
            }

            var again = message with { Status = OutboxStatus.Pending, Attempts = 0, NextAttemptAt = now };
            return StoredDocument.TrySaveVersioned(outbox, ToBson(again), message.Version);
        }, cancellationToken);
        if (requeued)
        {
            observers.Committed(CommitSummary.Outbox);
        }

        return requeued;
    }

    public Task<IReadOnlyList<OutboxMessage>> SentChatCardsAsync(string topic, CancellationToken cancellationToken) =>
        Task.FromResult(ByStatus(OutboxStatus.Sent, topic).Where(m => m.Kind == OutboxKind.ChatCard).ToList() as IReadOnlyList<OutboxMessage>);

    public Task<IReadOnlyList<OutboxMessage>> ByTopicAsync(string topic, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboxMessage>>(Outbox().Find(StoredDocument.Where($"{TopicField} = @0", topic)).Select(FromBson).OrderBy(m => m.CreatedAt).ToList());

    public Task<IReadOnlyList<OutboxMessage>> UnreachableAsync(string topic, CancellationToken cancellationToken) =>
        Task.FromResult(ByStatus(OutboxStatus.Unreachable, topic));

    private IReadOnlyList<OutboxMessage> ByStatus(OutboxStatus status, string? topic)
    {
        var query = topic is null
            ? StoredDocument.Where($"{StatusField} = @0", status.ToString())
            : StoredDocument.Where($"{TopicField} = @0 AND {StatusField} = @1", topic, status.ToString());
        return Outbox().Find(query).Select(FromBson).OrderBy(m => m.CreatedAt).ToList();
    }

    private ILiteCollection<BsonDocument> Outbox() => store.Collection(CollectionName);

    private static BsonDocument ToBson(OutboxMessage message) => StoredDocument.ToBson(message.IdempotencyKey, message.Version, message,
        (StatusField, message.Status.ToString()),
        (DueField, message.NextAttemptAt.UtcTicks),
        (TopicField, message.Topic is null ? BsonValue.Null : message.Topic),
        (KindField, message.Kind.ToString()));

    private static OutboxMessage FromBson(BsonDocument doc) => StoredDocument.FromBson<OutboxMessage>(doc) with { Version = StoredDocument.VersionOf(doc) };
}
