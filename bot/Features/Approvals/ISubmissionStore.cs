using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Features.Approvals;

/// <summary>Submissions under approval, saved with optimistic concurrency and their notifications in the same write.</summary>
internal interface ISubmissionStore
{
    Task<Submission?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every submission the officer made, newest first.</summary>
    Task<IReadOnlyList<Submission>> ListBySubmitterAsync(string submitterId, CancellationToken cancellationToken);

    /// <summary>Every submission waiting for someone (not decided, not withdrawn), oldest submitted first.</summary>
    Task<IReadOnlyList<Submission>> ListWaitingAsync(CancellationToken cancellationToken);

    /// <summary>Decided submissions whose outcome is not yet published (register entry, card updates).</summary>
    Task<IReadOnlyList<Submission>> OutcomesToPublishAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Saves the submission only if the stored one is still at <see cref="Submission.Version"/> (0 = new), and adds
    /// the notifications to the outbox and plans the prompts (those not planned yet) in the same commit. Returns false,
    /// writing nothing, when someone saved first.
    /// </summary>
    Task<bool> TrySaveAsync(Submission submission, IReadOnlyList<OutboxMessage> notifications, IReadOnlyList<DuePrompt> prompts, CancellationToken cancellationToken);
}
