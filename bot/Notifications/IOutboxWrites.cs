namespace PartnershipBot.Notifications;

/// <summary>The outbox part of a unit of work (Storage.IUnitOfWork): messages commit with the state they are about.</summary>
internal interface IOutboxWrites
{
    /// <summary>Adds messages whose idempotency key is not stored yet; a malformed message throws at once.</summary>
    void Add(IReadOnlyList<OutboxMessage> messages);
}
