using System.Net;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using PartnershipBot.Connector;

namespace PartnershipBot.Notifications;

/// <summary>
/// A card in the recipient's 1:1 chat with the bot. Someone who never opened the bot has no chat yet: the app is installed
/// for them through Graph when allowed (Teams then tells the bot, which keeps the chat) and the card waits; otherwise they are unreachable.
/// </summary>
internal sealed class ChatCardSender(ProactiveMessenger messenger, GraphAccess graph, IEnumerable<IChatCardContent> contents) : INotificationSender
{
    public OutboxKind Kind => OutboxKind.ChatCard;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var card = message.Payload ?? throw new InvalidOperationException($"Chat card {message.IdempotencyKey} has no card.");
        foreach (var content in contents)
        {
            if (await content.CurrentAsync(message, cancellationToken) is { } current)
            {
                card = current;
                break;
            }
        }
        var sent = await messenger.SendCardAsync(message.RecipientId, card, message.Body, cancellationToken);
        if (sent is not null)
        {
            return DeliveryResult.Delivered(sent);
        }

        if (!graph.IsConfigured || !graph.Options.InstallAppForUsers || string.IsNullOrWhiteSpace(graph.Options.TeamsAppId))
        {
            return DeliveryResult.NotReachable("Has not installed PartnershipBot in Teams");
        }

        var install = new UserScopeTeamsAppInstallation
        {
            AdditionalData = new Dictionary<string, object>
            {
                ["teamsApp@odata.bind"] = $"{graph.Options.BaseUrl.TrimEnd('/')}/appCatalogs/teamsApps/{graph.Options.TeamsAppId}",
            },
        };
        try
        {
            await graph.Client.Users[message.RecipientId].Teamwork.InstalledApps.PostAsync(install,
                r => r.Headers.Add("client-request-id", GraphAccess.RequestId(message.IdempotencyKey)), cancellationToken);
        }
        catch (ApiException ex) when (ex.ResponseStatusCode == (int)HttpStatusCode.Conflict)
        {
            // Already installed: Teams has not told the bot about the chat yet.
        }

        return DeliveryResult.WaitFor("Installed PartnershipBot for the recipient; waiting for Teams to open the chat");
    }
}
