using PartnershipBot.Features.Hallmarks;

namespace PartnershipBot.Tests.Features.Hallmarks;

/// <summary>A register of a few partnerships, standing in for the partnership register.</summary>
internal sealed class FakePartnershipLookup(string ppmUserId, params PartnershipRef[] partnerships) : IPartnershipLookup
{
    public string PpmUserId => ppmUserId;

    public Task<PartnershipRef?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(partnerships.FirstOrDefault(p => p.Id == id));

    public Task<IReadOnlyList<PartnershipRef>> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        var exact = partnerships.Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return Task.FromResult<IReadOnlyList<PartnershipRef>>(exact.Count > 0
            ? exact
            : partnerships.Where(p => p.Name.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList());
    }

    public Task<IReadOnlyList<PartnershipRef>> AllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PartnershipRef>>(partnerships);
}
