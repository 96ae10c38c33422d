using System.Data;
using Npgsql;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// The connection a turn holds its conversation's lock on, lent to the turn's own store calls: a turn then takes and
/// resets one pooled connection instead of one per store call (profiled: ~5.6 per turn, each a reset and a lost plan
/// cache). Only the flow that entered the turn sees it (an <see cref="AsyncLocal{T}"/> set by
/// <see cref="PostgreSqlConversationGate"/>), only for the database it belongs to, one call at a time (a concurrent
/// call of the same turn takes a pooled connection), and never once the turn has ended or the connection broke. Each
/// store call still commits on its own, so nothing is acknowledged before it is durable.
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
        _connection = null;
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
