namespace PartnershipBot.Notifications;

/// <summary>The outbox's rules as pure functions: what an attempt's result does to a message, and when to try again.</summary>
internal static class OutboxRules
{
    /// <summary>Most total attachment bytes in one e-mail: Graph's sendMail takes at most 4 MB per request, and base64 adds a third.</summary>
    public const int MaxAttachmentBytes = 3 * 1024 * 1024;

    /// <summary>The message after an attempt that ended with <paramref name="result"/> at <paramref name="now"/>.</summary>
    public static OutboxMessage AfterAttempt(OutboxMessage message, DeliveryResult result, DateTimeOffset now, NotificationsOptions options)
    {
        var attempted = message with { Attempts = message.Attempts + 1 };
        switch (result.Outcome)
        {
            case DeliveryOutcome.Sent:
                return attempted with
                {
                    Status = OutboxStatus.Sent,
                    SentAt = now,
                    LastError = null,
                    SentServiceUrl = result.Sent?.ServiceUrl,
                    SentConversationId = result.Sent?.ConversationId,
                    SentActivityId = result.Sent?.ActivityId,
                };
            case DeliveryOutcome.Skipped:
                return attempted with { Status = OutboxStatus.Skipped, LastError = result.Reason };
            case DeliveryOutcome.Unreachable:
                return attempted with { Status = OutboxStatus.Unreachable, LastError = result.Reason };
            default:
                if (attempted.Attempts >= options.MaxAttempts)
                {
                    var final = result.Outcome == DeliveryOutcome.Waiting ? OutboxStatus.Unreachable : OutboxStatus.DeadLettered;
                    return attempted with { Status = final, LastError = result.Reason };
                }

                return attempted with
                {
                    Status = OutboxStatus.Pending,
                    LastError = result.Reason,
                    NextAttemptAt = now + RetryDelay(attempted.Attempts, result.RetryAfter, options),
                };
        }
    }

    /// <summary>Exponential backoff (base, 2×base, 4×base… capped), or the server's Retry-After when that is longer.</summary>
    public static TimeSpan RetryDelay(int attemptsMade, TimeSpan? retryAfter, NotificationsOptions options)
    {
        var exponent = Math.Clamp(attemptsMade - 1, 0, 30);
        var backoff = TimeSpan.FromTicks((long)Math.Min(options.BaseRetryDelay.Ticks * Math.Pow(2, exponent), options.MaxRetryDelay.Ticks));
        return retryAfter is { } serverSays && serverSays > backoff ? serverSays : backoff;
    }

    /// <summary>Why a message cannot be enqueued, or null when it can.</summary>
    public static string? Problem(OutboxMessage message) => message switch
    {
        { IdempotencyKey: null or "" } => "An outbox message needs an idempotency key.",
        { RecipientId: null or "" } => $"Outbox message {message.IdempotencyKey} has no recipient.",
        { Kind: OutboxKind.ChatCard, Payload: null } => $"Chat card {message.IdempotencyKey} has no card (Payload).",
        { Kind: OutboxKind.ActivityFeed, ActivityType: null or "" } => $"Activity-feed message {message.IdempotencyKey} has no ActivityType.",
        { Kind: OutboxKind.Email, Subject: null or "" } => $"E-mail {message.IdempotencyKey} has no subject.",
        { Kind: OutboxKind.Email } when message.Attachments.Sum(a => (long)a.Content.Length) > MaxAttachmentBytes =>
            $"E-mail {message.IdempotencyKey} has more than {MaxAttachmentBytes / 1024 / 1024} MB of attachments, more than Graph's sendMail accepts.",
        _ => null,
    };

    /// <summary>A short reference for a message, easy to type in "outbox retry".</summary>
    public static string ShortRef(string idempotencyKey) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 4));
}
