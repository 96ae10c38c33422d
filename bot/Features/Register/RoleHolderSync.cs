using Microsoft.Extensions.Options;

namespace PartnershipBot.Features.Register;

/// <summary>
/// At start, after seeding: every entry whose lead officer follows its role (<see cref="Partnership.LeadFollowsRole"/>)
/// gets the holder Register:RoleHolders names now, with a history line, so role holders configured after the first
/// run take effect. Says what it did, and which roles have nobody, once.
/// </summary>
internal sealed partial class RoleHolderSync(
    IPartnershipRepository repository,
    IOptions<RegisterOptions> options,
    TimeProvider time,
    ILogger<RoleHolderSync> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var updated = 0;
        var unheld = new SortedSet<string>(StringComparer.Ordinal);
        // One instant for the whole pass: a new holder's partnerships then share one LeadSince and one prompt card (issue 17.7).
        var now = time.GetUtcNow();
        foreach (var partnership in await repository.AllAsync(cancellationToken))
        {
            if (!FollowsRole(partnership))
            {
                continue;
            }

            var holder = options.Value.HolderOf(partnership.LeadRole);
            if (holder.Length == 0)
            {
                unheld.Add(partnership.LeadRole);
            }

            if (Follow(partnership, holder, now) is { } next && await repository.TrySaveAsync(next, partnership.Version, cancellationToken)
                && next.LeadOfficerId != partnership.LeadOfficerId)
            {
                updated++;
            }
        }

        if (updated > 0)
        {
            LogUpdated(logger, updated);
        }

        if (unheld.Count > 0)
        {
            LogUnheld(logger, string.Join(", ", unheld.Select(r => $"Register:RoleHolders:{r}")));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Seeded and never reassigned (entries seeded before the flag existed count too).</summary>
    public static bool FollowsRole(Partnership p) =>
        p.LeadFollowsRole
        || (p.History.Any(h => h.ByName == "Appendix 1") && !p.History.Any(h => h.What.StartsWith("Lead officer reassigned", StringComparison.Ordinal)));

    /// <summary>The entry led by <paramref name="holder"/>, or null when it already is.</summary>
    public static Partnership? Follow(Partnership p, string holder, DateTimeOffset now) =>
        p.LeadOfficerId == holder && p.LeadFollowsRole
            ? null
            : p with
            {
                LeadOfficerId = holder,
                LeadOfficerName = p.LeadOfficerId == holder ? p.LeadOfficerName : "",
                LeadFollowsRole = true,
                LeadSince = p.LeadOfficerId == holder ? p.LeadSince : now,
                History = p.LeadOfficerId == holder
                    ? p.History
                    : [.. p.History, new PartnershipChange("", "Register:RoleHolders", now,
                        holder.Length == 0 ? $"Lead officer cleared: no holder of {p.LeadRole} configured" : $"Lead officer follows the configured holder of {p.LeadRole}")],
            };

    [LoggerMessage(5003, LogLevel.Information, "Lead officer of {Count} seeded partnership(s) set to the holder of their role now configured in Register:RoleHolders")]
    private static partial void LogUpdated(ILogger logger, int count);

    [LoggerMessage(5004, LogLevel.Warning, "Seeded partnerships led by a role nobody holds have no lead officer until it is configured: {Settings}")]
    private static partial void LogUnheld(ILogger logger, string settings);
}
