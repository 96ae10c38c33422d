using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnershipBot.Connector;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Endpoints;

/// <summary>POST /api/messages: what it accepts, what it refuses, and that it never answers 500.</summary>
public sealed class MessagesEndpointTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    // Post_PlaygroundStyleNonGuidIds_AreHandled's activity names this tenant.
    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(o => o.Settings["Bot:AllowedTenantIds:1"] = "tenant-id");

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body)> PostRawAsync(string body, TeamsUser user)
    {
        // Sign as if for a well-formed activity: these tests are about the body, not the token.
        var token = user.ValidToken(user.Message("x"));
        using var response = await _bot.Client.SendAsync(user.Request(body, token));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"type\": 42}")]
    [InlineData("")]
    public async Task Post_MalformedJson_Returns400WithShortReason(string body)
    {
        var (status, text) = await PostRawAsync(body, _bot.User("Alice"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.InRange(text.Length, 1, 200);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task Post_MissingType_Returns400()
    {
        var activity = _bot.User("Alice").Message("help");
        activity.Remove("type");
        var (status, text) = await PostRawAsync(activity.ToJsonString(), _bot.User("Alice"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("type", text);
    }

    [Fact]
    public async Task Post_BodyOverLimit_Returns413()
    {
        var activity = _bot.User("Alice").Message(new string('x', 300 * 1024));
        var (status, _) = await PostRawAsync(activity.ToJsonString(), _bot.User("Alice"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task Post_UnknownFieldsEverywhere_AreTolerated()
    {
        var alice = _bot.User("Alice");
        var activity = alice.Message("help");
        activity["someFutureField"] = new JsonObject { ["nested"] = new JsonArray(1, 2, 3) };
        activity["from"]!["extra"] = "x";
        activity["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-GB" });
        using var response = await alice.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("New partnership", (await _bot.Connector.NextAsync(alice.ConversationId)).Shown, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("messageReaction")]
    [InlineData("typing")]
    [InlineData("endOfConversation")]
    [InlineData("somethingNew")]
    public async Task Post_OtherActivityTypes_AreAcknowledgedAndIgnored(string type)
    {
        var alice = _bot.User("Alice");
        using var response = await alice.SendAsync(alice.NewActivity(type));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task Post_GetMethod_Returns405()
    {
        using var response = await _bot.Client.GetAsync("/api/messages");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownInvokeName_Returns501NotA500()
    {
        var alice = _bot.User("Alice");
        var invoke = alice.NewActivity("invoke");
        invoke["name"] = "task/fetch";
        using var response = await alice.SendAsync(invoke);
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Post_InvokeWithUnknownVerb_AnswersWithACardInline()
    {
        var alice = _bot.User("Alice");
        var card = await alice.InvokeAsync("no.such.verb", new JsonObject { ["verb"] = "no.such.verb" });
        Assert.Contains("no longer available", CardInspector.AllText(card));
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task Post_InvokeWithMalformedActionValue_Returns200WithErrorBody()
    {
        var alice = _bot.User("Alice");
        var invoke = alice.NewActivity("invoke");
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject { ["action"] = "not an object" };
        using var response = await alice.SendAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_SameActivityIdTwice_IsProcessedOnce()
    {
        var alice = _bot.User("Alice");
        var activity = alice.Message("help");
        using (var first = await alice.SendAsync(activity)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await alice.SendAsync(activity)) Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(_bot.Connector.Drain(alice.ConversationId));
    }

    [Fact]
    public async Task Post_ValueAndChannelData_AreKeptRaw()
    {
        var alice = _bot.User("Alice");
        var activity = alice.Message("help");
        activity["value"] = new JsonObject { ["a"] = new JsonArray(1, "two", null) };
        var parsed = PartnershipBot.Protocol.ProtocolJson.ReadActivity(Encoding.UTF8.GetBytes(activity.ToJsonString()), out _)!;
        Assert.Equal("""{"a":[1,"two",null]}""", parsed.Value!.Value.GetRawText());
        Assert.Contains("tenant-contoso", parsed.ChannelData!.Value.GetRawText());
    }

    [Fact]
    public async Task Post_PlaygroundStyleNonGuidIds_AreHandled()
    {
        var user = _bot.User("Playground", aadObjectId: "00000000-0000-0000-0000-00000000000z-not-a-guid");
        var activity = user.Message("help");
        activity["from"]!["id"] = "user-id-0";
        activity["conversation"]!["tenantId"] = "tenant-id";
        using var response = await user.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reference = await _bot.Get<IConversationReferenceStore>().FindAsync(user.AadObjectId, default);
        Assert.Equal("user-id-0", reference!.UserId);
    }

    [Fact]
    public async Task Post_Message_StoresConversationReferenceForProactiveUse()
    {
        var alice = _bot.User("Alice");
        await alice.SayAsync("hello");
        var reference = await _bot.Get<IConversationReferenceStore>().FindAsync(alice.AadObjectId, default);
        Assert.NotNull(reference);
        Assert.Equal(alice.ConversationId, reference.ConversationId);
        Assert.Equal(_bot.Connector.BaseUrl + "/", reference.ServiceUrl);
        Assert.Equal("tenant-contoso", reference.TenantId);
        Assert.Equal(alice.ChannelUserId, reference.UserId);
    }

    [Fact]
    public async Task Healthz_DatabaseUsable_ReturnsOk()
    {
        using var response = await _bot.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OK (database: LiteDb, schema 1)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_BodyBrokenOffMidway_Answers400_LogsNoError_AndRunsNoTurn()
    {
        // Kestrel (not the in-memory test server) is what finds a body broken off: here a chunked body whose second
        // chunk header is not hexadecimal, after half of the activity (deterministic, unlike a closed socket).
        await using var bot = await BotHarness.StartAsync(o => o.RealServer = true);
        var alice = bot.User("Alice");
        await alice.SayAsync("hello"); // the token check has fetched its signing keys: what follows is about the body
        var replies = bot.Connector.Calls.Count;
        var activity = alice.Message("new partnership");
        var half = activity.ToJsonString()[..100];
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, bot.Client.BaseAddress!.Port);
        var stream = tcp.GetStream();
        var request = $"POST /api/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + $"Authorization: Bearer {alice.ValidToken(activity)}\r\nTransfer-Encoding: chunked\r\n\r\n"
            + $"{Encoding.UTF8.GetByteCount(half):x}\r\n{half}\r\nzz\r\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream);
        var status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("HTTP/1.1 400 Bad Request", status);
        Assert.Contains(bot.Logs.Entries, e => e.Message.Contains("body was incomplete") && e.Level == Microsoft.Extensions.Logging.LogLevel.Information);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Equal(replies, bot.Connector.Calls.Count);
    }
}
