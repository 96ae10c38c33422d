namespace PartnershipBot.Notifications;

/// <summary>Log events of the outbox. Keys, kinds and reasons only: never addresses, subjects or bodies.</summary>
internal static partial class NotificationsLog
{
    [LoggerMessage(3001, LogLevel.Information, "Outbox dispatcher started (e-mail {EmailEnabled}, activity feed {FeedEnabled}, app install {InstallEnabled})")]
    public static partial void Started(ILogger logger, bool emailEnabled, bool feedEnabled, bool installEnabled);

    [LoggerMessage(3002, LogLevel.Information, "Outbox message {Key} ({Kind}) sent after {Attempts} attempt(s)")]
    public static partial void Sent(ILogger logger, string key, OutboxKind kind, int attempts);

    [LoggerMessage(3003, LogLevel.Information, "Outbox message {Key} ({Kind}) skipped: {Reason}")]
    public static partial void Skipped(ILogger logger, string key, OutboxKind kind, string? reason);

    [LoggerMessage(3004, LogLevel.Warning, "Outbox message {Key} ({Kind}): recipient unreachable: {Reason}")]
    public static partial void Unreachable(ILogger logger, string key, OutboxKind kind, string? reason);

    [LoggerMessage(3005, LogLevel.Warning, "Outbox message {Key} ({Kind}) attempt {Attempt} failed: {Reason}")]
    public static partial void AttemptFailed(ILogger logger, string key, OutboxKind kind, int attempt, string? reason);

    /// <summary>The exception itself only at Debug: a service's error text can quote an address.</summary>
    [LoggerMessage(3011, LogLevel.Debug, "Outbox message {Key} attempt failed with an exception")]
    public static partial void AttemptFailedDetail(ILogger logger, string key, Exception exception);

    [LoggerMessage(3006, LogLevel.Information, "Outbox message {Key} ({Kind}) will be tried again at {NextAttemptAt:O}: {Reason}")]
    public static partial void RetryScheduled(ILogger logger, string key, OutboxKind kind, DateTimeOffset nextAttemptAt, string? reason);

    [LoggerMessage(3007, LogLevel.Error, "Outbox message {Key} ({Kind}) dead-lettered after {Attempts} attempts: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string key, OutboxKind kind, int attempts, string? reason);

    [LoggerMessage(3008, LogLevel.Warning, "Outbox message {Key} changed while it was being delivered; its result was not recorded")]
    public static partial void ChangedMeanwhile(ILogger logger, string key);

    [LoggerMessage(3009, LogLevel.Error, "An outbox round failed; trying again shortly")]
    public static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(3010, LogLevel.Information, "Outbox message {Key} requeued by {UserId}")]
    public static partial void Requeued(ILogger logger, string key, string userId);
}
