namespace PartnershipBot.Turns;

/// <summary>
/// Activities already handled, with the invoke response each got, so one that Teams redelivers (it does when a bot
/// is slow) is answered again without being processed again. Kept for <see cref="Lifetime"/>: Teams redelivers
/// within seconds. LiteDB: in process (<see cref="ProcessedActivities"/>, one process holds the file); PostgreSQL: a
/// table every instance reads, so a redelivery that lands on another instance is recognised there too.
/// </summary>
internal interface IProcessedActivities
{
    /// <summary>How long a handled activity counts as handled.</summary>
    static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The earlier handling of the activity; null when it was not handled within the lifetime.</summary>
    Task<ProcessedActivity?> FindAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>Records the activity as handled with <paramref name="response"/> (null: it got a plain 200).</summary>
    Task RememberAsync(string conversationId, string activityId, TurnResponse? response, CancellationToken cancellationToken);
}

/// <summary>An activity handled earlier and the response it got (null: a plain 200).</summary>
internal sealed record ProcessedActivity(TurnResponse? Response);
