using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PartnershipBot.Tests.Fakes;

namespace PartnershipBot.Tests.Harness;

/// <summary>
/// A person talking to the bot the way Teams relays them: activities posted to /api/messages with a signed
/// channel token, answers read from the invoke response or the fake connector.
/// </summary>
public sealed class TeamsUser(IBotUnderTest harness, string name, string aadObjectId)
{
    /// <summary>
    /// Process-wide, so two <see cref="TeamsUser"/> objects for one person never send the same activity id: a repeated
    /// id is a redelivery to the bot, which would replay its first answer and make a test pass for the wrong reason.
    /// </summary>
    private static long s_activityCounter;

    public string Name { get; } = name;

    public string AadObjectId { get; } = aadObjectId;

    /// <summary>Teams-style channel user id; deliberately not a GUID.</summary>
    public string ChannelUserId => "29:" + AadObjectId;

    public string ConversationId => "a:personal-" + AadObjectId;

    public string TenantId { get; set; } = harness.Options.TenantId;

    /// <summary>
    /// Says something and returns what the bot replied (the first message it sent back in reply to it). A proactive
    /// message that reached the chat first (the outbox dispatcher runs alongside the turn) stays for NextReplyAsync.
    /// </summary>
    public async Task<ConnectorCall> SayAsync(string text)
    {
        var message = Message(text);
        using var response = await SendAsync(message);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await NextReplyForAsync(message);
    }

    /// <summary>Clicks an Action.Execute button (found by title) on a card, with input values, and returns the card shown next.</summary>
    public async Task<JsonObject> ClickAsync(JsonObject card, string buttonTitle, IDictionary<string, string>? inputs = null) =>
        (await ClickShownAsync(card, buttonTitle, inputs)).Card;

    /// <summary>
    /// Sends an adaptiveCard/action invoke and returns the card the officer sees next: the one replacing the clicked
    /// card, or, when the bot leaves the clicked card as it was, the card it sent as a new message.
    /// </summary>
    public async Task<JsonObject> InvokeAsync(string verb, JsonObject data) => (await InvokeShownAsync(InvokeActivity(verb, data, "manual"))).Card;

    /// <summary>Clicks a button and says how its result was shown: in place of the clicked card, or as a new message.</summary>
    public Task<(JsonObject Card, bool InPlace)> ClickShownAsync(JsonObject card, string buttonTitle, IDictionary<string, string>? inputs = null) =>
        InvokeShownAsync(Click(card, buttonTitle, inputs));

    /// <summary>The invoke activity a click on the button (found by title) sends, with input values; not sent.</summary>
    public JsonObject Click(JsonObject card, string buttonTitle, IDictionary<string, string>? inputs = null)
    {
        var action = CardInspector.FindExecuteAction(card, buttonTitle)
            ?? throw new InvalidOperationException($"The card has no Action.Execute titled '{buttonTitle}'. Buttons: {string.Join(", ", CardInspector.ButtonTitles(card))}");
        var data = action["data"]?.DeepClone().AsObject() ?? new JsonObject();
        foreach (var (key, value) in inputs ?? new Dictionary<string, string>())
        {
            data[key] = value;
        }

        return InvokeActivity(action["verb"]!.GetValue<string>(), data, "manual");
    }

    private async Task<(JsonObject Card, bool InPlace)> InvokeShownAsync(JsonObject activity)
    {
        var (status, body) = await SendInvokeAsync(activity);
        Assert.Equal(HttpStatusCode.OK, status);
        if (body?["type"]?.GetValue<string>() == "application/vnd.microsoft.activity.message")
        {
            // The reply to this click, not whatever else reached the chat first (e.g. a notification for this person).
            var reply = await harness.Connector.NextReplyToAsync(ConversationId, activity["id"]!.GetValue<string>());
            return (reply.Card ?? throw new InvalidOperationException("The bot's new message has no card."), false);
        }

        Assert.Equal("application/vnd.microsoft.card.adaptive", body?["type"]?.GetValue<string>());
        return (body!["value"]!.AsObject(), true);
    }

    /// <summary>The next message the bot sent into this chat, passing over updates of cards already shown.</summary>
    public async Task<ConnectorCall> NextReplyAsync()
    {
        while (true)
        {
            var call = await harness.Connector.NextAsync(ConversationId);
            if (call.Kind != "update")
            {
                return call;
            }
        }
    }

    /// <summary>The bot's reply to one activity this person sent (not whatever else reached the chat first).</summary>
    public Task<ConnectorCall> NextReplyForAsync(JsonObject activity) =>
        harness.Connector.NextReplyToAsync(ConversationId, activity["id"]!.GetValue<string>());

    public Task<(HttpStatusCode Status, JsonObject? Body)> InvokeRawAsync(string verb, JsonObject data, string trigger = "manual") =>
        SendInvokeAsync(InvokeActivity(verb, data, trigger));

    private JsonObject InvokeActivity(string verb, JsonObject data, string trigger)
    {
        var activity = NewActivity("invoke");
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = trigger,
        };
        return activity;
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body)> SendInvokeAsync(JsonObject activity)
    {
        using var response = await SendAsync(activity);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)?.AsObject());
    }

    public JsonObject Message(string text)
    {
        var activity = NewActivity("message");
        activity["text"] = text;
        return activity;
    }

    /// <summary>An activity as Teams shapes it, from this user in their 1:1 chat with the bot.</summary>
    public JsonObject NewActivity(string type) => new()
    {
        ["type"] = type,
        ["id"] = $"{AadObjectId}-{Interlocked.Increment(ref s_activityCounter)}",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = harness.Connector.BaseUrl + "/",
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = ChannelUserId, ["name"] = Name, ["aadObjectId"] = AadObjectId },
        ["conversation"] = new JsonObject { ["id"] = ConversationId, ["conversationType"] = "personal", ["tenantId"] = TenantId },
        ["recipient"] = new JsonObject { ["id"] = "28:" + harness.Options.AppId, ["name"] = "PartnershipBot" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
        ["locale"] = "en-GB",
    };

    /// <summary>Posts an activity with a valid channel token (when the bot checks tokens).</summary>
    public Task<HttpResponseMessage> SendAsync(JsonObject activity, string? token = null) =>
        harness.Client.SendAsync(Request(activity.ToJsonString(), token ?? ValidToken(activity)));

    public HttpRequestMessage Request(string body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public string? ValidToken(JsonObject activity) => harness.Options.Authenticated
        ? FakeEntra.SignToken(harness.Entra.ChannelKey("channel-key-1"), FakeEntra.BotFrameworkIssuer, harness.Options.AppId,
            new Dictionary<string, object> { ["serviceurl"] = activity["serviceUrl"]?.GetValue<string>() ?? "" })
        : null;
}
