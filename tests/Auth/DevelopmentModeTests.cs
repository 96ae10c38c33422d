using System.Net;
using Microsoft.Extensions.Options;
using PartnershipBot.Hosting;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Auth;

/// <summary>Local development mode (empty app id), as for the Agents Playground: no tokens in or out, never in Production.</summary>
public sealed class DevelopmentModeTests
{
    [Fact]
    public async Task DevelopmentMode_NoTokenNeeded_AndRepliesCarryNoToken()
    {
        await using var bot = await BotHarness.StartAsync(o => { o.Authenticated = false; o.Environment = "Development"; });
        var alice = bot.User("Alice");
        using var response = await bot.Client.SendAsync(alice.Request(alice.Message("help").ToJsonString(), token: null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await bot.Connector.NextAsync(alice.ConversationId);
        Assert.Equal("", reply.Authorization);
        Assert.Empty(bot.Entra.TokenRequests);
    }

    [Fact]
    public async Task DevelopmentMode_InProduction_RefusesToStartNamingTheSetting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var bot = await BotHarness.StartAsync(o => { o.Authenticated = false; o.Environment = "Production"; });
            await bot.Client.GetAsync("/healthz");
        });
        Assert.Contains("Bot:MicrosoftAppId", Flatten(error));
    }

    [Fact]
    public void Validator_SingleTenantWithoutTenant_NamesTheSetting()
    {
        var validator = new BotOptionsValidator(new TestEnvironment("Production"));
        var result = validator.Validate(null, new BotOptions { MicrosoftAppId = "app", MicrosoftAppPassword = "s", MicrosoftAppType = BotAppType.SingleTenant });
        Assert.True(result.Failed);
        Assert.Contains("Bot:MicrosoftAppTenantId", result.FailureMessage);
    }

    [Fact]
    public void Validator_AppIdWithoutCredential_NamesTheSettings()
    {
        var result = new BotOptionsValidator(new TestEnvironment("Production")).Validate(null, new BotOptions { MicrosoftAppId = "app" });
        Assert.Contains("Bot:MicrosoftAppPassword", result.FailureMessage);
    }

    [Fact]
    public void Validator_BadMetadataUrl_NamesTheSetting()
    {
        var result = new BotOptionsValidator(new TestEnvironment("Development")).Validate(null, new BotOptions { OpenIdMetadataUrl = "not a url" });
        Assert.Contains("Bot:OpenIdMetadataUrl", result.FailureMessage);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " " + Flatten(e.InnerException);

    private sealed class TestEnvironment(string name) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
