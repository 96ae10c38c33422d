using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Storage;

/// <summary>
/// Writes that must commit together across stores. Begin a unit of work, queue writes on its parts, commit:
/// <code>
/// await using var work = await storage.BeginAsync(ct);
/// work.Submissions.Save(submission);
/// work.Outbox.Add(notifications);
/// work.Prompts.Plan(reminders);
/// if (!await work.CommitAsync(ct)) { /* someone saved first: nothing was written */ }
/// </code>
/// LiteDB runs the queued writes as one closure on its group-committed writer; PostgreSQL as one transaction.
/// </summary>
internal interface IStorage
{
    Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One atomic write. Parts only queue writes (and check their arguments at once); nothing is stored before
/// <see cref="CommitAsync"/>, and a unit disposed uncommitted stores nothing. Reads go through the stores.
/// </summary>
internal interface IUnitOfWork : IAsyncDisposable
{
    ISubmissionWrites Submissions { get; }

    IOutboxWrites Outbox { get; }

    IDuePromptWrites Prompts { get; }

    IPartnershipWrites Partnerships { get; }

    /// <summary>
    /// Stores every queued write, or none: false when an optimistic check (a stored version) failed, i.e. someone
    /// saved first. After-commit hooks (<see cref="ICommitObserver"/>) run once it is durable. Call once.
    /// </summary>
    Task<bool> CommitAsync(CancellationToken cancellationToken);
}
