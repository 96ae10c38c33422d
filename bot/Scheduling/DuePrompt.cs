namespace PartnershipBot.Scheduling;

/// <summary>
/// A timed prompt persisted with its due time. The key is idempotent (e.g. "annual-return:P7:2027" or
/// "approval-reminder:S12:2"), so planning the same prompt twice stores it once and it is sent once.
/// </summary>
internal sealed record DuePrompt
{
    public required string Key { get; init; }

    /// <summary>Which <see cref="IDuePromptHandler"/> handles it.</summary>
    public required string Kind { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    /// <summary>What it is about, e.g. a partnership or submission id.</summary>
    public required string SubjectId { get; init; }

    public DateTimeOffset? DoneAt { get; init; }

    /// <summary>Failed attempts so far; a failed prompt is retried later, never dropped.</summary>
    public int Attempts { get; init; }
}

/// <summary>Handles due prompts of one kind; runs in the background scheduler, never on a turn.</summary>
internal interface IDuePromptHandler
{
    string Kind { get; }

    /// <summary>Sends the prompt (normally by enqueueing outbox messages) and may plan follow-ups.</summary>
    Task HandleAsync(DuePrompt prompt, CancellationToken cancellationToken);
}

/// <summary>Persisted due prompts.</summary>
internal interface IDuePromptStore
{
    /// <summary>Stores prompts whose key is not already stored; existing ones (done or not) are left alone.</summary>
    Task PlanAsync(IReadOnlyList<DuePrompt> prompts, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> prompts due by <paramref name="now"/>, not done, that no live lease holds, for
    /// <paramref name="owner"/> until <paramref name="leaseUntil"/>: no other claimer gets them until the lease ends (a
    /// crashed owner's prompts are then taken over). Marking a prompt done or retrying it later releases its lease.
    /// </summary>
    Task<IReadOnlyList<DuePrompt>> ClaimDueAsync(DateTimeOffset now, int max, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    Task MarkDoneAsync(string key, DateTimeOffset doneAt, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt and moves the prompt's due time to <paramref name="retryAt"/>.</summary>
    Task RetryLaterAsync(string key, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>Every prompt of a subject (done or not), oldest due first: for status views and tests.</summary>
    Task<IReadOnlyList<DuePrompt>> ForSubjectAsync(string subjectId, CancellationToken cancellationToken);

    /// <summary>Marks not-yet-done prompts of a subject done, e.g. reminders once a decision is made.</summary>
    Task CancelForSubjectAsync(string kind, string subjectId, DateTimeOffset at, CancellationToken cancellationToken);
}
