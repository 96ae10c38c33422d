using System.Text.Json.Nodes;
using PartnershipBot.Connector;
using PartnershipBot.Protocol;

namespace PartnershipBot.Turns;

/// <summary>One inbound activity being handled: who sent it, and how to answer.</summary>
/// <param name="beforeSending">Runs before anything is sent: stores what the turn holds back (<see cref="ITurnEntry.StoreHeldWritesAsync"/>).</param>
internal sealed class TurnContext(Activity activity, IServiceProvider services, ConnectorClient connector, Func<CancellationToken, Task>? beforeSending = null)
{
    public Activity Activity { get; } = activity;

    public IServiceProvider Services { get; } = services;

    /// <summary>
    /// The sender's Entra object id, as the channel gives it (Teams does); empty when it is missing. Never the channel
    /// user id (from.id): anyone can put any from.id in an activity, so it is not an identity. Opaque.
    /// </summary>
    public string UserId { get; } = activity.From?.AadObjectId?.Trim() ?? "";

    /// <summary>True when the activity names its sender's Entra object id: required for anything beyond the welcome.</summary>
    public bool HasIdentity => UserId.Length > 0;

    public string UserName => Activity.From?.Name ?? "";

    public string? TenantId => Activity.TenantId;

    /// <summary>The sender as the query and command services take it.</summary>
    public Features.Partnerships.Caller Caller => new(UserId, TenantId ?? "", UserName);

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public Task<ResourceResponse> SendTextAsync(string text, CancellationToken cancellationToken) =>
        SendAsync(Activity.CreateReply(text), cancellationToken);

    public Task<ResourceResponse> SendCardAsync(JsonObject card, CancellationToken cancellationToken)
    {
        var reply = Activity.CreateReply();
        reply.Attachments = [Attachment.AdaptiveCard(card)];
        return SendAsync(reply, cancellationToken);
    }

    /// <summary>Replaces a card the bot sent earlier in this conversation (e.g. a question answered by a typed message).</summary>
    public async Task<ResourceResponse> UpdateCardAsync(string activityId, JsonObject card, CancellationToken cancellationToken)
    {
        var update = Activity.CreateReply();
        update.Id = activityId;
        update.ReplyToId = null;
        update.Attachments = [Attachment.AdaptiveCard(card)];
        await BeforeSendingAsync(cancellationToken);
        return await connector.UpdateActivityAsync(Activity.ServiceUrl ?? "", Activity.Conversation?.Id ?? "", activityId, update, cancellationToken);
    }

    public async Task<ResourceResponse> SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        await BeforeSendingAsync(cancellationToken);
        return await connector.ReplyToActivityAsync(reply, cancellationToken);
    }

    // A reply acknowledges what the turn stored: whatever it holds back is stored first.
    private Task BeforeSendingAsync(CancellationToken cancellationToken) => beforeSending?.Invoke(cancellationToken) ?? Task.CompletedTask;
}
