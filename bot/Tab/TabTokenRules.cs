using System.Security.Claims;
using PartnershipBot.Features.Partnerships;

namespace PartnershipBot.Tab;

/// <summary>
/// The tab's SSO token rules beyond what JwtBearer checks (signature, issuer, audience, lifetime): pure functions,
/// tested directly.
/// </summary>
internal static class TabTokenRules
{
    public const string ObjectIdClaim = "oid";
    public const string TenantIdClaim = "tid";
    public const string ScopeClaim = "scp";

    /// <summary>The issuers of the bot's tenant: v2.0 and, when accepted, v1.</summary>
    public static IReadOnlyList<string> Issuers(string authorityHost, string tenantId, bool acceptV1) =>
        string.IsNullOrWhiteSpace(tenantId)
            ? []
            : acceptV1
                ? [$"{authorityHost.TrimEnd('/')}/{tenantId}/v2.0", $"https://sts.windows.net/{tenantId}/"]
                : [$"{authorityHost.TrimEnd('/')}/{tenantId}/v2.0"];

    /// <summary>"scp" is a space-separated list; the tab's own scope must be one of its entries.</summary>
    public static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.FindAll(ScopeClaim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Contains(scope, StringComparer.Ordinal);

    /// <summary>The caller a validated token vouches for, or null when it lacks the user's object id or names another tenant.</summary>
    public static Caller? CallerOf(ClaimsPrincipal user, string tenantId)
    {
        var oid = user.FindFirst(ObjectIdClaim)?.Value;
        var tid = user.FindFirst(TenantIdClaim)?.Value;
        if (string.IsNullOrWhiteSpace(oid) || oid.Length > 100 || !string.Equals(tid, tenantId, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var name = user.FindFirst("name")?.Value ?? user.FindFirst("preferred_username")?.Value ?? "";
        return new Caller(oid, tid!, name.Length > 200 ? name[..200] : name);
    }
}
