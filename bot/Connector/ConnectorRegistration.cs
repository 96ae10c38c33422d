using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using PartnershipBot.Auth;
using PartnershipBot.Hosting;

namespace PartnershipBot.Connector;

/// <summary>Registers the Bot Connector client with retries on the status codes Teams documents as retryable.</summary>
internal static class ConnectorRegistration
{
    public static IServiceCollection AddBotConnector(this IServiceCollection services)
    {
        services.AddSingleton<ServiceUrlTrust>();
        services.AddSingleton<ConversationPacer>();
        services.AddSingleton<ProactiveMessenger>();
        services.AddSingleton<IBotTokenProvider, BotTokenProvider>();
        services.AddHttpClient(BotTokenProvider.HttpClientName);
        services.AddHttpClient<ConnectorClient>(ConnectorClient.HttpClientName)
            .AddResilienceHandler("connector-retry", (pipeline, context) =>
            {
                var bot = context.ServiceProvider.GetRequiredService<IOptions<BotOptions>>().Value;
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectorClient).FullName!);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = bot.MaxSendRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                    MaxDelay = bot.MaxRetryDelay,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome)),
                    // One line per retry, no stack trace: the caller logs the failure (with its exception) once, when it is final.
                    OnRetry = args =>
                    {
                        ConnectorLog.Retrying(logger, args.AttemptNumber + 1, bot.MaxSendRetries, Describe(args.Outcome), args.RetryDelay);
                        return ValueTask.CompletedTask;
                    },
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(20));
            });
        return services;
    }

    /// <summary>429, 412, 502, 504 and other 5xx are retried (Teams' guidance); transport failures too.</summary>
    public static bool IsRetryable(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Exception: Polly.Timeout.TimeoutRejectedException } => true,
        { Result: { } response } => IsRetryable(response.StatusCode),
        _ => false,
    };

    /// <summary>What went wrong, briefly: the status code, or the exception's type and message (never a stack trace).</summary>
    public static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => $"{(int)response.StatusCode} {response.ReasonPhrase}",
        { Exception: { } exception } => $"{exception.GetType().Name}: {exception.Message}",
        _ => "unknown",
    };

    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed || (int)status >= 500;
}

/// <summary>Log events of the Bot Connector client.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(2201, LogLevel.Warning, "Bot Connector call failed ({Reason}); retry {Attempt} of {MaxRetries} in {Delay}")]
    public static partial void Retrying(ILogger logger, int attempt, int maxRetries, string reason, TimeSpan delay);
}
