using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PartnershipBot.Auth;
using PartnershipBot.Hosting;

namespace PartnershipBot.Tab;

/// <summary>
/// Teams SSO for the tab's API: a JwtBearer scheme of its own (never the bot's), accepting tokens of the bot's tenant
/// for api://{Tab:Host}/{app id} with the access_as_user scope.
/// </summary>
internal static class TabAuthentication
{
    public const string Scheme = "TabSso";
    public const string Policy = "TabSso";

    public static IServiceCollection AddTabAuthentication(this IServiceCollection services)
    {
        services.AddKeyedSingleton(Scheme, (sp, _) =>
        {
            var bot = sp.GetRequiredService<IOptions<BotOptions>>().Value;
            var tenant = string.IsNullOrWhiteSpace(bot.MicrosoftAppTenantId) ? "common" : bot.MicrosoftAppTenantId;
            return new SigningKeyCache(
                $"{bot.EntraAuthorityHost.TrimEnd('/')}/{tenant}/v2.0/.well-known/openid-configuration",
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(BotAuthentication.MetadataHttpClient),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<SigningKeyCache>());
        });
        services.AddAuthentication().AddJwtBearer(Scheme);
        services.AddOptions<JwtBearerOptions>(Scheme)
            .Configure<IOptions<BotOptions>, IOptions<TabOptions>, IServiceProvider>((jwt, bot, tab, sp) =>
            {
                var keys = sp.GetRequiredKeyedService<SigningKeyCache>(Scheme);
                var audience = tab.Value.Audience(bot.Value.MicrosoftAppId);
                jwt.Configuration = new OpenIdConnectConfiguration();
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuers = TabTokenRules.Issuers(bot.Value.EntraAuthorityHost, bot.Value.MicrosoftAppTenantId, tab.Value.AcceptV1Tokens),
                    ValidateIssuer = true,
                    // No host configured: no audience is valid, so every token is refused.
                    ValidAudiences = audience.Length > 0 ? [audience] : ["urn:partnershipbot:tab-not-configured"],
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    ClockSkew = TimeSpan.FromMinutes(5),
                    IssuerSigningKeyResolver = (_, _, keyId, _) => keys.Resolve(keyId),
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context => KeyIdOf(context.Request) is { } kid
                        ? keys.EnsureAsync(kid, context.HttpContext.RequestAborted)
                        : Task.CompletedTask,
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => TabTokenRules.HasScope(context.User, TabOptions.Scope)));
        return services;
    }

    /// <summary>The key id of a bearer token's header, read without trusting it, only to fetch keys.</summary>
    private static string? KeyIdOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        var raw = header["Bearer ".Length..].Trim();
        try
        {
            return handler.CanReadToken(raw) ? handler.ReadJsonWebToken(raw).Kid ?? "" : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
