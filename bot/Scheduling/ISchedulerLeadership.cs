namespace PartnershipBot.Scheduling;

/// <summary>
/// Whether this instance is the one that plans and fires due prompts. Asked at the start of every scheduler pass, so
/// an instance that is not the leader tries again on its next pass and takes over when the leader is gone. The
/// leases on due prompts stay the guarantee that nothing fires twice (a leader that lost its lock mid-pass still
/// holds its claims); leadership keeps the other instances from planning and polling for nothing.
/// </summary>
internal interface ISchedulerLeadership
{
    Task<bool> IsLeaderAsync(CancellationToken cancellationToken);
}

/// <summary>One process holds the database (LiteDB): it always leads.</summary>
internal sealed class SingleProcessLeadership : ISchedulerLeadership
{
    public Task<bool> IsLeaderAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
