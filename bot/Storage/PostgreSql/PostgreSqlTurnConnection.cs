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
/// A few writes may be held for the turn's end instead (<see cref="TryHold"/>): the draft save of an answer, a new
/// draft, the sender's conversation reference, sent with the record of the handled activity and the unlock, in one
/// transaction with the record, which saves a round trip each. They are stored before anything else the turn does in
/// the database (<see cref="PostgreSqlDatabase.OpenAsync"/>) and before anything the turn sends
/// (<see cref="ITurnEntry.StoreHeldWritesAsync"/>), so nothing is acknowledged or read before they are stored; the
/// turn's answer goes out only after its end committed.
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
    private readonly List<HeldWrite> _held = [];

    /// <summary>
    /// Holds <paramref name="command"/> for the current turn's end, after the writes it already holds: one statement
    /// that returns one row (so a batch's results can be told apart) and raises <c>serialization_failure</c> when a
    /// versioned write finds its record changed (see migration 0007);
    /// false, and nothing held, when the flow is not in a turn on <paramref name="of"/>, the turn is ending, or it holds
    /// <see cref="MaxHeld"/> already (the caller then writes at once, which stores the held ones first).
    /// <paramref name="notStored"/> runs if the held writes are refused or fail.
    /// </summary>
    public static bool TryHold(PostgreSqlDatabase of, NpgsqlBatchCommand command, Action notStored)
    {
        if (Ambient.Value is not { } turn || !ReferenceEquals(turn._database, of))
        {
            return false;
        }

        // Under the lock the turn's end takes the held writes with: a write is held only while the end can still take it.
        lock (turn._holding)
        {
            if (turn._connection is null || turn._held.Count >= MaxHeld)
            {
                return false;
            }

            turn._held.Add(new HeldWrite(command, notStored));
            return true;
        }
    }

    /// <summary>At most this many writes wait for a turn's end (a typical turn holds one or two: the answer's save, a new draft, the sender's reference).</summary>
    public const int MaxHeld = 4;

    /// <summary>True while the turn holds writes for its end.</summary>
    public bool HoldsWrite
    {
        get
        {
            lock (_holding)
            {
                return _held.Count > 0;
            }
        }
    }

    /// <summary>Stores the current turn's held writes on <paramref name="connection"/> now, if the flow is in a turn on <paramref name="of"/> that holds any.</summary>
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
            // One batch, so one implicit transaction: the held writes are stored together or not at all.
            await using var batch = new NpgsqlBatch(connection);
            held.AddTo(batch, barrierAfter: false);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception error)
        {
            if (held.NotStored(error) is { } refusal)
            {
                throw refusal;
            }

            throw;
        }
    }

    /// <summary>Takes the held writes of the current flow's turn on <paramref name="of"/> (the caller stores them, or says they were not stored); null when none.</summary>
    public static HeldWrites? TakeHeldOf(PostgreSqlDatabase of) =>
        Ambient.Value is { } turn && ReferenceEquals(turn._database, of) ? turn.TakeHeld() : null;

    /// <summary>Takes the held writes, in the order they were held (the turn's end sends them with its closing batch); null when none are held.</summary>
    public HeldWrites? TakeHeld()
    {
        lock (_holding)
        {
            if (_held.Count == 0)
            {
                return null;
            }

            var held = new HeldWrites([.. _held]);
            _held.Clear();
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
