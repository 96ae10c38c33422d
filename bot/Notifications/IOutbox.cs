namespace PartnershipBot.Notifications;

/// <summary>
/// Enqueues notifications for background delivery. Features that must change state and notify atomically
/// do both in one storage write through their own repository (which writes to the same outbox collection).
/// </summary>
internal interface IOutbox
{
    /// <summary>Adds messages not already present (by idempotency key); completes once committed.</summary>
    Task EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken);

    /// <summary>Chat cards about <paramref name="topic"/> that were delivered, with where they landed, so each copy can be updated in place.</summary>
    Task<IReadOnlyList<OutboxMessage>> SentChatCardsAsync(string topic, CancellationToken cancellationToken);

    /// <summary>Every message about <paramref name="topic"/> whatever its status, oldest first (a proposal's History view).</summary>
    Task<IReadOnlyList<OutboxMessage>> ByTopicAsync(string topic, CancellationToken cancellationToken);

    /// <summary>Messages about <paramref name="topic"/> whose recipient could not be reached, so the submitter can be told who.</summary>
    Task<IReadOnlyList<OutboxMessage>> UnreachableAsync(string topic, CancellationToken cancellationToken);
}

/// <summary>What the dispatcher and the "outbox" command need beyond <see cref="IOutbox"/>.</summary>
internal interface IOutboxStore : IOutbox
{
    /// <summary>
    /// Claims up to <paramref name="max"/> pending messages due by <paramref name="now"/> that no live lease holds, oldest
    /// due first, for <paramref name="owner"/> until <paramref name="leaseUntil"/>: no other claimer gets them until the
    /// lease ends (then a crashed owner's messages are taken over). Saving a message's result releases its lease.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>When the earliest pending message can next be claimed (due, and its lease ended), or null when nothing is pending.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);

    Task<OutboxMessage?> FindAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Saves the message's new state if its stored version is still <see cref="OutboxMessage.Version"/>; false when it changed meanwhile.</summary>
    Task<bool> SaveAsync(OutboxMessage message, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxMessage>> DeadLettersAsync(CancellationToken cancellationToken);

    /// <summary>Puts a dead-lettered message back to Pending with fresh attempts, due now; false when it is not dead-lettered.</summary>
    Task<bool> RequeueAsync(string idempotencyKey, DateTimeOffset now, CancellationToken cancellationToken);
}
