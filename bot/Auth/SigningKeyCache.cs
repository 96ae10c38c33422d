using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PartnershipBot.Auth;

/// <summary>
/// The signing keys of one OpenID metadata document, with each key's endorsements. Loaded on first use,
/// refreshed daily, and refreshed at once when a token names a key id the cache does not know
/// (keys rotate); unknown-kid refreshes are then throttled so forged kids cannot hammer the endpoint.
/// </summary>
internal sealed class SigningKeyCache(string metadataUrl, HttpClient http, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    private static readonly TimeSpan UnknownKidCooldown = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile IReadOnlyList<JsonWebKey> _keys = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastUnknownKidRefresh = DateTimeOffset.MinValue;

    /// <summary>Makes sure the keys are loaded, and fresh enough to contain <paramref name="keyId"/> if it exists.</summary>
    public async Task EnsureAsync(string? keyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var known = keyId is not null && _keys.Any(k => k.Kid == keyId);
        var stale = now - _loadedAt > MaxAge;
        var mayRefreshForKid = !known && keyId is not null && now - _lastUnknownKidRefresh > UnknownKidCooldown;
        if (!stale && (known || !mayRefreshForKid))
        {
            return;
        }

        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            if (keyId is not null && _keys.Any(k => k.Kid == keyId) && time.GetUtcNow() - _loadedAt <= MaxAge)
            {
                return;
            }

            if (!stale)
            {
                _lastUnknownKidRefresh = now;
            }

            var retriever = new HttpDocumentRetriever(http) { RequireHttps = metadataUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) };
            var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(metadataUrl, retriever, cancellationToken);
            _keys = configuration.JsonWebKeySet?.Keys.ToList() ?? [];
            _loadedAt = time.GetUtcNow();
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>For JwtBearer's key resolver: the keys with this id, or all keys when the token names none.</summary>
    public IEnumerable<SecurityKey> Resolve(string? keyId) =>
        keyId is null ? _keys : _keys.Where(k => k.Kid == keyId);

    public IReadOnlyList<string> EndorsementsOf(string? keyId) =>
        _keys.FirstOrDefault(k => k.Kid == keyId) is { } key ? InboundTokenRules.EndorsementsOf(key) : [];
}
