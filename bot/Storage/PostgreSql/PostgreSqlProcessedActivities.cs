using Npgsql;
using NpgsqlTypes;
using PartnershipBot.Turns;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// Handled activities in PostgreSQL (table processed_activities), so a redelivery that lands on another instance is
/// answered with the stored response instead of being processed again. Rows live for
/// <see cref="IProcessedActivities.Lifetime"/>; each instance deletes expired rows at most once a minute. A turn
/// sends these statements in the batches of its lock (<see cref="PostgreSqlConversationGate"/>).
/// </summary>
internal sealed class PostgreSqlProcessedActivities(PostgreSqlDatabase database, TimeProvider time) : IProcessedActivities
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);
    private long _nextPruneTicks;

    public async Task<ProcessedActivity?> FindAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(lease.Connection) { BatchCommands = { PostgreSqlDatabase.BatchCommand(FoundSql, conversationId, activityId, NowTicks) } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Found(reader, 0) : null;
    }

    public async Task RememberAsync(string conversationId, string activityId, TurnResponse? response, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(lease.Connection);
        AddRemember(batch, conversationId, activityId, response);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The lookup of an activity handled within the lifetime: conversation $1, activity $2, now $3 (<see cref="NowTicks"/>);
    /// its columns are read with <see cref="Found"/>. The turn's lock reads it in a statement of its own batch.
    /// </summary>
    public const string FoundSql = "SELECT responded, status, body FROM processed_activities WHERE conversation_id = $1 AND activity_id = $2 AND expires_ticks > $3";

    /// <summary>Now, as the lookup's $3: records that expired before it are not found.</summary>
    public long NowTicks => time.GetUtcNow().UtcTicks;

    /// <summary>The earlier handling from the columns of <see cref="FoundSql"/> starting at <paramref name="first"/> (all null: none).</summary>
    public static ProcessedActivity? Found(NpgsqlDataReader reader, int first)
    {
        if (reader.IsDBNull(first))
        {
            return null;
        }

        return new ProcessedActivity(reader.GetBoolean(first)
            ? new TurnResponse(reader.GetInt32(first + 1), reader.IsDBNull(first + 2) ? null : reader.GetFieldValue<byte[]>(first + 2))
            : null);
    }

    /// <summary>
    /// Adds to <paramref name="batch"/> the record of a handled activity, and the deletion of expired ones when it is
    /// due, as one statement committed without waiting for the disk (<c>synchronous_commit</c> set off for its own
    /// transaction, which reads the setting when it commits): the record is visible to every instance at once and on
    /// disk within a fraction of a second, and only a database crash in that fraction, with a redelivery of that very
    /// activity after it, would let it be handled twice; the turn's own writes (the answers) were committed durably
    /// before. It halves the durable commits of a turn. The batch's implicit transaction ends after it (an error
    /// barrier, <see cref="NpgsqlBatchCommand.AppendErrorBarrier"/>), so whatever follows runs after its commit.
    /// </summary>
    /// <param name="withHeldWrite">
    /// True when the statement before it in the batch is the turn's held write (PostgreSqlConversationGate): they share
    /// the implicit transaction, so the record commits only with that write, durably (no <c>synchronous_commit</c> off).
    /// </param>
    public void AddRemember(NpgsqlBatch batch, string conversationId, string activityId, TurnResponse? response, bool withHeldWrite = false)
    {
        var now = time.GetUtcNow();
        var due = Interlocked.Read(ref _nextPruneTicks);
        var prune = now.UtcTicks >= due && Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneEvery).UtcTicks, due) == due;
        var remember = PostgreSqlDatabase.BatchCommand(
            $"""
            WITH remembered AS (
                INSERT INTO processed_activities (conversation_id, activity_id, responded, status, body, expires_ticks) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (conversation_id, activity_id) DO UPDATE
                SET responded = excluded.responded, status = excluded.status, body = excluded.body, expires_ticks = excluded.expires_ticks)
            {(prune ? ", expired AS (DELETE FROM processed_activities WHERE expires_ticks <= $7)" : "")}
            SELECT {(withHeldWrite ? "1" : "set_config('synchronous_commit', 'off', true)")}
            """,
            conversationId, activityId, response is not null, response?.Status ?? 0);
        remember.Parameters.Add(new NpgsqlParameter { Value = (object?)response?.Json ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
        remember.Parameters.Add(new NpgsqlParameter { Value = (now + IProcessedActivities.Lifetime).UtcTicks });
        if (prune)
        {
            remember.Parameters.Add(new NpgsqlParameter { Value = now.UtcTicks });
        }

        remember.AppendErrorBarrier = true;
        batch.BatchCommands.Add(remember);
    }
}
