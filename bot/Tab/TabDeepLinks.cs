using System.Text.Json;

namespace PartnershipBot.Tab;

/// <summary>Teams deep links: to the tab's page of a partnership (subEntityId = its id) and to the chat with the bot.</summary>
internal static class TabDeepLinks
{
    /// <summary>The personal tab opened on a partnership, or null when the Teams app id is not configured.</summary>
    public static string? Partnership(string teamsAppId, string entityId, string partnershipId)
    {
        if (teamsAppId.Length == 0)
        {
            return null;
        }

        var context = JsonSerializer.Serialize(new Dictionary<string, string> { ["subEntityId"] = "partnership:" + partnershipId });
        return $"https://teams.microsoft.com/l/entity/{Uri.EscapeDataString(teamsAppId)}/{Uri.EscapeDataString(entityId)}?context={Uri.EscapeDataString(context)}";
    }

    /// <summary>The 1:1 chat with the bot, where journeys happen; null in development mode (no bot id).</summary>
    public static string? BotChat(string botAppId) =>
        string.IsNullOrWhiteSpace(botAppId) ? null : $"https://teams.microsoft.com/l/chat/0/0?users=28:{Uri.EscapeDataString(botAppId)}";
}
