using System.Text.Json;
using PartnershipBot.Protocol;

namespace PartnershipBot.Turns;

/// <summary>
/// A card button press: from an Action.Execute invoke (adaptiveCard/action) or its Action.Submit fallback
/// (a message whose value carries the same data). Card data always repeats the verb, so both read alike.
/// </summary>
internal sealed record CardAction(string Verb, JsonElement Data, bool IsRefresh)
{
    public const string InvokeName = "adaptiveCard/action";

    public static CardAction? From(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            if (activity.Name != InvokeName
                || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object
                || !action.TryGetProperty("verb", out var verb) || verb.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : EmptyObject;
            var refresh = value.TryGetProperty("trigger", out var trigger) && trigger.ValueKind == JsonValueKind.String
                && trigger.GetString() == "automatic";
            return new CardAction(verb.GetString()!, data, refresh);
        }

        return activity.Type == ActivityTypes.Message
            && value.TryGetProperty("verb", out var submitVerb) && submitVerb.ValueKind == JsonValueKind.String
                ? new CardAction(submitVerb.GetString()!, value, IsRefresh: false)
                : null;
    }

    /// <summary>A string field of the data, or null when absent or not a string/number.</summary>
    public string? GetString(string name) =>
        Data.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        } : null;

    /// <summary>An integer field of the data (cards may send numbers as strings), or null.</summary>
    public int? GetInt(string name) =>
        int.TryParse(GetString(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
