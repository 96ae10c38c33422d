namespace PartnershipBot.Turns;

/// <summary>
/// Where a turn starts and ends: one turn per conversation at a time (<see cref="IConversationGate"/>), an activity
/// handled before answered as recorded (<see cref="IProcessedActivities"/>), and recorded as handled before the
/// conversation's next turn may start, so a redelivery never finds it half done. One interface for the pair so a
/// backend can do each end in one step (PostgreSQL: one round trip each, see PostgreSqlConversationGate).
/// </summary>
internal interface ITurnLedger
{
    /// <summary>Waits for the conversation's turn; says whether <paramref name="activityId"/> was handled before.</summary>
    /// <param name="senderId">The sender's aadObjectId when known: a backend may read what the sender's turn usually needs with the wait (PostgreSQL: the open draft and its version).</param>
    Task<ITurnEntry> EnterAsync(string conversationId, string? activityId, string? senderId, CancellationToken cancellationToken);
}

/// <summary>A turn that holds its conversation: disposing it lets the next turn in.</summary>
internal interface ITurnEntry : IAsyncDisposable
{
    /// <summary>Set when the activity was handled before: answer with its response and do nothing else.</summary>
    ProcessedActivity? Earlier { get; }

    /// <summary>
    /// Stores the writes the turn holds back for its end now (PostgreSQL holds a draft save to send it with the turn's
    /// closing round trip): called before anything leaves the bot, so nothing is acknowledged before it is stored.
    /// Throws <see cref="TurnWriteRefusedException"/> when a held write is refused.
    /// </summary>
    Task StoreHeldWritesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores what the turn held back, records the activity as handled with <paramref name="response"/>, then lets
    /// the next turn in. When a held write is refused (<see cref="TurnWriteRefusedException"/>) nothing of it and no
    /// record are stored, so a retry of the activity is handled afresh; the next turn is let in all the same.
    /// </summary>
    Task CompleteAsync(TurnResponse? response, CancellationToken cancellationToken);
}

/// <summary>
/// A write the turn held back for its end was refused when it was stored (the record changed elsewhere in the
/// meantime): nothing of it was stored, and the turn's answer must say so instead of what it had prepared.
/// </summary>
internal sealed class TurnWriteRefusedException(string message) : Exception(message);

/// <summary>The ledger from a gate and a record of handled activities, one call each (the in-process backend's).</summary>
internal sealed class TurnLedger(IConversationGate gate, IProcessedActivities processed) : ITurnLedger
{
    public async Task<ITurnEntry> EnterAsync(string conversationId, string? activityId, string? senderId, CancellationToken cancellationToken)
    {
        var lease = await gate.EnterTurnAsync(conversationId, cancellationToken);
        try
        {
            var earlier = activityId is null ? null : await processed.FindAsync(conversationId, activityId, cancellationToken);
            return new Entry(lease, processed, conversationId, activityId, earlier);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    private sealed class Entry(IAsyncDisposable lease, IProcessedActivities processed, string conversationId, string? activityId, ProcessedActivity? earlier)
        : ITurnEntry
    {
        public ProcessedActivity? Earlier => earlier;

        // Every write of this backend is stored when it is made.
        public Task StoreHeldWritesAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task CompleteAsync(TurnResponse? response, CancellationToken cancellationToken)
        {
            if (activityId is not null)
            {
                await processed.RememberAsync(conversationId, activityId, response, cancellationToken);
            }

            await lease.DisposeAsync();
        }

        public ValueTask DisposeAsync() => lease.DisposeAsync();
    }
}
