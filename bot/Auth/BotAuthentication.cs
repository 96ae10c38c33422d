using System.Security.Claims;
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
    public const string MetadataHttpClient = "openid-metadata";
    private const string ChannelScheme = "BotConnector.Channel";
    private const string EntraScheme = "BotConnector.Entra";
    private static readonly string[] RsaAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        // A metadata fetch holds up the request that triggered it: bounded well under the channel's own timeout.
        services.AddHttpClient(MetadataHttpClient, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddKeyedSingleton(ChannelScheme, (sp, _) => NewKeyCache(sp, bot => bot.OpenIdMetadataUrl));
        services.AddKeyedSingleton(EntraScheme, (sp, _) => NewKeyCache(sp, EntraMetadataUrl));
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer(ChannelScheme)
            .AddJwtBearer(EntraScheme);

        services.AddOptions<JwtBearerOptions>(ChannelScheme)
            .Configure<IOptions<BotOptions>, IServiceProvider>((jwt, bot, sp) =>
                Configure(jwt, bot.Value, sp.GetRequiredKeyedService<SigningKeyCache>(ChannelScheme), [BotOptions.BotFrameworkIssuer], addEndorsements: true));
        services.AddOptions<JwtBearerOptions>(EntraScheme)
            .Configure<IOptions<BotOptions>, IServiceProvider>((jwt, bot, sp) =>
                Configure(jwt, bot.Value, sp.GetRequiredKeyedService<SigningKeyCache>(EntraScheme), EntraIssuers(bot.Value), addEndorsements: false));

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

    private static SigningKeyCache NewKeyCache(IServiceProvider services, Func<BotOptions, string> metadataUrl) => new(
        metadataUrl(services.GetRequiredService<IOptions<BotOptions>>().Value),
        services.GetRequiredService<IHttpClientFactory>().CreateClient(MetadataHttpClient),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILoggerFactory>().CreateLogger<SigningKeyCache>());

    private static void Configure(JwtBearerOptions jwt, BotOptions bot, SigningKeyCache keys, IReadOnlyList<string> issuers, bool addEndorsements)
    {
        // Keys come from the cache (which keeps each key's endorsements); the static configuration only stops JwtBearer fetching its own.
        jwt.Configuration = new OpenIdConnectConfiguration();
        jwt.MapInboundClaims = false;
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
            // The Bot Framework signs with RSA only; anything else (none, HS256 with a public key as secret) is refused.
            ValidAlgorithms = RsaAlgorithms,
            ClockSkew = TimeSpan.FromMinutes(5),
            IssuerSigningKeyResolver = (_, _, keyId, _) => keys.Resolve(keyId),
        };
        jwt.Events = new JwtBearerEvents
        {
            // Only a request that carries a token needs the keys: without one (health checks, development mode, where
            // authentication still runs for every request) nothing is fetched, so an unreachable metadata URL cannot fail it.
            // A token whose algorithm can never validate (none, HMAC) fetches nothing either.
            OnMessageReceived = context => ReadUnvalidated(context.Request) is { } token && RsaAlgorithms.Contains(token.Alg)
                ? keys.EnsureAsync(token.Kid, context.HttpContext.RequestAborted)
                : Task.CompletedTask,
            OnTokenValidated = context =>
            {
                if (addEndorsements && context.Principal?.Identity is ClaimsIdentity identity && context.SecurityToken is JsonWebToken token)
                {
                    foreach (var endorsement in keys.EndorsementsOf(token.Kid))
                    {
                        identity.AddClaim(new Claim(InboundTokenRules.EndorsementClaim, endorsement));
                    }
                }

                return Task.CompletedTask;
            },
        };
    }

    /// <summary>Routes a token to the scheme of its issuer; the chosen scheme then validates it fully.</summary>
    private static string SelectScheme(HttpContext context)
    {
        var bot = context.RequestServices.GetRequiredService<IOptions<BotOptions>>().Value;
        return ReadUnvalidated(context.Request) is { } token && EntraIssuers(bot).Contains(token.Issuer) ? EntraScheme : ChannelScheme;
    }

    /// <summary>Reads the token's header and claims without trusting them: only to pick a scheme or a key.</summary>
    private static JsonWebToken? ReadUnvalidated(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var handler = new JsonWebTokenHandler();
        var raw = header["Bearer ".Length..].Trim();
        try
        {
            return handler.CanReadToken(raw) ? handler.ReadJsonWebToken(raw) : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
