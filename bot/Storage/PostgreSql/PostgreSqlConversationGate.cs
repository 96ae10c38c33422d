using Npgsql;
using PartnershipBot.Turns;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// One turn per conversation at a time across every instance: the turn holds a session-level advisory lock on the
/// conversation (<c>pg_advisory_lock(class, hashtext(conversation))</c>) on a connection of
/// <see cref="PostgreSqlLocks"/> until it is done, and lends that connection to its own store calls
/// (<see cref="PostgreSqlTurnConnection"/>). A session lock rather than a transaction-level one, so the turn's
/// reads and writes can run (and commit) on the lock's connection. An instance that dies mid-turn loses its
/// connection and with it the lock. Turns of this instance first queue in process, so a burst in one chat holds one
/// connection, not many, then for a place among the turns the instance works on at once
/// (<see cref="PostgreSqlTurnAdmission"/>). A hash collision only makes two conversations wait for each other.
/// As the turn ledger, each end of a turn is one round trip: the lock and one lookup of the activity and the sender's
/// open draft (<see cref="PostgreSqlTurnDrafts"/>) go as one batch, and so do the answer save the turn held for its
/// end (<see cref="PostgreSqlTurnConnection.TryHold"/>, with any other held write), the record of the handled
/// activity (committed first, with those writes) and the unlock.
/// </summary>
internal sealed class PostgreSqlConversationGate(
    PostgreSqlLocks locks, PostgreSqlDatabase database, PostgreSqlProcessedActivities processed, PostgreSqlTurnAdmission admission)
    : IConversationGate, ITurnLedger
{
    private const string Lock = "SELECT pg_advisory_lock($1, hashtext($2))";
    private const string Unlock = "SELECT pg_advisory_unlock($1, hashtext($2))";

    /// <summary>
    /// The activity's earlier handling (conversation $1, activity $2, now $3; none when $2 is null) and the sender's
    /// open draft (owner $4; none when null), as one row.
    /// </summary>
    private static readonly string Lookup = $"""
        SELECT f.*, o.* FROM (SELECT 1) AS one
        LEFT JOIN ({PostgreSqlProcessedActivities.FoundSql}) AS f ON true
        LEFT JOIN ({PostgreSqlTurnDrafts.OpenDraftSql("$4")}) AS o ON true
        """;
    private readonly ConversationGate _local = new();

    // Not async: the turn connection is made current in the caller's flow (see PostgreSqlTurnConnection.Enter).
    public Task<IAsyncDisposable> EnterTurnAsync(string conversationId, CancellationToken cancellationToken) =>
        As<IAsyncDisposable>(EnterTurnAsync(conversationId, null, null, cancellationToken));

    public Task<ITurnEntry> EnterAsync(string conversationId, string? activityId, string? senderId, CancellationToken cancellationToken) =>
        As<ITurnEntry>(EnterTurnAsync(conversationId, activityId, senderId, cancellationToken));

    private static async Task<T> As<T>(Task<Held> held) where T : class => (await held as T)!;

    private Task<Held> EnterTurnAsync(string conversationId, string? activityId, string? senderId, CancellationToken cancellationToken)
    {
        var turn = new PostgreSqlTurnConnection(database);
        PostgreSqlTurnConnection.Enter(turn);
        return EnterAsync(turn, conversationId, activityId, senderId is { Length: > 0 } ? senderId : null, cancellationToken);
    }

    private async Task<Held> EnterAsync(
        PostgreSqlTurnConnection turn, string conversationId, string? activityId, string? senderId, CancellationToken cancellationToken)
    {
        var local = await _local.EnterAsync(conversationId, cancellationToken);
        IDisposable? place = null;
        NpgsqlConnection? connection = null;
        try
        {
            place = await admission.EnterAsync(cancellationToken);
            connection = await locks.Source.OpenConnectionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection) { BatchCommands = { Statement(Lock, conversationId) } };
            if (activityId is not null || senderId is not null)
            {
                // Read after the lock is granted (its own statement: in read committed each statement sees what was
                // committed before it began); one statement for both lookups.
                batch.BatchCommands.Add(PostgreSqlDatabase.BatchCommand(Lookup, conversationId, activityId, processed.NowTicks, senderId));
            }

            ProcessedActivity? earlier = null;
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                if (batch.BatchCommands.Count > 1 && await reader.NextResultAsync(cancellationToken) && await reader.ReadAsync(cancellationToken))
                {
                    earlier = PostgreSqlProcessedActivities.Found(reader, 0);
                    if (senderId is not null)
                    {
                        turn.Drafts.Take(reader, 3, senderId);
                    }
                }
            }

            turn.Lend(connection);
            return new Held(turn, local, place, connection, conversationId, activityId, earlier, processed, database);
        }
        catch
        {
            if (connection is not null)
            {
                await DropAsync(connection);
            }

            place?.Dispose();
            local.Dispose();
            throw;
        }
    }

    private static NpgsqlBatchCommand Statement(string sql, string conversationId) =>
        new(sql) { Parameters = { new NpgsqlParameter { Value = PostgreSqlLocks.ConversationTurn }, new NpgsqlParameter { Value = conversationId } } };

    /// <summary>
    /// A connection whose session may still hold the lock (a cancelled wait the server granted anyway, a failed
    /// unlock) is closed, not pooled: a pooled session would keep the conversation locked until it is used again.
    /// </summary>
    private static async Task DropAsync(NpgsqlConnection connection)
    {
        NpgsqlConnection.ClearPool(connection);
        await connection.DisposeAsync();
    }

    private sealed class Held(
        PostgreSqlTurnConnection turn,
        IDisposable local,
        IDisposable place,
        NpgsqlConnection connection,
        string conversationId,
        string? activityId,
        ProcessedActivity? earlier,
        PostgreSqlProcessedActivities processed,
        PostgreSqlDatabase database) : IAsyncDisposable, ITurnEntry
    {
        private int _disposed;

        public ProcessedActivity? Earlier => earlier;

        public async Task StoreHeldWritesAsync(CancellationToken cancellationToken)
        {
            if (turn.HoldsWrite)
            {
                // Borrowing a connection stores the held write first (PostgreSqlDatabase.OpenAsync).
                await using var lease = await database.OpenAsync(cancellationToken);
            }
        }

        public Task CompleteAsync(TurnResponse? response, CancellationToken cancellationToken) => LeaveAsync(response, remember: activityId is not null, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await LeaveAsync(null, remember: false, CancellationToken.None);
            }
            catch (TurnWriteRefusedException)
            {
                // A turn left without completing has nobody to tell; the writes' owners forgot them (HeldWrites.NotStored).
            }
        }

        private async Task LeaveAsync(TurnResponse? response, bool remember, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            var released = false;
            HeldWrites? held = null;
            TurnWriteRefusedException? refused = null;
            try
            {
                await turn.EndAsync();
                held = turn.TakeHeld();
                await using var batch = new NpgsqlBatch(connection);
                if (held is not null)
                {
                    // The held writes and the record in one implicit transaction (up to the record's error barrier):
                    // the record commits only with the answer, and if a write is refused none is stored.
                    held.AddTo(batch, barrierAfter: !remember);
                }

                if (remember)
                {
                    // Committed before the unlock (a session lock is released at once, not at commit): the conversation's
                    // next turn, on any instance, finds the activity handled.
                    processed.AddRemember(batch, conversationId, activityId!, response, withHeldWrite: held is not null);
                }

                batch.BatchCommands.Add(Statement(Unlock, conversationId));
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                do
                {
                    // The unlock's is the one boolean result.
                    if (reader.FieldCount == 1 && reader.GetFieldType(0) == typeof(bool) && await reader.ReadAsync(cancellationToken))
                    {
                        released = reader.GetBoolean(0);
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
                held = null;
            }
            catch (Exception error) when (held is not null && HeldWrites.Refusal(error) is { } refusal)
            {
                // Nothing of the transaction is stored; whether the unlock ran is not read, so the connection is dropped below.
                refused = refusal;
            }
            catch (Exception error) when (!remember && error is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The connection broke: the lock went with the session.
            }
            finally
            {
                held?.NotStored();
                if (released)
                {
                    await connection.DisposeAsync();
                }
                else
                {
                    await DropAsync(connection);
                }

                place.Dispose();
                local.Dispose();
            }

            if (refused is not null)
            {
                throw refused;
            }
        }
    }
}
