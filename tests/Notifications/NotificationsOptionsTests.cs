using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnershipBot.Hosting;
using PartnershipBot.Notifications;

namespace PartnershipBot.Tests.Notifications;

/// <summary>Wrong Graph and Notifications settings stop the bot at start with a message naming the setting.</summary>
public sealed class NotificationsOptionsTests
{
    private static readonly BotOptions ProductionBot = new() { MicrosoftAppId = "app", MicrosoftAppPassword = "secret", MicrosoftAppTenantId = "tenant" };

    private static IEnumerable<string> Errors(GraphOptions graph, BotOptions? bot = null)
    {
        bot ??= ProductionBot;
        graph.ApplyBotDefaults(bot);
        return new GraphOptionsValidator(Options.Create(bot)).Validate(null, graph).Failures ?? [];
    }

    [Fact]
    public void Graph_Defaults_ComeFromTheBotSectionAndAreValid()
    {
        var graph = new GraphOptions();

        Assert.Empty(Errors(graph));
        Assert.Equal(("tenant", "app"), (graph.TenantId, graph.BotAppId));
        Assert.True(graph.IsConfigured(ProductionBot));
    }

    [Fact]
    public void Graph_InstallWithoutTeamsAppId_NamesTheSetting()
    {
        Assert.Contains(Errors(new GraphOptions { InstallAppForUsers = true }), e => e.StartsWith("Graph:InstallAppForUsers needs Graph:TeamsAppId", StringComparison.Ordinal));
    }

    [Fact]
    public void Graph_MailboxWithoutAnyCredential_NamesTheSettingsToSet()
    {
        var development = new BotOptions { MicrosoftAppTenantId = "tenant" };

        Assert.Contains(Errors(new GraphOptions { ServiceMailbox = "partnerships@council.example" }, development),
            e => e.StartsWith("Graph:ServiceMailbox needs Graph credentials", StringComparison.Ordinal));
        Assert.Empty(Errors(new GraphOptions(), development));
    }

    [Fact]
    public void Graph_SeparateClientWithoutSecret_NamesTheSetting()
    {
        Assert.Contains(Errors(new GraphOptions { ClientId = "graph-app" }), e => e.StartsWith("Graph:ClientSecret", StringComparison.Ordinal));
        Assert.Empty(Errors(new GraphOptions { ClientId = "graph-app", ClientSecret = "s" }));
    }

    [Fact]
    public void Graph_BadBaseUrl_NamesTheSetting()
    {
        Assert.Contains(Errors(new GraphOptions { BaseUrl = "graph.microsoft.com" }), e => e.StartsWith("Graph:BaseUrl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("MaxAttempts", "Notifications:MaxAttempts")]
    [InlineData("BaseRetryDelay", "Notifications:BaseRetryDelay")]
    [InlineData("Concurrency", "Notifications:Concurrency")]
    public void Notifications_ZeroSetting_NamesIt(string property, string setting)
    {
        var options = new NotificationsOptions();
        switch (property)
        {
            case "MaxAttempts": options.MaxAttempts = 0; break;
            case "BaseRetryDelay": options.BaseRetryDelay = TimeSpan.Zero; break;
            default: options.Concurrency = 0; break;
        }

        var failures = new NotificationsOptionsValidator().Validate(null, options).Failures ?? [];

        Assert.Contains(failures, f => f.StartsWith(setting, StringComparison.Ordinal));
        Assert.Empty(new NotificationsOptionsValidator().Validate(null, new NotificationsOptions()).Failures ?? []);
    }

    [Fact]
    public async Task Start_InvalidGraphSettings_FailsWithTheSettingName()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Graph:InstallAppForUsers"] = "true";
        builder.Services.AddOptions<BotOptions>();
        builder.Services.AddNotifications();

        // Only the settings are under test; the dispatcher would need the whole bot.
        builder.Services.RemoveAll<IHostedService>();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(CancellationToken.None));

        Assert.Contains(error.Failures, f => f.StartsWith("Graph:InstallAppForUsers needs Graph:TeamsAppId", StringComparison.Ordinal));
    }
}
