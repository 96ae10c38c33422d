using System.Data;
using Npgsql;
using PartnershipBot.Turns;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// The connection a turn holds its conversation's lock on, lent to the turn's own store calls: a turn then takes and
/// resets one pooled connection instead of one per store call (profiled: ~5.6 per turn, each a reset and a lost plan
/// cache). Only the flow that entered the turn sees it (an <see cref="AsyncLocal{T}"/> set by
/// <see cref="PostgreSqlConversationGate"/>), only for the database it belongs to, one call at a time (a concurrent
/// call of the same turn takes a pooled connection), and never once the turn has ended or the connection broke. Each
/// store call still commits on its own, so nothing is acknowledged before it is durable.
/// One write may be held for the turn's end instead (<see cref="TryHold"/>): the draft save of an answer, sent with the
/// record of the handled activity and the unlock, in one transaction with the record, which saves a round trip a
/// turn. It is stored before anything else the turn does in the database (<see cref="PostgreSqlDatabase.OpenAsync"/>)
/// and before anything the turn sends (<see cref="ITurnEntry.StoreHeldWritesAsync"/>), so nothing is acknowledged or
/// read before it is stored; the turn's answer goes out only after its end committed.
/// </summary>
internal sealed class PostgreSqlTurnConnection(PostgreSqlDatabase database)
{
    private static readonly AsyncLocal<PostgreSqlTurnConnection?> Ambient = new();
    private readonly PostgreSqlDatabase _database = database;
    private readonly SemaphoreSlim _lent = new(1, 1);
    private NpgsqlConnection? _connection;

    /// <summary>
    /// Makes <paramref name="turn"/> the current flow's turn connection. Called from a method that is not async, so
    /// the value stays in the caller's flow (an async method's own changes are undone when it returns).
    /// </summary>
    public static void Enter(PostgreSqlTurnConnection turn) => Ambient.Value = turn;

    /// <summary>What the turn's lock read about the sender's open draft (empty until read, and once the turn ended).</summary>
    public PostgreSqlTurnDrafts Drafts { get; } = new();

    /// <summary>The current turn's <see cref="Drafts"/> when the current flow is in a turn on <paramref name="of"/>; null otherwise.</summary>
    public static PostgreSqlTurnDrafts? DraftsOf(PostgreSqlDatabase of) =>
        Ambient.Value is { } turn && ReferenceEquals(turn._database, of) ? turn.Drafts : null;

    /// <summary>A draft or open-draft write the current turn's snapshot cannot follow (in a unit of work): forget it.</summary>
    public static void ForgetDrafts() => Ambient.Value?.Drafts.Forget();

    private readonly Lock _holding = new();
    private HeldWrite? _held;

    /// <summary>
    /// Holds <paramref name="command"/> (one statement that raises <c>serialization_failure</c> when it writes nothing, see
    /// migration 0007) for the current turn's end; false, and nothing held, when the flow is not in a turn on
    /// <paramref name="of"/>, the turn is ending, or it already holds a write (the caller then writes at once, which
    /// stores the held one first). <paramref name="notStored"/> runs if it is refused or fails.
    /// </summary>
    public static bool TryHold(PostgreSqlDatabase of, NpgsqlBatchCommand command, Action notStored)
    {
        if (Ambient.Value is not { } turn || !ReferenceEquals(turn._database, of))
        {
            return false;
        }

        // Under the lock the turn's end takes the held write with: a write is held only while the end can still take it.
        lock (turn._holding)
        {
            if (turn._connection is null || turn._held is not null)
            {
                return false;
            }

            turn._held = new HeldWrite(command, notStored);
            return true;
        }
    }

    /// <summary>True while the turn holds a write for its end.</summary>
    public bool HoldsWrite
    {
        get
        {
            lock (_holding)
            {
                return _held is not null;
            }
        }
    }

    /// <summary>Stores the current turn's held write on <paramref name="connection"/> now, if the flow is in a turn on <paramref name="of"/> that holds one.</summary>
    public static Task StoreHeldAsync(PostgreSqlDatabase of, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        Ambient.Value is { } turn && ReferenceEquals(turn._database, of) && turn.HoldsWrite
            ? turn.StoreHeldAsync(connection, cancellationToken)
            : Task.CompletedTask;

    private async Task StoreHeldAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (TakeHeld() is not { } held)
        {
            return;
        }

        try
        {
            await using var batch = new NpgsqlBatch(connection) { BatchCommands = { held.Command } };
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception error)
        {
            held.NotStored();
            if (held.Refusal(error) is { } refusal)
            {
                throw refusal;
            }

            throw;
        }
    }

    /// <summary>Takes the held write (the turn's end sends it with its closing batch); null when none is held.</summary>
    public HeldWrite? TakeHeld()
    {
        lock (_holding)
        {
            var held = _held;
            _held = null;
            return held;
        }
    }

    /// <summary>The turn holds its lock on <paramref name="connection"/>: store calls may borrow it from now on.</summary>
    public void Lend(NpgsqlConnection connection) => _connection = connection;

    /// <summary>The current turn's connection to <paramref name="of"/> when it is free and open; null otherwise.</summary>
    public static PostgreSqlTurnConnection? TryBorrow(PostgreSqlDatabase of, out NpgsqlConnection? connection)
    {
        connection = null;
        if (Ambient.Value is not { } turn || !ReferenceEquals(turn._database, of) || !turn._lent.Wait(0))
        {
            return null;
        }

        if (turn._connection is { FullState: ConnectionState.Open } open)
        {
            connection = open;
            return turn;
        }

        turn._lent.Release();
        return null;
    }

    /// <summary>A borrowed connection is given back (the borrower's command and transaction are finished).</summary>
    public void GiveBack() => _lent.Release();

    /// <summary>The turn ends: waits for a call that still has the connection, then lends it to nobody again.</summary>
    public async Task EndAsync()
    {
        await _lent.WaitAsync(CancellationToken.None);
        lock (_holding)
        {
            _connection = null;
        }

        Drafts.Forget();
        _lent.Release();
    }
}

/// <summary>A write held for the turn's end, and what to do when it is not stored.</summary>
internal sealed record HeldWrite(NpgsqlBatchCommand Command, Action NotStored)
{
    /// <summary>The refusal <paramref name="error"/> stands for (the write found its record changed elsewhere); null for any other failure.</summary>
    /// <remarks>Only the held write raises serialization_failure here (read committed, migration 0007). Npgsql reports the errors of a batch with error barriers together (an <see cref="AggregateException"/> inside).</remarks>
    public TurnWriteRefusedException? Refusal(Exception error) =>
        (error.InnerException is AggregateException all ? all.InnerExceptions.Prepend(error) : [error])
            .Any(e => e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure })
            ? new TurnWriteRefusedException("A draft save held for the turn's end was refused: the draft was changed elsewhere meanwhile.")
            : null;
}

/// <summary>A connection for one store call: the current turn's (given back after) or a pooled one (returned after).</summary>
internal readonly struct PostgreSqlConnectionLease(NpgsqlConnection connection, PostgreSqlTurnConnection? turn) : IAsyncDisposable
{
    public NpgsqlConnection Connection => connection;

    public ValueTask DisposeAsync()
    {
        if (turn is null)
        {
            return connection.DisposeAsync();
        }

        turn.GiveBack();
        return ValueTask.CompletedTask;
    }
}
