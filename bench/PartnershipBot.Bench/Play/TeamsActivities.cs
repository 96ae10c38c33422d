using System.Text.Json.Nodes;

namespace PartnershipBot.Bench.Play;

/// <summary>One simulated Teams user in their 1:1 chat with the bot: builds the activities Teams would post for them.</summary>
internal sealed class TeamsActivities(string serviceUrl, string userKey, string tenantId = "tenant-bench")
{
    private long _counter;

    public string AadObjectId { get; } = "aad-" + userKey;

    public string ConversationId { get; } = "a:personal-" + userKey;

    public string Name { get; } = "Officer " + userKey;

    /// <summary>A typed message.</summary>
    public JsonObject Message(string text)
    {
        var activity = New("message");
        activity["text"] = text;
        return activity;
    }

    /// <summary>An Action.Execute button press (adaptiveCard/action invoke) with the action's data, inputs merged.</summary>
    public JsonObject Invoke(string verb, JsonObject data)
    {
        var activity = New("invoke");
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>An activity as Teams shapes it, from this user, with a fresh activity id.</summary>
    public JsonObject New(string type) => new()
    {
        ["type"] = type,
        ["id"] = $"{userKey}-{Interlocked.Increment(ref _counter)}",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:" + AadObjectId, ["name"] = Name, ["aadObjectId"] = AadObjectId },
        ["conversation"] = new JsonObject { ["id"] = ConversationId, ["conversationType"] = "personal", ["tenantId"] = tenantId },
        ["recipient"] = new JsonObject { ["id"] = "28:bench-bot", ["name"] = "PartnershipBot" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
        ["locale"] = "en-GB",
    };
}
