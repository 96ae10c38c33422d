using Microsoft.Extensions.Options;

namespace PartnershipBot.Hosting;

/// <summary>Checks the Bot section at start-up, naming the setting that is wrong.</summary>
internal sealed class BotOptionsValidator(IHostEnvironment environment) : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        var errors = new List<string>();
        if (options.IsDevelopmentMode)
        {
            if (environment.IsProduction())
            {
                errors.Add("Bot:MicrosoftAppId is empty, which turns authentication off (local development mode). "
                    + "That is refused in Production: set Bot:MicrosoftAppId and its credential, or run with ASPNETCORE_ENVIRONMENT=Development.");
            }
        }
        else
        {
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

        CheckUrl(options.OpenIdMetadataUrl, "Bot:OpenIdMetadataUrl", errors);
        CheckUrl(options.EntraAuthorityHost, "Bot:EntraAuthorityHost", errors);
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

    private static void CheckUrl(string value, string setting, List<string> errors)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{setting} must be an absolute http(s) URL; '{value}' is not.");
        }
    }
}
