using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnershipBot.Protocol;

/// <summary>A Bot Framework activity: the typed fields the bot reads, with everything else kept as raw JSON.</summary>
internal sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Name { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Locale { get; set; }
    public string? ReplyToId { get; set; }
    public string? Action { get; set; }
    public string? Summary { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<Attachment>? Attachments { get; set; }

    /// <summary>Card input and action data, kept raw: only the handler that owns a verb interprets it.</summary>
    public JsonElement? Value { get; set; }

    /// <summary>Channel-specific data (for Teams: tenant, team, notification), kept raw.</summary>
    public JsonElement? ChannelData { get; set; }

    /// <summary>Fields this bot does not model, kept so nothing is lost when an activity is echoed or stored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>The tenant the activity came from: Teams puts it in channelData.tenant.id and conversation.tenantId.</summary>
    public string? TenantId =>
        Conversation?.TenantId
        ?? (ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("tenant", out var tenant)
            && tenant.ValueKind == JsonValueKind.Object
            && tenant.TryGetProperty("id", out var id)
            && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null);

    /// <summary>Creates a message addressed back to the sender of this activity, in the same conversation.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Conversation = Conversation,
        From = Recipient,
        Recipient = From,
        ReplyToId = Id,
        Text = text,
        Locale = Locale,
    };
}

/// <summary>Activity type names of the Bot Framework protocol.</summary>
internal static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
}

/// <summary>A user or bot in a conversation. Ids are opaque strings: never parsed as GUIDs.</summary>
internal sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The conversation an activity belongs to.</summary>
internal sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public bool? IsGroup { get; set; }
    public string? Name { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>An attachment; for Adaptive Cards the content is the card JSON.</summary>
internal sealed class Attachment
{
    public string? ContentType { get; set; }
    public JsonElement? Content { get; set; }
    public string? Name { get; set; }

    /// <summary>An Adaptive Card as a message attachment.</summary>
    public static Attachment AdaptiveCard(System.Text.Json.Nodes.JsonObject card) => new()
    {
        ContentType = InvokeResponse.AdaptiveCardContentType,
        Content = JsonSerializer.SerializeToElement(card, ProtocolJson.Default.JsonObject),
    };
}
