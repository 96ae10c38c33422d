using System.Net;
using System.Text;

namespace PartnershipBot.Notifications;

/// <summary>Readable HTML for notification e-mails. Everything given is text and is encoded; only this class writes markup.</summary>
internal static class EmailHtml
{
    /// <summary>A heading, an introduction, a table of facts and an optional closing line: the body of an outbox e-mail.</summary>
    public static string Summary(string heading, string introduction, IEnumerable<(string Label, string Value)> facts, string? closing = null)
    {
        var html = new StringBuilder();
        html.Append("<h2>").Append(Encode(heading)).Append("</h2>");
        html.Append("<p>").Append(Encode(introduction)).Append("</p>");
        html.Append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">");
        foreach (var (label, value) in facts)
        {
            html.Append("<tr><th align=\"left\" valign=\"top\">").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");
        }

        html.Append("</table>");
        if (!string.IsNullOrWhiteSpace(closing))
        {
            html.Append("<p>").Append(Encode(closing)).Append("</p>");
        }

        return html.ToString();
    }

    /// <summary>The full e-mail: the message's body and, when the bot's app id is known, a link that opens the bot's chat in Teams.</summary>
    public static string Document(string? body, string? botChatLink)
    {
        var html = new StringBuilder("<html><body style=\"font-family:Segoe UI,Arial,sans-serif\">");
        html.Append(body ?? "");
        if (botChatLink is not null)
        {
            html.Append("<p><a href=\"").Append(Encode(botChatLink)).Append("\">Open PartnershipBot in Microsoft Teams</a></p>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal);
}

/// <summary>Links into Microsoft Teams.</summary>
internal static class TeamsLinks
{
    /// <summary>Opens the user's 1:1 chat with the bot (Teams deep link "chat with the app": users=28:{bot app id}).</summary>
    public static string? BotChat(string? botAppId) =>
        string.IsNullOrWhiteSpace(botAppId) ? null : "https://teams.microsoft.com/l/chat/0/0?users=28:" + Uri.EscapeDataString(botAppId);
}
