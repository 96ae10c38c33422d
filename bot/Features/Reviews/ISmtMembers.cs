using Microsoft.Extensions.Options;
using PartnershipBot.Features.Approvals;
using PartnershipBot.People;

namespace PartnershipBot.Features.Reviews;

/// <summary>The Senior Management Team, who receive completed reviews (3.8, 4.3).</summary>
internal interface ISmtMembers
{
    Task<IReadOnlyList<string>> MemberIdsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// SMT as the Approvals settings define it, the one definition used everywhere: Approvals:SmtUserIds and the members
/// of Approvals:SmtGroupId (read through the people directory, which pages through Graph).
/// </summary>
internal sealed partial class ApprovalsSmtMembers(IOptions<ApprovalsOptions> options, IPeopleDirectory people, ILogger<ApprovalsSmtMembers> logger) : ISmtMembers
{
    public async Task<IReadOnlyList<string>> MemberIdsAsync(CancellationToken cancellationToken)
    {
        var ids = options.Value.SmtUserIds.Where(id => id.Length > 0).ToList();
        if (options.Value.SmtGroupId is { Length: > 0 } group)
        {
            try
            {
                ids.AddRange(await people.GetGroupMemberIdsAsync(group, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The configured ids still hear of the review; the group's members are missed this once, and logged.
                LogGroupFailed(logger, e);
            }
        }

        return ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    [LoggerMessage(5103, LogLevel.Warning, "The SMT group (Approvals:SmtGroupId) could not be read from the directory")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception);
}
