using System.Net;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Auth;

/// <summary>Single-tenant bots also accept Entra tokens of their own tenant, and only those.</summary>
public sealed class SingleTenantAuthenticationTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(o => o.Settings["Bot:MicrosoftAppType"] = "SingleTenant");

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Post_EntraTokenOfOwnTenant_IsAccepted()
    {
        var alice = _bot.User("Alice");
        var activity = alice.Message("help");
        var token = FakeEntra.SignToken(_bot.Entra.EntraKey("entra-key-1"), _bot.Entra.EntraIssuer(_bot.Options.TenantId), _bot.Options.AppId);
        using var response = await alice.SendAsync(activity, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_EntraTokenOfOtherTenant_Returns401()
    {
        var alice = _bot.User("Alice");
        var token = FakeEntra.SignToken(_bot.Entra.EntraKey("entra-key-1"), _bot.Entra.EntraIssuer("tenant-other"), _bot.Options.AppId);
        using var response = await alice.SendAsync(alice.Message("help"), token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Send_SingleTenantBot_GetsItsTokenFromItsOwnTenant()
    {
        await _bot.User("Alice").SayAsync("help");
        Assert.Contains(_bot.Entra.TokenRequests, r => r["client_id"] == _bot.Options.AppId);
        Assert.All(_bot.Entra.TokenRequests, r => Assert.Equal("https://api.botframework.com/.default", r["scope"].ToString()));
    }
}
