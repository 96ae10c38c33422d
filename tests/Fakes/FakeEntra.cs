using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PartnershipBot.Tests.Fakes;

/// <summary>
/// Fake Entra and Bot Framework identity services over HTTPS: OpenID metadata and JWKS (with endorsements)
/// for both, and a client-credentials token endpoint. Tests sign real JWTs with its keys.
/// </summary>
public sealed class FakeEntra : FakeServer
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    private readonly ConcurrentDictionary<string, (RsaSecurityKey Key, string[] Endorsements)> _channelKeys = new();
    private readonly ConcurrentDictionary<string, RsaSecurityKey> _entraKeys = new();
    private readonly ConcurrentQueue<IFormCollection> _tokenRequests = new();

    public FakeEntra()
    {
        AddChannelKey("channel-key-1", "msteams", "emulator");
        AddEntraKey("entra-key-1");
    }

    protected override bool UseHttps => true;

    private int _metadataDocumentRequests;
    private int _entraMetadataDocumentRequests;
    private int _keySetRequests;

    /// <summary>False: every metadata and key-set request is answered 500, as a failing identity service would.</summary>
    public bool MetadataAvailable { get; set; } = true;

    /// <summary>How many Bot Framework OpenID metadata documents were asked for, answered or not.</summary>
    public int MetadataDocumentRequests => Volatile.Read(ref _metadataDocumentRequests);

    /// <summary>Entra tenants' metadata documents (the bot's token validation and its outbound credential both read them).</summary>
    public int EntraMetadataDocumentRequests => Volatile.Read(ref _entraMetadataDocumentRequests);

    public int KeySetRequests => Volatile.Read(ref _keySetRequests);

    public string BotFrameworkMetadataUrl => $"{BaseUrl}/botframework/v1/.well-known/openidconfiguration";

    public IReadOnlyCollection<IFormCollection> TokenRequests => _tokenRequests;

    /// <summary>Adds a Bot Framework signing key endorsed for the given channels (as the real key set does).</summary>
    public RsaSecurityKey AddChannelKey(string keyId, params string[] endorsements)
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = keyId };
        _channelKeys[keyId] = (key, endorsements);
        return key;
    }

    public RsaSecurityKey AddEntraKey(string keyId)
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = keyId };
        _entraKeys[keyId] = key;
        return key;
    }

    public RsaSecurityKey ChannelKey(string keyId) => _channelKeys[keyId].Key;

    public RsaSecurityKey EntraKey(string keyId) => _entraKeys[keyId];

    public string EntraIssuer(string tenantId) => $"{BaseUrl}/{tenantId}/v2.0";

    /// <summary>Signs a token as the channel (or anyone holding <paramref name="key"/>) would.</summary>
    public static string SignToken(SecurityKey key, string issuer, string audience, IDictionary<string, object>? claims = null,
        DateTime? notBefore = null, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            IssuedAt = (notBefore ?? now.AddMinutes(-1)),
            Expires = expires ?? now.AddHours(1),
            Claims = claims ?? new Dictionary<string, object>(),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    protected override void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/botframework/v1/.well-known/openidconfiguration", () => Counted(ref _metadataDocumentRequests) ?? Results.Json(new JsonObject
        {
            ["issuer"] = BotFrameworkIssuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = $"{BaseUrl}/botframework/v1/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }));
        endpoints.MapGet("/botframework/v1/keys", () => Counted(ref _keySetRequests) ?? Results.Json(KeySet(_channelKeys.Values.Select(k => (k.Key, k.Endorsements)))));
        endpoints.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Counted(ref _entraMetadataDocumentRequests) ?? Results.Json(new JsonObject
        {
            ["issuer"] = EntraIssuer(tenant),
            ["token_endpoint"] = $"{BaseUrl}/{tenant}/oauth2/v2.0/token",
            ["authorization_endpoint"] = $"{BaseUrl}/{tenant}/oauth2/v2.0/authorize",
            ["jwks_uri"] = $"{BaseUrl}/{tenant}/discovery/v2.0/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        endpoints.MapGet("/{tenant}/discovery/v2.0/keys", () => Counted(ref _keySetRequests) ?? Results.Json(KeySet(_entraKeys.Values.Select(k => (k, Array.Empty<string>())))));
        endpoints.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpRequest request, string tenant) =>
        {
            var form = await request.ReadFormAsync();
            _tokenRequests.Enqueue(form);
            var token = SignToken(_entraKeys.Values.First(), EntraIssuer(tenant), "https://api.botframework.com",
                new Dictionary<string, object> { ["appid"] = form["client_id"].ToString() });
            return Results.Json(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["ext_expires_in"] = 3600,
                ["access_token"] = token,
            });
        });
    }

    /// <summary>Counts the request; a 500 when metadata is switched off, else null (serve it).</summary>
    private IResult? Counted(ref int counter)
    {
        Interlocked.Increment(ref counter);
        return MetadataAvailable ? null : Results.StatusCode(500);
    }

    private static JsonObject KeySet(IEnumerable<(RsaSecurityKey Key, string[] Endorsements)> keys)
    {
        var array = new JsonArray();
        foreach (var (key, endorsements) in keys)
        {
            var parameters = key.Rsa.ExportParameters(false);
            var jwk = new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
            if (endorsements.Length > 0)
            {
                jwk["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode?)e).ToArray());
            }

            array.Add(jwk);
        }

        return new JsonObject { ["keys"] = array };
    }
}
