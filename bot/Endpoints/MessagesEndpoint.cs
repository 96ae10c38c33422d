using System.Buffers;
using Microsoft.Extensions.Options;
using PartnershipBot.Auth;
using PartnershipBot.Connector;
using PartnershipBot.Hosting;
using PartnershipBot.Protocol;
using PartnershipBot.Turns;

namespace PartnershipBot.Endpoints;

/// <summary>POST /api/messages: read the activity, check it against its token, run the turn; invokes are answered inline.</summary>
internal static class MessagesEndpoint
{
    public const string Route = "/api/messages";

    /// <summary>Longest activity, user or conversation id accepted.</summary>
    public const int MaxIdLength = 512;

    /// <summary>
    /// Longest Entra object id or tenant id accepted (real ones are 36-character GUIDs): together they key a user's
    /// conversation reference, which must stay an index key under LiteDB's 1 KB.
    /// </summary>
    public const int MaxEntraIdLength = 128;

    public static RouteHandlerBuilder MapMessagesEndpoint(this IEndpointRouteBuilder endpoints, bool requireAuthentication)
    {
        var route = endpoints.MapPost(Route, HandleAsync);
        return requireAuthentication ? route.RequireAuthorization(BotAuthentication.Policy) : route;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        TurnPipeline pipeline,
        ServiceUrlTrust trust,
        IOptions<BotOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var bot = options.Value;
        byte[]? body;
        try
        {
            body = await ReadBodyAsync(http.Request, bot.MaxRequestBodyBytes, cancellationToken);
        }
        catch (BadHttpRequestException incomplete)
        {
            // The sender broke off mid-body (or sent a malformed one): nothing was read, so nothing is lost; not a server error.
            EndpointLog.BodyIncomplete(loggers.CreateLogger(typeof(MessagesEndpoint)), incomplete.Message);
            return Results.Text("The request body was broken off or malformed.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (body is null)
        {
            return Results.Text("The request body is larger than the limit.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var activity = ProtocolJson.ReadActivity(body, out var error);
        if (activity is null)
        {
            return Results.Text(error, statusCode: StatusCodes.Status400BadRequest);
        }

        var refusal = bot.IsDevelopmentMode
            ? (InboundTokenRules.TenantAllowed(bot.AllowedTenantIds, activity.TenantId) ? null : new InboundRefusal(403, "This tenant is not allowed to use the bot."))
            : InboundTokenRules.Check(http.User, activity, BotOptions.BotFrameworkIssuer, bot.AllowedTenantIds);
        if (refusal is not null)
        {
            EndpointLog.Refused(loggers.CreateLogger(typeof(MessagesEndpoint)), refusal.Status, refusal.Reason);
            return Results.Text(refusal.Reason, statusCode: refusal.Status);
        }

        if (activity.Type is ActivityTypes.Message or ActivityTypes.Invoke
            && (string.IsNullOrWhiteSpace(activity.ServiceUrl) || string.IsNullOrWhiteSpace(activity.Conversation?.Id)))
        {
            return Results.Text("The activity has no serviceUrl or conversation id to answer to.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (activity.ServiceUrl is { Length: > 0 } replyTo
            && !(Uri.TryCreate(replyTo, UriKind.Absolute, out var replyUri) && (replyUri.Scheme == Uri.UriSchemeHttps || replyUri.Scheme == Uri.UriSchemeHttp)))
        {
            // Only reachable in development mode (a channel token names a real URL); without it every reply would throw.
            return Results.Text("The activity's serviceUrl is not an http(s) URL.", statusCode: StatusCodes.Status400BadRequest);
        }

        // Teams ids are short; longer ones cannot be stored as keys (LiteDB index keys are under 1 KB).
        if (new[] { activity.Id, activity.From?.Id, activity.From?.AadObjectId, activity.Conversation?.Id, activity.ChannelId }.Any(id => id?.Length > MaxIdLength))
        {
            return Results.Text($"An id in the activity is longer than {MaxIdLength} characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (new[] { activity.From?.AadObjectId, activity.TenantId }.Any(id => id?.Length > MaxEntraIdLength))
        {
            return Results.Text($"An Entra object or tenant id in the activity is longer than {MaxEntraIdLength} characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        // The bot is for Teams: a user of another channel (Web Chat, Direct Line) is not an officer Teams vouches for.
        // Refused before anything is stored or sent; the log line is the only trace.
        if (!bot.ServedChannels.Contains(activity.ChannelId ?? "", StringComparer.OrdinalIgnoreCase))
        {
            EndpointLog.ChannelRefused(loggers.CreateLogger(typeof(MessagesEndpoint)), activity.ChannelId ?? "(none)");
            return Results.Text("This channel is not served by the bot.", statusCode: StatusCodes.Status403Forbidden);
        }

        var vouched = false;
        if (!bot.IsDevelopmentMode && http.User.FindFirst(InboundTokenRules.ServiceUrlClaim)?.Value is { Length: > 0 } claimed)
        {
            // The token's own serviceurl claim (equal to the activity's, checked above): the bot may send its token there.
            trust.Trust(claimed);
            vouched = true;
        }

        var response = await pipeline.ProcessAsync(activity, vouched, http.RequestServices, cancellationToken);
        switch (response)
        {
            case null:
                return Results.Ok();
            case { Json: null }:
                return Results.StatusCode(response.Status);
            case { Json: var json }:
                // Already serialised once for redeliveries (ProcessedActivities): written as it is.
                http.Response.StatusCode = response.Status;
                http.Response.ContentType = "application/json; charset=utf-8";
                http.Response.ContentLength = json.Length;
                await http.Response.Body.WriteAsync(json, cancellationToken);
                return Results.Empty;
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 64 * 1024));
        try
        {
            using var copy = new MemoryStream();
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > limit)
                {
                    return null;
                }

                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>Log events of the endpoints.</summary>
internal static partial class EndpointLog
{
    [LoggerMessage(2101, LogLevel.Warning, "Refused an activity with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, int status, string reason);

    [LoggerMessage(2102, LogLevel.Warning, "Refused an activity from channel {ChannelId}: the bot serves only the channels in Bot:AllowedChannelIds")]
    public static partial void ChannelRefused(ILogger logger, string channelId);

    [LoggerMessage(2103, LogLevel.Information, "Refused an activity whose body was incomplete: {Reason}")]
    public static partial void BodyIncomplete(ILogger logger, string reason);
}
