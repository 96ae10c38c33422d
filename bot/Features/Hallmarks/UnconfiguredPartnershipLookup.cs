namespace PartnershipBot.Features.Hallmarks;

/// <summary>
/// Stands in until the partnership register is wired in: no partnerships, and the PPM from
/// <c>Register:RoleHolders:PPM</c>. Replace its registration with an adapter over the register.
/// </summary>
internal sealed class UnconfiguredPartnershipLookup(IConfiguration configuration) : IPartnershipLookup
{
    public string PpmUserId => configuration["Register:RoleHolders:PPM"] ?? "";

    public Task<PartnershipRef?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult<PartnershipRef?>(null);

    public Task<IReadOnlyList<PartnershipRef>> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PartnershipRef>>([]);

    public Task<IReadOnlyList<PartnershipRef>> AllAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PartnershipRef>>([]);
}
