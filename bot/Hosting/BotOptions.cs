namespace PartnershipBot.Hosting;

/// <summary>How the bot proves who it is to Azure Bot Service (setting Bot:MicrosoftAppType).</summary>
internal enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}

/// <summary>Settings of the "Bot" section: identity, inbound checks and the Bot Connector.</summary>
internal sealed class BotOptions
{
    public const string Section = "Bot";
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    public BotAppType MicrosoftAppType { get; set; } = BotAppType.MultiTenant;

    /// <summary>The Entra app registration's client id. Empty means local development mode: no auth either way.</summary>
    public string MicrosoftAppId { get; set; } = "";
    public string MicrosoftAppPassword { get; set; } = "";
    public string MicrosoftAppCertificatePath { get; set; } = "";
    public string MicrosoftAppCertificatePassword { get; set; } = "";
    public string MicrosoftAppTenantId { get; set; } = "";

    public const string TeamsChannel = "msteams";

    /// <summary>
    /// The channels the bot serves (activity channelId); empty means Teams only. Activities from others get 403 and
    /// no reply. (Empty rather than a default list: configuration binding appends to a list's default items.)
    /// </summary>
    public List<string> AllowedChannelIds { get; set; } = [];

    public IReadOnlyList<string> ServedChannels => AllowedChannelIds.Count == 0 ? [TeamsChannel] : AllowedChannelIds;

    /// <summary>When not empty, only activities from these tenants are processed; others get 403.</summary>
    public List<string> AllowedTenantIds { get; set; } = [];

    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public string EntraAuthorityHost { get; set; } = "https://login.microsoftonline.com";
    public string ConnectorScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Service URLs the bot may send a token to before any authenticated activity named them (e.g. for proactive sends after a restart).</summary>
    public List<string> TrustedServiceUrls { get; set; } = ["https://smba.trafficmanager.net/"];

    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Teams allows 7 messages per second per conversation; sends are paced under it.</summary>
    public int MaxSendsPerSecondPerConversation { get; set; } = 7;

    public int MaxSendRetries { get; set; } = 4;
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsDevelopmentMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>The tenant the bot's outbound token comes from.</summary>
    public string TokenTenant => MicrosoftAppType == BotAppType.MultiTenant ? "botframework.com" : MicrosoftAppTenantId;
}
