namespace PartnershipBot.Turns;

/// <summary>
/// One turn per conversation at a time, different conversations in parallel. LiteDB: in process
/// (<see cref="ConversationGate"/>); PostgreSQL: also across instances (a transaction-level advisory lock on the
/// conversation), because a conversation's turns may land on any instance.
/// </summary>
internal interface IConversationGate
{
    /// <summary>Waits until no other turn of the conversation runs; disposing the result lets the next one in.</summary>
    Task<IAsyncDisposable> EnterTurnAsync(string conversationId, CancellationToken cancellationToken);
}
