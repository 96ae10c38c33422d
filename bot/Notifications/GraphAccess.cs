using Azure.Core;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using PartnershipBot.Auth;
using PartnershipBot.Hosting;

namespace PartnershipBot.Notifications;

/// <summary>
/// The one Graph client of the process (app-only token from Entra), or none when Graph is not configured.
/// Its HttpClient has no retry handler on purpose: the outbox retries on its own clock, honouring Retry-After.
/// </summary>
internal sealed class GraphAccess
{
    public const string HttpClientName = "graph";
    public const string Scope = "https://graph.microsoft.com/.default";
    private readonly Lazy<GraphServiceClient>? _client;

    public GraphAccess(IOptions<GraphOptions> graph, IOptions<BotOptions> bot, IHttpClientFactory http)
    {
        Options = graph.Value;
        if (Options.IsConfigured(bot.Value))
        {
            _client = new Lazy<GraphServiceClient>(() => Create(Options, bot.Value, http));
        }
    }

    public GraphOptions Options { get; }

    public bool IsConfigured => _client is not null;

    public GraphServiceClient Client => _client?.Value ?? throw new InvalidOperationException("Microsoft Graph is not configured (see the Graph settings).");

    /// <summary>A stable GUID per message, sent as client-request-id on every attempt so Graph's logs tie the attempts together.</summary>
    public static string RequestId(string idempotencyKey) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 16)).ToString();

    private static GraphServiceClient Create(GraphOptions graph, BotOptions bot, IHttpClientFactory http)
    {
        var credential = Credential(graph, bot, http.CreateClient(BotTokenProvider.HttpClientName));
        var baseUrl = graph.BaseUrl.TrimEnd('/');

        // The token goes to the configured Graph host only.
        var auth = new AzureIdentityAuthenticationProvider(credential, [new Uri(baseUrl).Host], null, false, Scope);
        return new GraphServiceClient(http.CreateClient(HttpClientName), auth, baseUrl);
    }

    private static TokenCredential Credential(GraphOptions graph, BotOptions bot, HttpClient entra)
    {
        if (string.IsNullOrWhiteSpace(graph.ClientId))
        {
            return EntraCredential.Create(bot, entra, graph.TenantId);
        }

        var separate = new BotOptions
        {
            MicrosoftAppType = BotAppType.SingleTenant,
            MicrosoftAppId = graph.ClientId,
            MicrosoftAppPassword = graph.ClientSecret,
            MicrosoftAppTenantId = graph.TenantId,
            EntraAuthorityHost = bot.EntraAuthorityHost,
        };
        return EntraCredential.Create(separate, entra, graph.TenantId);
    }
}
