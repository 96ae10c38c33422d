using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Register;

/// <summary>Persisted register entries; implemented in Storage.</summary>
internal interface IPartnershipRepository
{
    Task<IReadOnlyList<Partnership>> AllAsync(CancellationToken cancellationToken);

    Task<Partnership?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Saves when the stored version is still <paramref name="expectedVersion"/> (0 = must not exist yet); the stored
    /// record gets version <paramref name="expectedVersion"/> + 1. False when someone else saved first.
    /// </summary>
    Task<bool> TrySaveAsync(Partnership partnership, int expectedVersion, CancellationToken cancellationToken);

    /// <summary>The same save with <paramref name="notifications"/> added to the outbox in one unit of work: both, or neither.</summary>
    Task<bool> TrySaveAsync(Partnership partnership, int expectedVersion, IReadOnlyList<OutboxMessage> notifications, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="seeds"/> and a "seeded" marker in one write, unless the marker is already there.
    /// Entries already stored under a seed's id are left untouched. True when this call seeded.
    /// </summary>
    Task<bool> SeedOnceAsync(IReadOnlyList<Partnership> seeds, CancellationToken cancellationToken);
}
