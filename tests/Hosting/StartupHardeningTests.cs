using Microsoft.Extensions.Logging;
using PartnershipBot.Hosting;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Hosting;

/// <summary>
/// Settings that would leave a reachable bot unprotected stop start-up outside Development, naming the setting
/// (issue 15.8): no app id, http:// metadata, a multi-tenant bot open to every tenant.
/// </summary>
public sealed class StartupHardeningTests
{
    [Theory]
    [InlineData("Staging")]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task Start_NoAppIdOutsideDevelopment_RefusesNamingTheSetting(string environment)
    {
        var message = await StartupErrorAsync(o => { o.Authenticated = false; o.Environment = environment; });

        Assert.Contains("Bot:MicrosoftAppId is empty", message, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Development", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bot:OpenIdMetadataUrl", "http://127.0.0.1:9/v1/.well-known/openidconfiguration")]
    [InlineData("Bot:EntraAuthorityHost", "http://127.0.0.1:9")]
    public async Task Start_HttpMetadataInProduction_RefusesNamingTheSetting(string setting, string url)
    {
        var message = await StartupErrorAsync(o => { o.Environment = "Production"; o.Settings[setting] = url; });

        Assert.Contains($"{setting} must be an https URL outside Development", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HttpMetadataInDevelopment_Starts()
    {
        await using var bot = await BotHarness.StartAsync(o => { o.Environment = "Development"; o.Settings["Bot:OpenIdMetadataUrl"] = "http://127.0.0.1:9/openid"; });

        Assert.True((await bot.Client.GetAsync("/healthz")).IsSuccessStatusCode);
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    public async Task Start_MultiTenantWithNoAllowedTenantsOutsideDevelopment_RefusesNamingTheSetting(string environment)
    {
        var message = await StartupErrorAsync(o => { o.Environment = environment; o.AllowOwnTenantOnly = false; });

        Assert.Contains("Bot:AllowedTenantIds is empty while Bot:MicrosoftAppType is MultiTenant", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SingleTenantWithNoAllowedTenantsInProduction_Starts()
    {
        await using var bot = await BotHarness.StartAsync(o =>
        {
            o.Environment = "Production";
            o.AllowOwnTenantOnly = false;
            o.Settings["Bot:MicrosoftAppType"] = "SingleTenant";
        });

        Assert.True((await bot.Client.GetAsync("/healthz")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Start_MultiTenantWithNoAllowedTenantsInDevelopment_StartsAndWarnsOnce()
    {
        await using var bot = await BotHarness.StartAsync(o => { o.Environment = "Development"; o.AllowOwnTenantOnly = false; });

        var warning = Assert.Single(bot.Logs.Entries, e => e.EventId == 1101 && e.Message.StartsWith("Any tenant may use this bot", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
    }

    private static async Task<string> StartupErrorAsync(Action<HarnessOptions> configure)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var bot = await BotHarness.StartAsync(configure);
            await bot.Client.GetAsync("/healthz");
        });
        var problems = ConfigurationErrors.From(error);
        Assert.NotEmpty(problems);
        return string.Join("\n", problems);
    }
}
