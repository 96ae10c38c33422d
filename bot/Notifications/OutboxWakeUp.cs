using PartnershipBot.Storage;

namespace PartnershipBot.Notifications;

/// <summary>Wakes the dispatcher once a commit that changed the outbox is durable (an after-commit hook).</summary>
internal sealed class OutboxWakeUp(OutboxSignal signal) : ICommitObserver
{
    public void Committed(CommitSummary summary)
    {
        if (summary.OutboxChanged)
        {
            signal.Notify();
        }
    }
}
