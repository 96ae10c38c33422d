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
/// connection, not many. A hash collision only makes two conversations wait for each other.
/// </summary>
internal sealed class PostgreSqlConversationGate(PostgreSqlLocks locks, PostgreSqlDatabase database) : IConversationGate
{
    private const string Lock = "SELECT pg_advisory_lock($1, hashtext($2))";
    private const string Unlock = "SELECT pg_advisory_unlock($1, hashtext($2))";
    private readonly ConversationGate _local = new();

    // Not async: the turn connection is made current in the caller's flow (see PostgreSqlTurnConnection.Enter).
    public Task<IAsyncDisposable> EnterTurnAsync(string conversationId, CancellationToken cancellationToken)
    {
        var turn = new PostgreSqlTurnConnection(database);
        PostgreSqlTurnConnection.Enter(turn);
        return EnterAsync(turn, conversationId, cancellationToken);
    }

    private async Task<IAsyncDisposable> EnterAsync(PostgreSqlTurnConnection turn, string conversationId, CancellationToken cancellationToken)
    {
        var local = await _local.EnterAsync(conversationId, cancellationToken);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await locks.Source.OpenConnectionAsync(cancellationToken);
            await RunAsync(connection, Lock, conversationId, cancellationToken);
            turn.Lend(connection);
            return new Held(turn, local, connection, conversationId);
        }
        catch
        {
            if (connection is not null)
            {
                await DropAsync(connection);
            }

            local.Dispose();
            throw;
        }
    }

    private static async Task<bool> RunAsync(NpgsqlConnection connection, string sql, string conversationId, CancellationToken cancellationToken)
    {
        await using var command = PostgreSqlDatabase.Command(connection, sql, PostgreSqlLocks.ConversationTurn, conversationId);
        return await command.ExecuteScalarAsync(cancellationToken) is not false;
    }

    /// <summary>
    /// A connection whose session may still hold the lock (a cancelled wait the server granted anyway, a failed
    /// unlock) is closed, not pooled: a pooled session would keep the conversation locked until it is used again.
    /// </summary>
    private static async Task DropAsync(NpgsqlConnection connection)
    {
        NpgsqlConnection.ClearPool(connection);
        await connection.DisposeAsync();
    }

    private sealed class Held(PostgreSqlTurnConnection turn, IDisposable local, NpgsqlConnection connection, string conversationId) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            var released = false;
            try
            {
                await turn.EndAsync();
                released = await RunAsync(connection, Unlock, conversationId, CancellationToken.None);
            }
            catch (Exception error) when (error is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The connection broke: the lock went with the session.
            }
            finally
            {
                if (released)
                {
                    await connection.DisposeAsync();
                }
                else
                {
                    await DropAsync(connection);
                }

                local.Dispose();
            }
        }
    }
}
