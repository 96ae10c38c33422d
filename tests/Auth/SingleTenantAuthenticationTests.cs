using System.Net;
using System.Text.Json.Nodes;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Auth;

/// <summary>
/// Single-tenant bots also accept Entra tokens (v1 and v2 issuers) of their own tenant, and only when the token
/// vouches for the activity's serviceUrl as a channel token does: an app's client-credentials token never steers the
/// bot's own token to another host, and never makes the bot act as the user the body names.
/// </summary>
public sealed class SingleTenantAuthenticationTests : IAsyncLifetime
{
    private BotHarness _bot = null!;
    private FakeBotConnector _attacker = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.StartAsync(o => o.Settings["Bot:MicrosoftAppType"] = "SingleTenant");
        _attacker = new FakeBotConnector();
        await _attacker.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _attacker.DisposeAsync();
    }

    private string V2Issuer => _bot.Entra.EntraIssuer(_bot.Options.TenantId);

    private string V1Issuer => $"https://sts.windows.net/{_bot.Options.TenantId}/";

    private string EntraToken(string issuer, string? serviceUrl, string? tenant = null)
    {
        var claims = new Dictionary<string, object> { ["tid"] = tenant ?? _bot.Options.TenantId, ["appid"] = "some-app-in-the-tenant" };
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        return FakeEntra.SignToken(_bot.Entra.EntraKey("entra-key-1"), issuer, _bot.Options.AppId, claims);
    }

    private async Task<HttpStatusCode> PostAsync(TeamsUser user, JsonObject activity, string token)
    {
        using var response = await user.SendAsync(activity, token);
        return response.StatusCode;
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v1")]
    public async Task Post_EntraTokenWithoutServiceUrlClaim_Returns401AndSendsNothingAnywhere(string version)
    {
        // The reproduced attack: any app of the tenant gets such a token; the body points at its host and names the PPM.
        var ppm = _bot.User("Pat", "aad-ppm");
        var activity = ppm.Message("outbox");
        activity["serviceUrl"] = _attacker.BaseUrl + "/";
        var token = EntraToken(version == "v2" ? V2Issuer : V1Issuer, serviceUrl: null);

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(ppm, activity, token));
        Assert.Empty(_attacker.Calls);
        Assert.Empty(_bot.Connector.Calls);
        Assert.False(_bot.Get<PartnershipBot.Connector.ServiceUrlTrust>().IsTrusted(_attacker.BaseUrl));
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v1")]
    public async Task Post_EntraTokenWhoseServiceUrlDiffersFromActivity_Returns401(string version)
    {
        var alice = _bot.User("Alice");
        var activity = alice.Message("help");
        activity["serviceUrl"] = _attacker.BaseUrl + "/";
        var token = EntraToken(version == "v2" ? V2Issuer : V1Issuer, serviceUrl: _bot.Connector.BaseUrl + "/");

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(alice, activity, token));
        Assert.Empty(_attacker.Calls);
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v1")]
    public async Task Post_EntraTokenVouchingForServiceUrl_IsAcceptedAndAnsweredThere(string version)
    {
        var alice = _bot.User("Alice");
        var activity = alice.Message("help");
        var token = EntraToken(version == "v2" ? V2Issuer : V1Issuer, serviceUrl: activity["serviceUrl"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, await PostAsync(alice, activity, token));
        var reply = await _bot.Connector.NextAsync(alice.ConversationId);
        Assert.Contains("New partnership", reply.Shown, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_EntraTokenOfOwnTenantForActivityOfAnotherTenant_Returns401()
    {
        var mallory = _bot.User("Mallory");
        mallory.TenantId = "tenant-elsewhere";
        var activity = mallory.Message("help");
        var token = EntraToken(V2Issuer, serviceUrl: activity["serviceUrl"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(mallory, activity, token));
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task Post_EntraTokenOfOtherTenant_Returns401()
    {
        var alice = _bot.User("Alice");
        var activity = alice.Message("help");
        var token = FakeEntra.SignToken(_bot.Entra.EntraKey("entra-key-1"), _bot.Entra.EntraIssuer("tenant-other"), _bot.Options.AppId,
            new Dictionary<string, object> { ["tid"] = "tenant-other", ["serviceurl"] = activity["serviceUrl"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(alice, activity, token));
    }

    [Theory]
    [InlineData("https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/")]
    [InlineData("https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0")]
    [InlineData("https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/")]
    public async Task Post_EmulatorStyleToken_IsNotAcceptedAtAll(string emulatorIssuer)
    {
        var alice = _bot.User("Alice");
        var activity = alice.Message("help");
        var token = FakeEntra.SignToken(_bot.Entra.EntraKey("entra-key-1"), emulatorIssuer, _bot.Options.AppId,
            new Dictionary<string, object> { ["serviceurl"] = activity["serviceUrl"]!.GetValue<string>(), ["appid"] = _bot.Options.AppId });
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(alice, activity, token));
    }

    [Fact]
    public async Task Post_ChannelTokenStillAccepted_ForSingleTenantBot()
    {
        var reply = await _bot.User("Alice").SayAsync("help");
        Assert.Contains("New partnership", reply.Shown, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Send_SingleTenantBot_GetsItsTokenFromItsOwnTenant()
    {
        await _bot.User("Alice").SayAsync("help");
        Assert.Contains(_bot.Entra.TokenRequests, r => r["client_id"] == _bot.Options.AppId);
        Assert.All(_bot.Entra.TokenRequests, r => Assert.Equal("https://api.botframework.com/.default", r["scope"].ToString()));
    }
}
