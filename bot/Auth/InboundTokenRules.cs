using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using PartnershipBot.Protocol;

namespace PartnershipBot.Auth;

/// <summary>
/// The Bot Connector checks that need the activity as well as the token (signature, issuer, audience, algorithm and
/// lifetime are checked by JwtBearer before the body is read). Pure functions, tested directly.
/// </summary>
/// <remarks>
/// Which tokens get here: Bot Framework channel tokens, and for single-tenant bots Entra v1/v2 tokens of the bot's own
/// tenant. Emulator tokens (Entra tokens of the Bot Framework's own tenants) are not accepted at all. Whatever the
/// issuer, the token must name the activity's serviceUrl: the bot sends its own connector token there, and the user
/// the activity names is trusted only because the channel that sent the token vouches for the activity.
/// </remarks>
internal static class InboundTokenRules
{
    public const string EndorsementClaim = "endorsement";
    public const string ServiceUrlClaim = "serviceurl";
    public const string TenantClaim = "tid";

    /// <summary>Why an authenticated request is still refused, or null when it may be processed.</summary>
    public static InboundRefusal? Check(ClaimsPrincipal user, Activity activity, string botFrameworkIssuer, IReadOnlyCollection<string> allowedTenantIds)
    {
        var issuer = user.FindFirst("iss")?.Value;
        if (issuer == botFrameworkIssuer)
        {
            // Channel tokens: the signing key must be endorsed for the channel the activity claims to come from.
            var endorsements = user.FindAll(EndorsementClaim).Select(c => c.Value).ToList();
            if (!IsEndorsedFor(endorsements, activity.ChannelId))
            {
                return new InboundRefusal(401, "The token's signing key is not endorsed for this channel.");
            }
        }
        else if (!SameTenant(user.FindFirst(TenantClaim)?.Value, activity.TenantId))
        {
            // Entra tokens say which tenant issued them; an activity claiming another tenant is not this token's.
            return new InboundRefusal(401, "The token's tenant does not match the activity's tenant.");
        }

        // Every token, whoever issued it: an Entra client-credentials token carries no serviceurl and is refused here.
        if (!ServiceUrlMatches(user.FindFirst(ServiceUrlClaim)?.Value, activity.ServiceUrl))
        {
            return new InboundRefusal(401, "The token's serviceUrl does not match the activity's serviceUrl.");
        }

        return TenantAllowed(allowedTenantIds, activity.TenantId)
            ? null
            : new InboundRefusal(403, "This tenant is not allowed to use the bot.");
    }

    public static bool IsEndorsedFor(IReadOnlyCollection<string> endorsements, string? channelId) =>
        !string.IsNullOrEmpty(channelId) && endorsements.Contains(channelId, StringComparer.OrdinalIgnoreCase);

    /// <summary>Both must be present and equal, ignoring case and a trailing slash.</summary>
    public static bool ServiceUrlMatches(string? claim, string? serviceUrl) =>
        !string.IsNullOrWhiteSpace(claim)
        && !string.IsNullOrWhiteSpace(serviceUrl)
        && string.Equals(claim.TrimEnd('/'), serviceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>Both present and equal (tenant ids are GUIDs: case does not matter).</summary>
    public static bool SameTenant(string? tokenTenant, string? activityTenant) =>
        !string.IsNullOrEmpty(tokenTenant) && string.Equals(tokenTenant, activityTenant, StringComparison.OrdinalIgnoreCase);

    public static bool TenantAllowed(IReadOnlyCollection<string> allowedTenantIds, string? tenantId) =>
        allowedTenantIds.Count == 0
        || (tenantId is not null && allowedTenantIds.Contains(tenantId, StringComparer.OrdinalIgnoreCase));

    /// <summary>The channels a key from the Bot Framework key set is endorsed for (its "endorsements" member).</summary>
    public static IReadOnlyList<string> EndorsementsOf(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var raw) || raw is null)
        {
            return [];
        }

        return raw switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            IEnumerable<string> strings => strings.ToList(),
            IEnumerable<object> objects => objects.Select(o => o?.ToString() ?? "").Where(s => s.Length > 0).ToList(),
            string single => [single],
            _ => [],
        };
    }
}

/// <summary>An authenticated request refused after reading the activity: the status to answer with and why.</summary>
internal sealed record InboundRefusal(int Status, string Reason);
