using Microsoft.Extensions.Options;

namespace PartnershipBot.Tab;

/// <summary>Settings of the "Tab" section: the register tab's public host and its single sign-on.</summary>
internal sealed class TabOptions
{
    public const string Section = "Tab";
    public const string Scope = "access_as_user";

    /// <summary>
    /// The public host name the tab is served from (e.g. partnerships.council.gov.uk): the manifest's validDomains entry
    /// and the host in the SSO audience api://{Host}/{Bot:MicrosoftAppId}. Empty: SSO tokens are refused (no audience).
    /// </summary>
    public string Host { get; set; } = "";

    /// <summary>Whether v1 tokens (issuer https://sts.windows.net/{tenant}/) are accepted as well as v2 ones.</summary>
    public bool AcceptV1Tokens { get; set; } = true;

    /// <summary>
    /// The Entra app whose Application ID URI is api://{Host}/{AppId}: the manifest's webApplicationInfo.id.
    /// Empty: the bot's own app registration (Bot:MicrosoftAppId), as the package build defaults to.
    /// </summary>
    public string AppId { get; set; } = "";

    /// <summary>The Teams app id (the manifest's "id"): deep links to the tab name it. Empty: cards get no "Open in the register".</summary>
    public string TeamsAppId { get; set; } = "";

    /// <summary>The static tab's entityId in the manifest (deep links name it).</summary>
    public string EntityId { get; set; } = "register";

    /// <summary>Development mode only (no app id): the Entra object id the tab acts as; empty = the PPM's, else "development-user".</summary>
    public string DevelopmentUserId { get; set; } = "";

    /// <summary>The audience SSO tokens must carry, or "" when the tab has no host or there is no app id.</summary>
    public string Audience(string botAppId)
    {
        var app = AppId.Length > 0 ? AppId : botAppId;
        return Host.Length == 0 || string.IsNullOrWhiteSpace(app) ? "" : $"api://{Host}/{app}";
    }
}

/// <summary>Checks the Tab section at start-up, naming the setting that is wrong.</summary>
internal sealed class TabOptionsValidator : IValidateOptions<TabOptions>
{
    public ValidateOptionsResult Validate(string? name, TabOptions options)
    {
        var errors = new List<string>();
        if (options.Host.Length > 0 && Uri.CheckHostName(options.Host.Split(':')[0]) is UriHostNameType.Unknown or UriHostNameType.Basic)
        {
            errors.Add($"Tab:Host must be a host name such as partnerships.council.gov.uk (no https://, no path); '{options.Host}' is not.");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(options.EntityId, "^[A-Za-z0-9_.-]{1,64}$"))
        {
            errors.Add("Tab:EntityId must be 1-64 letters, digits, '.', '_' or '-' (it is the manifest's staticTabs entityId).");
        }

        if (options.TeamsAppId.Length > 0 && !Guid.TryParseExact(options.TeamsAppId, "D", out _))
        {
            errors.Add($"Tab:TeamsAppId must be the Teams app id (a GUID, the manifest's \"id\"); '{options.TeamsAppId}' is not.");
        }

        if (options.AppId.Length > 0 && !Guid.TryParseExact(options.AppId, "D", out _))
        {
            errors.Add($"Tab:AppId must be an Entra application (client) id (a GUID); '{options.AppId}' is not.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
