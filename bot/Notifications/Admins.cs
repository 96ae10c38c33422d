using PartnershipBot.Turns;

namespace PartnershipBot.Notifications;

/// <summary>
/// Who may run the operators' commands ("outbox", "backup"): Notifications:AdminUserIds (the PPM is always one), by
/// the activity's Entra object id, and only from the organisation's own tenant when it is known.
/// </summary>
internal static class Admins
{
    public static bool Allow(TurnContext turn, NotificationsOptions options, GraphOptions graph) =>
        options.AdminUserIds.Contains(turn.UserId, StringComparer.OrdinalIgnoreCase)
        && (string.IsNullOrWhiteSpace(graph.TenantId) || string.Equals(turn.TenantId, graph.TenantId, StringComparison.OrdinalIgnoreCase));
}
