using Npgsql;
using PartnershipBot.Turns;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// One turn per conversation at a time across every instance: the turn holds a transaction-level advisory lock on
/// the conversation (<c>pg_advisory_xact_lock(class, hashtext(conversation))</c>) on a connection of
/// <see cref="PostgreSqlLocks"/> until it is done. An instance that dies mid-turn loses its connection and with it
/// the lock. Turns of this instance first queue in process, so a burst in one chat holds one connection, not many.
/// A hash collision only makes two conversations wait for each other.
/// </summary>
internal sealed class PostgreSqlConversationGate(PostgreSqlLocks locks) : IConversationGate
{
    private readonly ConversationGate _local = new();

    public async Task<IAsyncDisposable> EnterTurnAsync(string conversationId, CancellationToken cancellationToken)
    {
        var local = await _local.EnterAsync(conversationId, cancellationToken);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await locks.Source.OpenConnectionAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, hashtext($2))", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = PostgreSqlLocks.ConversationTurn });
                command.Parameters.Add(new NpgsqlParameter { Value = conversationId });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return new Held(local, connection, transaction);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            local.Dispose();
            throw;
        }
    }

    private sealed class Held(IDisposable local, NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            try
            {
                // Ending the transaction releases the lock; if the connection broke, the server released it already.
                await transaction.RollbackAsync(CancellationToken.None);
            }
            catch (Exception error) when (error is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The lock went with the session.
            }
            finally
            {
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
                local.Dispose();
            }
        }
    }
}
