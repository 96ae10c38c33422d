using PartnershipBot.Connector;

namespace PartnershipBot.Notifications;

/// <summary>How one delivery attempt ended.</summary>
internal enum DeliveryOutcome
{
    Sent,
    Skipped,
    Unreachable,

    /// <summary>Not delivered yet for a reason expected to pass (the app was just installed); retried, and Unreachable when attempts run out.</summary>
    Waiting,

    /// <summary>An error; retried, and dead-lettered when attempts run out.</summary>
    Failed,
}

/// <summary>The result of one attempt; <see cref="Reason"/> never holds addresses or content.</summary>
internal sealed record DeliveryResult(DeliveryOutcome Outcome, string? Reason = null, TimeSpan? RetryAfter = null, SentMessage? Sent = null)
{
    public static DeliveryResult Delivered(SentMessage? sent = null) => new(DeliveryOutcome.Sent, Sent: sent);

    public static DeliveryResult Skip(string reason) => new(DeliveryOutcome.Skipped, reason);

    public static DeliveryResult NotReachable(string reason) => new(DeliveryOutcome.Unreachable, reason);

    public static DeliveryResult WaitFor(string reason) => new(DeliveryOutcome.Waiting, reason);

    public static DeliveryResult Failure(string reason, TimeSpan? retryAfter = null) => new(DeliveryOutcome.Failed, reason, retryAfter);
}

/// <summary>Delivers one kind of outbox message. Throwing is a failed attempt (retried).</summary>
internal interface INotificationSender
{
    OutboxKind Kind { get; }

    Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
