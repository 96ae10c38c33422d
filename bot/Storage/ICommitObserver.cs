namespace PartnershipBot.Storage;

/// <summary>
/// After-commit hook: told once a commit is durable, e.g. to wake the outbox dispatcher. Storage calls out
/// through this instead of knowing who listens. Keep it quick and non-throwing: it runs on the committing caller.
/// </summary>
internal interface ICommitObserver
{
    void Committed(CommitSummary summary);
}

/// <summary>What a commit changed, as far as observers care.</summary>
internal sealed record CommitSummary(bool OutboxChanged)
{
    public static readonly CommitSummary Outbox = new(OutboxChanged: true);
}

/// <summary>Every registered <see cref="ICommitObserver"/>, called in registration order.</summary>
internal sealed class CommitObservers(IEnumerable<ICommitObserver> observers)
{
    private readonly ICommitObserver[] _observers = [.. observers];

    public void Committed(CommitSummary summary)
    {
        foreach (var observer in _observers)
        {
            observer.Committed(summary);
        }
    }
}
