namespace PartnershipBot.Features.Hallmarks;

/// <summary>A partnership as the self-assessment needs it.</summary>
internal sealed record PartnershipRef(string Id, string Name, string LeadOfficerId);

/// <summary>
/// The few register lookups the self-assessment needs. Kept small and owned here so this feature does not depend on
/// the whole register; an adapter over the register implements it.
/// </summary>
internal interface IPartnershipLookup
{
    Task<PartnershipRef?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Exact name matches (ignoring case) if any, else names containing the text.</summary>
    Task<IReadOnlyList<PartnershipRef>> FindByNameAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<PartnershipRef>> AllAsync(CancellationToken cancellationToken);

    /// <summary>Entra object id of the People and Policy Manager, or "" when not configured.</summary>
    string PpmUserId { get; }
}
