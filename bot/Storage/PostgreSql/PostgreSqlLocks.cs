using Npgsql;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// The connections that hold advisory locks (a conversation's turn, scheduler leadership): a pool of their own, so
/// turns waiting for a lock never take the connections the stores need, and a turn holding one can still read and
/// write. Every in-flight turn holds one connection of this pool for its length.
/// </summary>
internal sealed class PostgreSqlLocks(NpgsqlDataSource source) : IAsyncDisposable
{
    /// <summary>The class id (first key) of a conversation's turn lock; the two-key lock space does not overlap the one-key one of migrations.</summary>
    public const int ConversationTurn = 0x5042;

    /// <summary>The class id of the scheduler leader's session lock (second key 0), held by <see cref="PostgreSqlSchedulerLeadership"/>.</summary>
    public const int SchedulerLeader = 0x5043;

    public NpgsqlDataSource Source => source;

    /// <summary>
    /// The pool skips Npgsql's session reset when a connection comes back (<c>No Reset On Close</c>): a turn takes one
    /// every time, and the reset (six statements: authorization, settings, advisory locks, cursors, listens, sequences
    /// and temp tables) cost as much server time as the turn's own lookups. Nothing here leaves session state behind:
    /// transactions end before the connection returns, settings are only <c>SET LOCAL</c>, and a connection that may
    /// still hold a conversation's lock is closed, never pooled (<see cref="PostgreSqlConversationGate"/>).
    /// </summary>
    public static PostgreSqlLocks Create(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionSettings.For(connectionString, "locks")) { NoResetOnClose = true };
        return new PostgreSqlLocks(NpgsqlDataSource.Create(settings.ConnectionString));
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();
}
