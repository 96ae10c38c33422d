using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnershipBot.Protocol;

/// <summary>Source-generated JSON for the protocol types: camelCase, nulls omitted, as the Bot Connector expects.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    AllowTrailingCommas = false,
    MaxDepth = 64)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class ProtocolJson : JsonSerializerContext
{
    /// <summary>Reads an activity; returns null with a short reason when the body is not one.</summary>
    public static Activity? ReadActivity(ReadOnlySpan<byte> body, out string? error)
    {
        try
        {
            var activity = JsonSerializer.Deserialize(body, Default.Activity);
            if (activity is null)
            {
                error = "The body is not an activity.";
                return null;
            }

            if (string.IsNullOrWhiteSpace(activity.Type))
            {
                error = "The activity has no type.";
                return null;
            }

            error = null;
            return activity;
        }
        catch (JsonException)
        {
            error = "The body is not valid activity JSON.";
            return null;
        }
    }
}

/// <summary>Body of POST /v3/conversations: who to open a 1:1 chat with.</summary>
internal sealed class ConversationParameters
{
    public bool IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public string? TenantId { get; set; }
    public JsonElement? ChannelData { get; set; }
}
