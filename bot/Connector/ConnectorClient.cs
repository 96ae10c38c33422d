using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using PartnershipBot.Auth;
using PartnershipBot.Protocol;

namespace PartnershipBot.Connector;

/// <summary>Bot Connector REST client: one method per call the bot makes. Retries live in the HttpClient's resilience handler.</summary>
internal sealed class ConnectorClient(
    HttpClient http,
    IBotTokenProvider tokens,
    ServiceUrlTrust trust,
    ConversationPacer pacer)
{
    public const string HttpClientName = "bot-connector";
    private static readonly ResourceResponse EmptyResource = new(null);

    /// <summary>POST /v3/conversations/{conversationId}/activities/{replyToId}.</summary>
    public Task<ResourceResponse> ReplyToActivityAsync(Activity reply, CancellationToken cancellationToken)
    {
        var (serviceUrl, conversationId) = Address(reply);
        var path = reply.ReplyToId is { Length: > 0 } replyTo
            ? $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyTo)}"
            : $"v3/conversations/{Escape(conversationId)}/activities";
        return SendAsync(HttpMethod.Post, serviceUrl, path, conversationId, reply, ProtocolJson.Default.Activity, ProtocolJson.Default.ResourceResponse, EmptyResource, cancellationToken);
    }

    /// <summary>POST /v3/conversations/{conversationId}/activities: a new message in a conversation (proactive).</summary>
    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", conversationId, activity,
            ProtocolJson.Default.Activity, ProtocolJson.Default.ResourceResponse, EmptyResource, cancellationToken);

    /// <summary>PUT /v3/conversations/{conversationId}/activities/{activityId}: replace a message, e.g. a card after a decision.</summary>
    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", conversationId, activity,
            ProtocolJson.Default.Activity, ProtocolJson.Default.ResourceResponse, EmptyResource, cancellationToken);

    /// <summary>POST /v3/conversations: opens (or finds) the 1:1 chat between the bot and a user.</summary>
    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, "v3/conversations", conversationId: null, parameters,
            ProtocolJson.Default.ConversationParameters, ProtocolJson.Default.ConversationResourceResponse, new ConversationResourceResponse(null, null, null), cancellationToken);

    private async Task<TResponse> SendAsync<TBody, TResponse>(
        HttpMethod method, string serviceUrl, string path, string? conversationId, TBody body,
        JsonTypeInfo<TBody> bodyType, JsonTypeInfo<TResponse> responseType, TResponse whenEmpty, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken);
        if (token is not null && !trust.IsTrusted(serviceUrl))
        {
            throw new UntrustedServiceUrlException(serviceUrl);
        }

        if (conversationId is not null)
        {
            await pacer.WaitTurnAsync(conversationId, cancellationToken);
        }

        using var request = new HttpRequestMessage(method, new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path))
        {
            Content = JsonContent.Create(body, bodyType),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectorException(response.StatusCode, method.Method, path);
        }

        // Some calls (PUT) may answer with no body; that is still a success.
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return whenEmpty;
        }

        return await response.Content.ReadFromJsonAsync(responseType, cancellationToken) ?? whenEmpty;
    }

    private static (string ServiceUrl, string ConversationId) Address(Activity activity) =>
        (activity.ServiceUrl ?? throw new ArgumentException("The activity has no serviceUrl."),
         activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id."));

    private static string Escape(string id) => Uri.EscapeDataString(id);
}

/// <summary>The connector refused a call after retries.</summary>
internal sealed class ConnectorException(HttpStatusCode status, string method, string path)
    : Exception($"Bot Connector {method} {path} failed with {(int)status}.")
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>A send was asked for a service URL no authenticated activity vouched for; the token is not sent.</summary>
internal sealed class UntrustedServiceUrlException(string serviceUrl)
    : Exception($"Refusing to send the bot token to untrusted service URL {serviceUrl}.");
