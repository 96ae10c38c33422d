using Microsoft.Extensions.Options;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>The self-assessment's partnership lookups, answered by the register (ended partnerships are not assessed).</summary>
internal sealed class RegisterPartnershipLookup(IPartnershipRegister register, IOptions<RegisterOptions> options) : IPartnershipLookup
{
    public string PpmUserId => options.Value.PpmUserId;

    public async Task<PartnershipRef?> GetAsync(string id, CancellationToken cancellationToken) =>
        await register.FindAsync(id, cancellationToken) is { } p ? Ref(p) : null;

    public async Task<IReadOnlyList<PartnershipRef>> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        Current(await register.FindByNameAsync(name, cancellationToken));

    public async Task<IReadOnlyList<PartnershipRef>> AllAsync(CancellationToken cancellationToken) =>
        Current(await register.AllAsync(cancellationToken));

    private static List<PartnershipRef> Current(IEnumerable<Partnership> partnerships) =>
        partnerships.Where(p => p.Status != PartnershipStatus.Ended).Select(Ref).ToList();

    private static PartnershipRef Ref(Partnership p) => new(p.Id, p.Name, p.LeadOfficerId);
}
