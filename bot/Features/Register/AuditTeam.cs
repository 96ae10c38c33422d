using Microsoft.Extensions.Options;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Hosting;
using PartnershipBot.People;

namespace PartnershipBot.Features.Register;

/// <summary>
/// The Audit &amp; Performance Management team (4.4-4.5): the ids of Register:RoleHolders:APM and the members of
/// Register:ApmGroupId, read through the directory (which pages through Graph) and kept for a few minutes so a turn
/// does not ask Graph each time. Decided from the caller's object id and tenant only, never from card data.
/// </summary>
internal sealed partial class AuditTeam(
    IOptions<RegisterOptions> options, IOptions<BotOptions> bot, IPeopleDirectory people, TimeProvider time, ILogger<AuditTeam> logger)
{
    /// <summary>The Register:RoleHolders key naming the team.</summary>
    public const string RoleKey = "APM";

    /// <summary>How long the group's members are reused before Graph is asked again.</summary>
    public static readonly TimeSpan GroupCacheDuration = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (IReadOnlyList<string> Ids, DateTimeOffset Expires)? _group;

    /// <summary>Whether the caller is on the team: a configured id or a member of the group, in the bot's own tenant.</summary>
    public async Task<bool> IsMemberAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!IsInBotTenant(caller))
        {
            return false;
        }

        return (await MemberIdsAsync(cancellationToken)).Contains(caller.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A single-tenant bot serves its own tenant's people only: an object id alone is not enough across tenants.</summary>
    public bool IsInBotTenant(Caller caller) =>
        caller.Id.Length > 0
        && (bot.Value.MicrosoftAppTenantId is not { Length: > 0 } tenant || string.Equals(caller.TenantId, tenant, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The People and Policy Manager or a member of the team (in the bot's tenant): who may run the Audit Committee
    /// report and record what the committees said (4.4-4.6).
    /// </summary>
    public async Task<bool> IsMemberOrPpmAsync(Caller caller, CancellationToken cancellationToken) =>
        IsInBotTenant(caller) && (options.Value.IsPpm(caller.Id) || await IsMemberAsync(caller, cancellationToken));

    /// <summary>Everyone on the team: the configured ids and the group's current members.</summary>
    public async Task<IReadOnlyList<string>> MemberIdsAsync(CancellationToken cancellationToken)
    {
        var ids = options.Value.ApmUserIds.ToList();
        if (options.Value.ApmGroupId.Trim() is { Length: > 0 } group)
        {
            ids.AddRange(await GroupMembersAsync(group, cancellationToken));
        }

        return ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task<IReadOnlyList<string>> GroupMembersAsync(string group, CancellationToken cancellationToken)
    {
        if (_group is { } cached && cached.Expires > time.GetUtcNow())
        {
            return cached.Ids;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_group is { } again && again.Expires > time.GetUtcNow())
            {
                return again.Ids;
            }

            var ids = await people.GetGroupMemberIdsAsync(group, cancellationToken);
            _group = (ids, time.GetUtcNow() + GroupCacheDuration);
            return ids;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The configured ids still work; the group's members are refused this once (never let in on a failure), and logged.
            LogGroupFailed(logger, e);
            return _group?.Ids ?? [];
        }
        finally
        {
            _refresh.Release();
        }
    }

    [LoggerMessage(5010, LogLevel.Warning, "The A&PM group (Register:ApmGroupId) could not be read from the directory")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception);
}
