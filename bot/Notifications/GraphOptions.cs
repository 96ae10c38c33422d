using Microsoft.Extensions.Options;
using PartnershipBot.Hosting;

namespace PartnershipBot.Notifications;

/// <summary>Settings of the "Graph" section: Microsoft Graph for e-mail, the Teams activity feed, app installs and people lookups.</summary>
internal sealed class GraphOptions
{
    public const string Section = "Graph";

    /// <summary>The tenant Graph tokens come from; defaults to Bot:MicrosoftAppTenantId.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>A separate app registration for Graph; empty uses the bot's own (Bot:MicrosoftAppId and its credential).</summary>
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>The mailbox e-mails are sent from (user principal name or object id). Empty: e-mails are skipped.</summary>
    public string ServiceMailbox { get; set; } = "";

    /// <summary>The app's id in the Teams app catalog. Empty: activity-feed notifications are skipped and the app is never installed.</summary>
    public string TeamsAppId { get; set; } = "";

    /// <summary>Install the app for people who have never opened the bot, so its chat can be started (needs TeamsAppInstallation.ReadWriteSelfForUser.All).</summary>
    public bool InstallAppForUsers { get; set; }

    /// <summary>The bot's app id, for links that open its chat; defaults to Bot:MicrosoftAppId.</summary>
    public string BotAppId { get; set; } = "";

    /// <summary>How long a person's name and address are reused before Graph is asked again.</summary>
    public TimeSpan DirectoryCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Fills the defaults that come from the Bot section.</summary>
    public void ApplyBotDefaults(BotOptions bot)
    {
        if (string.IsNullOrWhiteSpace(TenantId))
        {
            TenantId = bot.MicrosoftAppTenantId;
        }

        if (string.IsNullOrWhiteSpace(BotAppId))
        {
            BotAppId = bot.MicrosoftAppId;
        }
    }

    /// <summary>True when there is a tenant and a credential to call Graph with.</summary>
    public bool IsConfigured(BotOptions bot) =>
        !string.IsNullOrWhiteSpace(TenantId) && (!string.IsNullOrWhiteSpace(ClientId) || !bot.IsDevelopmentMode);
}

/// <summary>Checks the Graph section at start-up, naming the setting that is wrong.</summary>
internal sealed class GraphOptionsValidator(IOptions<BotOptions> bot) : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"Graph:BaseUrl must be an absolute http(s) URL such as https://graph.microsoft.com/v1.0; '{options.BaseUrl}' is not.");
        }

        if (!string.IsNullOrWhiteSpace(options.ClientId) && string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add("Graph:ClientSecret must be set when Graph:ClientId is set (or leave Graph:ClientId empty to use the bot's app registration).");
        }

        var wanted = new[]
        {
            (Set: !string.IsNullOrWhiteSpace(options.ServiceMailbox), Setting: "Graph:ServiceMailbox"),
            (Set: !string.IsNullOrWhiteSpace(options.TeamsAppId), Setting: "Graph:TeamsAppId"),
            (Set: options.InstallAppForUsers, Setting: "Graph:InstallAppForUsers"),
        };
        foreach (var (_, setting) in wanted.Where(w => w.Set))
        {
            if (!options.IsConfigured(bot.Value))
            {
                errors.Add($"{setting} needs Graph credentials: set Graph:TenantId (or Bot:MicrosoftAppTenantId) and Bot:MicrosoftAppId (or Graph:ClientId and Graph:ClientSecret).");
            }
        }

        if (options.InstallAppForUsers && string.IsNullOrWhiteSpace(options.TeamsAppId))
        {
            errors.Add("Graph:InstallAppForUsers needs Graph:TeamsAppId (the app's id in the Teams app catalog).");
        }

        if (!string.IsNullOrWhiteSpace(options.TeamsAppId) && string.IsNullOrWhiteSpace(options.BotAppId))
        {
            errors.Add("Graph:TeamsAppId needs Graph:BotAppId (or Bot:MicrosoftAppId) for the link that opens the bot's chat.");
        }

        if (options.DirectoryCacheDuration < TimeSpan.Zero || options.DirectoryCacheDuration > TimeSpan.FromDays(1))
        {
            errors.Add("Graph:DirectoryCacheDuration must be between 00:00:00 and 1.00:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
