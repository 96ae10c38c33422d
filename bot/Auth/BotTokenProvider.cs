using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.Options;
using PartnershipBot.Hosting;

namespace PartnershipBot.Auth;

/// <summary>Gets the bot's outbound token for the Bot Connector (Entra client credentials), or none in development mode.</summary>
internal interface IBotTokenProvider
{
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Azure.Identity credentials (secret, certificate or managed identity); MSAL underneath caches tokens until near expiry.</summary>
internal sealed class BotTokenProvider : IBotTokenProvider
{
    public const string HttpClientName = "entra";
    private readonly TokenCredential? _credential;
    private readonly TokenRequestContext _request;

    public BotTokenProvider(IOptions<BotOptions> options, IHttpClientFactory http)
    {
        var bot = options.Value;
        _request = new TokenRequestContext([bot.ConnectorScope]);
        _credential = bot.IsDevelopmentMode ? null : EntraCredential.Create(bot, http.CreateClient(HttpClientName));
    }

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_credential is null)
        {
            return null;
        }

        var token = await _credential.GetTokenAsync(_request, cancellationToken);
        return token.Token;
    }
}

/// <summary>Builds the Azure.Identity credential for the bot's app registration.</summary>
internal static class EntraCredential
{
    private static readonly string[] KnownAuthorityHosts =
        ["login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn"];

    public static TokenCredential Create(BotOptions bot, HttpClient httpClient, string? tenant = null)
    {
        tenant ??= bot.TokenTenant;
        var host = new Uri(bot.EntraAuthorityHost);

        // Instance discovery only knows Microsoft's clouds; any other authority host (a sovereign proxy or a test fake) skips it.
        var skipDiscovery = !KnownAuthorityHosts.Contains(host.Host, StringComparer.OrdinalIgnoreCase);
        var transport = new HttpClientTransport(httpClient);

        if (bot.MicrosoftAppType == BotAppType.UserAssignedMSI)
        {
            return new ManagedIdentityCredential(new ManagedIdentityCredentialOptions(ManagedIdentityId.FromUserAssignedClientId(bot.MicrosoftAppId))
            {
                Transport = transport,
            });
        }

        if (!string.IsNullOrWhiteSpace(bot.MicrosoftAppCertificatePath))
        {
            return new ClientCertificateCredential(tenant, bot.MicrosoftAppId, bot.MicrosoftAppCertificatePath,
                new ClientCertificateCredentialOptions { AuthorityHost = host, DisableInstanceDiscovery = skipDiscovery, Transport = transport, SendCertificateChain = true });
        }

        return new ClientSecretCredential(tenant, bot.MicrosoftAppId, bot.MicrosoftAppPassword,
            new ClientSecretCredentialOptions { AuthorityHost = host, DisableInstanceDiscovery = skipDiscovery, Transport = transport });
    }
}
