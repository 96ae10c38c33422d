namespace PartnershipBot.Notifications;

/// <summary>
/// Enqueues notifications for background delivery. Features that must change state and notify atomically
/// do both in one storage write through their own repository (which writes to the same outbox collection).
/// </summary>
internal interface IOutbox
{
    /// <summary>Adds messages not already present (by idempotency key); completes once committed.</summary>
    Task EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken);
}
