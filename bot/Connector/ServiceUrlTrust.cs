using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PartnershipBot.Hosting;

namespace PartnershipBot.Connector;

/// <summary>
/// The service URLs the bot may send its token to: configured ones and those that arrived in authenticated
/// activities. A token sent anywhere else could be replayed against the real connector.
/// </summary>
internal sealed class ServiceUrlTrust(IOptions<BotOptions> options)
{
    // Configuration binding appends a configured list to the default one, so the default URL can come twice: harmless.
    private readonly ConcurrentDictionary<string, bool> _trusted = new(
        options.Value.TrustedServiceUrls.Select(Normalize).Distinct(StringComparer.OrdinalIgnoreCase).Select(u => KeyValuePair.Create(u, true)),
        StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl) => _trusted.TryAdd(Normalize(serviceUrl), true);

    public bool IsTrusted(string serviceUrl) => _trusted.ContainsKey(Normalize(serviceUrl));

    private static string Normalize(string url) => url.TrimEnd('/');
}
