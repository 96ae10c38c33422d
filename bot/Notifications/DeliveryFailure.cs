using System.Globalization;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using PartnershipBot.Connector;

namespace PartnershipBot.Notifications;

/// <summary>Turns an exception from a send into a failed attempt: a short reason without addresses or content, and the server's Retry-After.</summary>
internal static class DeliveryFailure
{
    public static DeliveryResult From(Exception exception, DateTimeOffset now) => exception switch
    {
        ODataError { ResponseStatusCode: var status } odata =>
            DeliveryResult.Failure($"Graph returned {status}{(odata.Error?.Code is { Length: > 0 } code ? " " + code : "")}", RetryAfter(odata.ResponseHeaders, now)),
        ApiException { ResponseStatusCode: var status } api =>
            DeliveryResult.Failure($"Graph returned {status}", RetryAfter(api.ResponseHeaders, now)),
        ConnectorException connector => DeliveryResult.Failure($"Bot Connector returned {(int)connector.Status}"),
        UntrustedServiceUrlException => DeliveryResult.Failure("The chat's service URL is not trusted yet (set Bot:TrustedServiceUrls)"),
        HttpRequestException http => DeliveryResult.Failure($"Network error{(http.HttpRequestError != HttpRequestError.Unknown ? ": " + http.HttpRequestError : "")}"),
        TaskCanceledException or TimeoutException => DeliveryResult.Failure("Timed out"),
        Azure.Identity.AuthenticationFailedException => DeliveryResult.Failure("Could not get a Graph token from Entra"),
        _ => DeliveryResult.Failure($"Unexpected error ({exception.GetType().Name})"),
    };

    /// <summary>Retry-After as seconds or an HTTP date (RFC 9110), relative to <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(IDictionary<string, IEnumerable<string>>? headers, DateTimeOffset now)
    {
        var value = headers?.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at > now
            ? at - now
            : null;
    }
}
