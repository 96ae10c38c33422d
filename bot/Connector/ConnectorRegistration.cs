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
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = bot.MaxSendRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                    MaxDelay = bot.MaxRetryDelay,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome)),
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

    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed || (int)status >= 500;
}
