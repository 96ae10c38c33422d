using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PartnershipBot.Auth;

/// <summary>
/// The signing keys of one OpenID metadata document, with each key's endorsements. Loaded on first use, refreshed
/// daily, and refreshed when a token names a key id the cache does not know (keys rotate).
/// </summary>
/// <remarks>
/// Fetches are throttled whatever the tokens say: none for <see cref="MinFetchInterval"/> after a failure, and at most
/// one per interval for unknown key ids, so forged tokens cannot make the bot hammer the metadata endpoint. A failed
/// fetch keeps the keys already loaded and is one warning line; tokens that need keys the bot does not have fail
/// validation (401).
/// </remarks>
internal sealed class SigningKeyCache(string metadataUrl, HttpClient http, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan MinFetchInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private volatile IReadOnlyList<JsonWebKey> _keys = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastUnknownKidFetch = DateTimeOffset.MinValue;
    private DateTimeOffset _lastFailure = DateTimeOffset.MinValue;

    /// <summary>Makes sure the keys are loaded, and fresh enough to contain <paramref name="keyId"/> if it exists.</summary>
    public async Task EnsureAsync(string? keyId, CancellationToken cancellationToken)
    {
        if (!NeedsFetch(keyId, time.GetUtcNow()))
        {
            return;
        }

        // One fetch at a time: requests that arrive during it wait for its keys, then find no fetch needed (the attempt counts).
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (!NeedsFetch(keyId, now))
            {
                return;
            }

            if (IsUnknownKid(keyId) && !IsStale(now))
            {
                _lastUnknownKidFetch = now;
            }

            var retriever = new HttpDocumentRetriever(http) { RequireHttps = metadataUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) };
            var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(metadataUrl, retriever, cancellationToken);
            _keys = configuration.JsonWebKeySet?.Keys.ToList() ?? [];
            _loadedAt = time.GetUtcNow();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Unreachable, refused, timed out or not a metadata document: the cause in one line, no stack trace.
            _lastFailure = time.GetUtcNow();
            AuthLog.MetadataUnavailable(logger, metadataUrl, OneLine(ex), _keys.Count, MinFetchInterval.TotalSeconds);
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>For JwtBearer's key resolver: the keys with this id, or all keys when the token names none.</summary>
    public IEnumerable<SecurityKey> Resolve(string? keyId) =>
        keyId is null ? _keys : _keys.Where(k => k.Kid == keyId);

    public IReadOnlyList<string> EndorsementsOf(string? keyId) =>
        _keys.FirstOrDefault(k => k.Kid == keyId) is { } key ? InboundTokenRules.EndorsementsOf(key) : [];

    /// <summary>
    /// After a failure nothing for the interval; else when never loaded or a day old, or for an unknown kid at most once
    /// per interval. So at most two fetches per interval, whatever the tokens (the kid is the token's to choose).
    /// </summary>
    private bool NeedsFetch(string? keyId, DateTimeOffset now) =>
        now - _lastFailure >= MinFetchInterval
        && (IsStale(now) || (IsUnknownKid(keyId) && now - _lastUnknownKidFetch >= MinFetchInterval));

    private bool IsStale(DateTimeOffset now) => now - _loadedAt > MaxAge;

    private bool IsUnknownKid(string? keyId) => keyId is not null && !_keys.Any(k => k.Kid == keyId);

    private static string OneLine(Exception ex)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null && messages.Count < 3; e = e.InnerException)
        {
            messages.Add(e.Message.ReplaceLineEndings(" "));
        }

        return string.Join(" <- ", messages);
    }
}

/// <summary>Log events of inbound authentication.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(1201, LogLevel.Warning,
        "Could not fetch the OpenID metadata {Url}: {Reason}. Tokens needing keys not loaded ({LoadedKeys} loaded) are refused; next try in {RetrySeconds} s at the earliest.")]
    public static partial void MetadataUnavailable(ILogger logger, string url, string reason, int loadedKeys, double retrySeconds);
}
