using Microsoft.Extensions.Options;

namespace PartnershipBot.Features.Reviews;

/// <summary>The Senior Management Team, who receive completed reviews (3.8, 4.3).</summary>
internal interface ISmtMembers
{
    Task<IReadOnlyList<string>> MemberIdsAsync(CancellationToken cancellationToken);
}

/// <summary>SMT from the setting Reviews:SmtUserIds (until the approval feature names SMT in one place).</summary>
internal sealed class SettingsSmtMembers(IOptions<ReviewOptions> options) : ISmtMembers
{
    public Task<IReadOnlyList<string>> MemberIdsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(options.Value.SmtUserIds.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
}
