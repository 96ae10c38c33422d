using Microsoft.Extensions.Options;

namespace PartnershipBot.Hosting;

/// <summary>Checks the Bot section at start-up, naming the setting that is wrong.</summary>
internal sealed class BotOptionsValidator(IHostEnvironment environment) : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        var errors = new List<string>();
        var development = environment.IsDevelopment();
        if (options.IsDevelopmentMode)
        {
            // Staging, Testing or any other name is as reachable as Production: only Development may run without checks.
            if (!development)
            {
                errors.Add($"Bot:MicrosoftAppId is empty, which turns authentication off; that is allowed only with ASPNETCORE_ENVIRONMENT=Development (this is {environment.EnvironmentName}): set Bot:MicrosoftAppId and its credential.");
            }
        }
        else
        {
            // An empty list means every organisation's Teams may use a multi-tenant bot that holds one council's data;
            // a warning is easily missed in a log, and the fix is one setting, so it is refused outside Development.
            if (options.MicrosoftAppType == BotAppType.MultiTenant && options.AllowedTenantIds.Count == 0 && !development)
            {
                errors.Add("Bot:AllowedTenantIds is empty while Bot:MicrosoftAppType is MultiTenant, which would let any organisation's Teams use the bot: list your tenant id(s) in Bot:AllowedTenantIds, or use SingleTenant.");
            }

            if (options.MicrosoftAppType != BotAppType.UserAssignedMSI
                && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword)
                && string.IsNullOrWhiteSpace(options.MicrosoftAppCertificatePath))
            {
                errors.Add("Bot:MicrosoftAppPassword or Bot:MicrosoftAppCertificatePath must be set when Bot:MicrosoftAppId is set.");
            }

            if (options.MicrosoftAppType != BotAppType.MultiTenant && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
            {
                errors.Add($"Bot:MicrosoftAppTenantId must be set when Bot:MicrosoftAppType is {options.MicrosoftAppType}.");
            }
        }

        // The signing keys come from these: over plain http anyone on the path could hand the bot their own keys.
        CheckUrl(options.OpenIdMetadataUrl, "Bot:OpenIdMetadataUrl", errors, httpsOnly: !development);
        CheckUrl(options.EntraAuthorityHost, "Bot:EntraAuthorityHost", errors, httpsOnly: !development);
        foreach (var url in options.TrustedServiceUrls)
        {
            CheckUrl(url, "Bot:TrustedServiceUrls", errors);
        }

        if (options.MaxRequestBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            errors.Add("Bot:MaxRequestBodyBytes must be between 1024 and 16777216.");
        }

        if (options.MaxSendsPerSecondPerConversation is < 1 or > 50)
        {
            errors.Add("Bot:MaxSendsPerSecondPerConversation must be between 1 and 50.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUrl(string value, string setting, List<string> errors, bool httpsOnly = false)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{setting} must be an absolute http(s) URL; '{value}' is not.");
        }
        else if (httpsOnly && uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{setting} must be an https URL outside Development; '{value}' is not.");
        }
    }
}
