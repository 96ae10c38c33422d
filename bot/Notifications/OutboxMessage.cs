using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PartnershipBot.Notifications;

/// <summary>What kind of delivery an outbox message is.</summary>
internal enum OutboxKind
{
    /// <summary>Graph sendMail from the service mailbox.</summary>
    Email,

    /// <summary>Graph sendActivityNotification (Teams activity feed).</summary>
    ActivityFeed,

    /// <summary>A proactive bot message (usually a card) in the recipient's 1:1 chat with the bot.</summary>
    ChatCard,
}

/// <summary>Delivery state of an outbox message.</summary>
internal enum OutboxStatus
{
    Pending,
    Sent,

    /// <summary>Gave up after the configured number of failed attempts; the PPM can requeue it ("outbox retry").</summary>
    DeadLettered,

    /// <summary>Not applicable here (e.g. e-mail with no service mailbox configured); nothing was sent.</summary>
    Skipped,

    /// <summary>The recipient cannot receive it (no chat with the bot, no e-mail address); the feature tells the submitter.</summary>
    Unreachable,
}

/// <summary>A file attached to an e-mail.</summary>
internal sealed record EmailAttachment(string Name, string ContentType, byte[] Content)
{
    /// <summary>
    /// Graph takes a file attachment inline in sendMail only under 3 MB, in a request under 4 MB; base64 makes 3 bytes
    /// 4, so 2.5 MB of file leaves room for the body. Larger files would need an upload session (not done).
    /// </summary>
    public const int MaxInlineBytes = 2_500_000;
}

/// <summary>
/// A paper (<c>Documents.Downloads.IDocumentSource</c> kind and subject) attached to an e-mail: made for its recipient
/// when the e-mail is sent, by the paper's own read rule, so a large report never holds up the turn that queued it.
/// </summary>
internal sealed record EmailPaper(string Kind, string SubjectId, string TenantId);

/// <summary>
/// One notification to deliver, written in the same transaction as the change that caused it and delivered
/// later by the dispatcher. <see cref="IdempotencyKey"/> makes a second enqueue of the same notification a no-op.
/// </summary>
internal sealed record OutboxMessage
{
    /// <summary>A chat card due now: the text is its subject and the plain fallback shown where the card cannot be.</summary>
    public static OutboxMessage ChatCard(string key, string recipientId, string text, JsonObject card, string topic, DateTimeOffset now) => new()
    {
        IdempotencyKey = key,
        Kind = OutboxKind.ChatCard,
        RecipientId = recipientId,
        Subject = text,
        Body = text,
        Payload = card,
        Topic = topic,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public required string IdempotencyKey { get; init; }
    public required OutboxKind Kind { get; init; }

    /// <summary>Entra object id of the recipient.</summary>
    public required string RecipientId { get; init; }

    public string? Subject { get; init; }

    /// <summary>E-mail HTML body, or activity-feed preview text, or plain fallback text for a chat card.</summary>
    public string? Body { get; init; }

    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>Papers made and attached when the e-mail is sent (<see cref="IEmailPapers"/>).</summary>
    public IReadOnlyList<EmailPaper> Papers { get; init; } = [];

    /// <summary>Chat card content (ChatCard) or activity-feed template parameters (ActivityFeed).</summary>
    public JsonObject? Payload { get; init; }

    /// <summary>Activity feed activity type as declared in the manifest (approvalRequested, approvalReminder, reviewDue).</summary>
    public string? ActivityType { get; init; }

    /// <summary>What the message is about (e.g. "submission:123"), so a delivered chat card can be found and updated later.</summary>
    public string? Topic { get; init; }

    /// <summary>Enqueued in the same write that marks this message Unreachable (e.g. telling a submitter who could not be reached).</summary>
    public OutboxMessage? IfUnreachable { get; init; }

    public OutboxStatus Status { get; init; } = OutboxStatus.Pending;
    public int Attempts { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Why the last attempt did not deliver: an error, or the reason it was skipped or unreachable. Never holds addresses or content.</summary>
    public string? LastError { get; init; }

    /// <summary>For ChatCard: the conversation and activity id the connector gave the sent card.</summary>
    public string? SentConversationId { get; init; }
    public string? SentActivityId { get; init; }
    public string? SentServiceUrl { get; init; }

    /// <summary>Stored version for optimistic concurrency (kept beside the JSON, not in it).</summary>
    [JsonIgnore]
    public int Version { get; init; }
}
