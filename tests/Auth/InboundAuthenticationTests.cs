using System.Net;
using System.Text.Json.Nodes;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Auth;

/// <summary>Every inbound token rule of "Authentication with the Bot Connector API", through the real endpoint.</summary>
public sealed class InboundAuthenticationTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(o => o.Settings["Bot:AllowedTenantIds:0"] = "tenant-contoso");

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private TeamsUser Alice => _bot.User("Alice");

    private string Sign(JsonObject activity, string? keyId = "channel-key-1", string issuer = FakeEntra.BotFrameworkIssuer, string? audience = null,
        string? serviceUrl = null, DateTime? notBefore = null, DateTime? expires = null) =>
        FakeEntra.SignToken(_bot.Entra.ChannelKey(keyId!), issuer, audience ?? _bot.Options.AppId,
            new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? activity["serviceUrl"]!.GetValue<string>() }, notBefore, expires);

    private async Task<HttpStatusCode> PostAsync(JsonObject activity, string? token)
    {
        using var response = await _bot.Client.SendAsync(Alice.Request(activity.ToJsonString(), token));
        return response.StatusCode;
    }

    [Fact]
    public async Task Post_ValidChannelToken_IsProcessedAndAnswered()
    {
        var reply = await Alice.SayAsync("help");
        Assert.Contains("New partnership", reply.Shown, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_NoAuthorizationHeader_Returns401AndSendsNothing()
    {
        var activity = Alice.Message("help");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, token: null));
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task Post_MalformedToken_Returns401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(Alice.Message("help"), "not.a.jwt"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(Alice.Message("help"), "garbage"));
    }

    [Fact]
    public async Task Post_TokenSignedByUnknownKey_Returns401()
    {
        var activity = Alice.Message("help");
        var forged = FakeEntra.SignToken(new Microsoft.IdentityModel.Tokens.RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "channel-key-1" },
            FakeEntra.BotFrameworkIssuer, _bot.Options.AppId, new Dictionary<string, object> { ["serviceurl"] = activity["serviceUrl"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, forged));
    }

    [Fact]
    public async Task Post_WrongIssuer_Returns401()
    {
        var activity = Alice.Message("help");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, Sign(activity, issuer: "https://evil.example.com")));
    }

    [Fact]
    public async Task Post_WrongAudience_Returns401()
    {
        var activity = Alice.Message("help");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, Sign(activity, audience: "some-other-bot")));
    }

    [Fact]
    public async Task Post_ExpiredBeyondSkew_Returns401()
    {
        var activity = Alice.Message("help");
        var token = Sign(activity, notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddMinutes(-6));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, token));
    }

    [Fact]
    public async Task Post_ExpiredWithinFiveMinuteSkew_IsAccepted()
    {
        var activity = Alice.Message("help");
        var token = Sign(activity, notBefore: DateTime.UtcNow.AddHours(-1), expires: DateTime.UtcNow.AddMinutes(-3));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(activity, token));
    }

    [Fact]
    public async Task Post_NotYetValid_Returns401()
    {
        var activity = Alice.Message("help");
        var token = Sign(activity, notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddHours(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, token));
    }

    [Fact]
    public async Task Post_KeyNotEndorsedForChannel_Returns401()
    {
        _bot.Entra.AddChannelKey("skype-only-key", "skype");
        var activity = Alice.Message("help");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, Sign(activity, keyId: "skype-only-key")));
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task Post_ServiceUrlClaimDiffersFromActivity_Returns401()
    {
        var activity = Alice.Message("help");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, Sign(activity, serviceUrl: "https://attacker.example.com/")));
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task Post_ChannelTokenWithoutServiceUrlClaim_Returns401()
    {
        var activity = Alice.Message("help");
        var token = FakeEntra.SignToken(_bot.Entra.ChannelKey("channel-key-1"), FakeEntra.BotFrameworkIssuer, _bot.Options.AppId);
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, token));
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task Post_EntraTokenToMultiTenantBot_Returns401EvenWithServiceUrl()
    {
        var activity = Alice.Message("help");
        var token = FakeEntra.SignToken(_bot.Entra.EntraKey("entra-key-1"), _bot.Entra.EntraIssuer("tenant-contoso"), _bot.Options.AppId,
            new Dictionary<string, object> { ["tid"] = "tenant-contoso", ["serviceurl"] = activity["serviceUrl"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, token));
    }

    [Fact]
    public async Task Post_TokenWithSymmetricAlgorithm_Returns401()
    {
        var activity = Alice.Message("help");
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]) { KeyId = "channel-key-1" };
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = FakeEntra.BotFrameworkIssuer,
            Audience = _bot.Options.AppId,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = activity["serviceUrl"]!.GetValue<string>() },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, token));
    }

    [Fact]
    public async Task Post_TenantNotAllowed_Returns403AndIsNotProcessed()
    {
        var mallory = _bot.User("Mallory");
        mallory.TenantId = "tenant-elsewhere";
        var activity = mallory.Message("help");
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(activity, mallory.ValidToken(activity)));
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task Post_KeyAddedAfterStartUp_IsFetchedOnUnknownKid()
    {
        // Prime the key cache, then rotate: a token with the new kid must make the bot refresh the key set.
        await Alice.SayAsync("help");
        _bot.Entra.AddChannelKey("channel-key-2", "msteams");
        var activity = Alice.Message("help");
        Assert.Equal(HttpStatusCode.OK, await PostAsync(activity, Sign(activity, keyId: "channel-key-2")));
    }
}
