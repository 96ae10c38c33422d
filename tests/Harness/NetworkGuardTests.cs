using System.Net;

namespace PartnershipBot.Tests.Harness;

/// <summary>The in-process bot's network guard: with the OpenID metadata at its real default, nothing leaves.</summary>
public sealed class NetworkGuardTests
{
    [Fact]
    public async Task ForgedToken_WithDefaultMetadataUrl_IsRefusedAndTheBotsFetchNeverLeavesTheMachine()
    {
        var bot = await BotHarness.StartAsync(o => o.Settings["Bot:OpenIdMetadataUrl"] = "https://login.botframework.com/v1/.well-known/openidconfiguration");
        try
        {
            var alice = bot.User("Alice");
            var activity = alice.Message("help");

            using var response = await bot.Client.SendAsync(alice.Request(activity.ToJsonString(), "eyJhbGciOiJSUzI1NiIsImtpZCI6ImZvcmdlZCJ9.eyJpc3MiOiJ4In0.c2ln"));

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("login.botframework.com:443", bot.Network.TakeRefused());
            Assert.Empty(bot.Connector.Calls);
        }
        finally
        {
            await bot.DisposeAsync();
        }
    }

    [Fact]
    public async Task Dispose_AfterAnOffMachineAttemptNobodyExpected_FailsNamingTheHost()
    {
        var bot = await BotHarness.StartAsync(o => o.Settings["Bot:OpenIdMetadataUrl"] = "https://login.botframework.com/v1/.well-known/openidconfiguration");
        var alice = bot.User("Alice");
        var activity = alice.Message("help");
        using (await bot.Client.SendAsync(alice.Request(activity.ToJsonString(), "eyJhbGciOiJSUzI1NiIsImtpZCI6ImZvcmdlZCJ9.eyJpc3MiOiJ4In0.c2ln")))
        {
        }

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () => await bot.DisposeAsync());
        Assert.Contains("login.botframework.com:443", failure.Message);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("169.254.169.254", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("graph.microsoft.com", false)]
    [InlineData("localhost.example.com", false)]
    public void IsThisMachine_Host_OnlyLoopback(string host, bool expected) =>
        Assert.Equal(expected, LoopbackOnlyConnections.IsThisMachine(host));
}
