namespace PartnershipBot.Features.Register;

/// <summary>The register part of a unit of work (Storage.IUnitOfWork): a change to an entry commits with what it tells people.</summary>
internal interface IPartnershipWrites
{
    /// <summary>
    /// Saves the entry if the stored one is still at <paramref name="expectedVersion"/> (0 = new); it is stored at
    /// <paramref name="expectedVersion"/> + 1. Otherwise the whole unit fails.
    /// </summary>
    void Save(Partnership partnership, int expectedVersion);
}
