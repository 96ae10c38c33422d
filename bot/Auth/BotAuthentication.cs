using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PartnershipBot.Hosting;

namespace PartnershipBot.Auth;

/// <summary>
/// Inbound JWT validation as "Authentication with the Bot Connector API" specifies, on plain JwtBearer:
/// Bot Framework channel tokens, and for single-tenant bots also Entra tokens of the bot's tenant.
/// </summary>
internal static class BotAuthentication
{
    public const string Scheme = "BotConnector";
    public const string Policy = "BotConnector";
    private const string ChannelScheme = "BotConnector.Channel";
    private const string EntraScheme = "BotConnector.Entra";
    public const string MetadataHttpClient = "openid-metadata";

    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        services.AddHttpClient(MetadataHttpClient);
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer(ChannelScheme)
            .AddJwtBearer(EntraScheme);

        services.AddOptions<JwtBearerOptions>(ChannelScheme)
            .Configure<IOptions<BotOptions>, IHttpClientFactory>((jwt, bot, http) =>
            {
                Configure(jwt, bot.Value, http, bot.Value.OpenIdMetadataUrl, [BotOptions.BotFrameworkIssuer]);
                jwt.Events = new JwtBearerEvents { OnTokenValidated = AddEndorsementsAsync };
            });
        services.AddOptions<JwtBearerOptions>(EntraScheme)
            .Configure<IOptions<BotOptions>, IHttpClientFactory>((jwt, bot, http) =>
                Configure(jwt, bot.Value, http, EntraMetadataUrl(bot.Value), EntraIssuers(bot.Value)));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Entra tokens are accepted only for single-tenant bots, and only from the bot's own tenant.</summary>
    public static IReadOnlyList<string> EntraIssuers(BotOptions bot) =>
        bot.MicrosoftAppType == BotAppType.MultiTenant || string.IsNullOrWhiteSpace(bot.MicrosoftAppTenantId)
            ? []
            : [$"{bot.EntraAuthorityHost.TrimEnd('/')}/{bot.MicrosoftAppTenantId}/v2.0", $"https://sts.windows.net/{bot.MicrosoftAppTenantId}/"];

    private static string EntraMetadataUrl(BotOptions bot) =>
        $"{bot.EntraAuthorityHost.TrimEnd('/')}/{(string.IsNullOrWhiteSpace(bot.MicrosoftAppTenantId) ? "common" : bot.MicrosoftAppTenantId)}/v2.0/.well-known/openid-configuration";

    private static void Configure(JwtBearerOptions jwt, BotOptions bot, IHttpClientFactory http, string metadataUrl, IReadOnlyList<string> issuers)
    {
        jwt.MetadataAddress = metadataUrl;
        jwt.Backchannel = http.CreateClient(MetadataHttpClient);
        jwt.MapInboundClaims = false;
        jwt.RefreshOnIssuerKeyNotFound = true;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuers = issuers,
            ValidateIssuer = true,
            ValidAudiences = [bot.MicrosoftAppId],
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromMinutes(5),
        };
    }

    /// <summary>Routes a token to the scheme of its issuer; the chosen scheme then validates it fully.</summary>
    private static string SelectScheme(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var handler = new JsonWebTokenHandler();
            var raw = header["Bearer ".Length..].Trim();
            if (handler.CanReadToken(raw))
            {
                try
                {
                    var issuer = handler.ReadJsonWebToken(raw).Issuer;
                    var bot = context.RequestServices.GetRequiredService<IOptions<BotOptions>>().Value;
                    if (EntraIssuers(bot).Contains(issuer))
                    {
                        return EntraScheme;
                    }
                }
                catch (ArgumentException)
                {
                    // Unreadable token: the channel scheme rejects it with 401.
                }
            }
        }

        return ChannelScheme;
    }

    /// <summary>Copies the signing key's endorsements onto the principal so the endpoint can check the channel.</summary>
    private static async Task AddEndorsementsAsync(TokenValidatedContext context)
    {
        var keyId = context.SecurityToken switch
        {
            JsonWebToken jwt => jwt.SigningKey?.KeyId ?? jwt.Kid,
            _ => context.SecurityToken?.SigningKey?.KeyId,
        };
        if (keyId is null || context.Options.ConfigurationManager is null || context.Principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        OpenIdConnectConfiguration configuration = await context.Options.ConfigurationManager.GetConfigurationAsync(context.HttpContext.RequestAborted);
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == keyId);
        if (key is null)
        {
            return;
        }

        foreach (var endorsement in InboundTokenRules.EndorsementsOf(key))
        {
            identity.AddClaim(new Claim(InboundTokenRules.EndorsementClaim, endorsement));
        }
    }
}
