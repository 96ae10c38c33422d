using Npgsql;
using NpgsqlTypes;
using PartnershipBot.Turns;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// Handled activities in PostgreSQL (table processed_activities), so a redelivery that lands on another instance is
/// answered with the stored response instead of being processed again. Rows live for
/// <see cref="IProcessedActivities.Lifetime"/>; each instance deletes expired rows at most once a minute.
/// </summary>
internal sealed class PostgreSqlProcessedActivities(PostgreSqlDatabase database, TimeProvider time) : IProcessedActivities
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);
    private long _nextPruneTicks;

    public async Task<ProcessedActivity?> FindAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenAsync(cancellationToken);
        var connection = lease.Connection;
        await using var command = PostgreSqlDatabase.Command(connection,
            "SELECT responded, status, body FROM processed_activities WHERE conversation_id = $1 AND activity_id = $2 AND expires_ticks > $3",
            conversationId, activityId, time.GetUtcNow().UtcTicks);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ProcessedActivity(reader.GetBoolean(0)
            ? new TurnResponse(reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2))
            : null);
    }

    public async Task RememberAsync(string conversationId, string activityId, TurnResponse? response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var lease = await database.OpenAsync(cancellationToken);
        var connection = lease.Connection;
        await using (var command = new NpgsqlCommand(
            """
            INSERT INTO processed_activities (conversation_id, activity_id, responded, status, body, expires_ticks) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (conversation_id, activity_id) DO UPDATE
            SET responded = excluded.responded, status = excluded.status, body = excluded.body, expires_ticks = excluded.expires_ticks
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = conversationId });
            command.Parameters.Add(new NpgsqlParameter { Value = activityId });
            command.Parameters.Add(new NpgsqlParameter { Value = response is not null });
            command.Parameters.Add(new NpgsqlParameter { Value = response?.Status ?? 0 });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)response?.Json ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
            command.Parameters.Add(new NpgsqlParameter { Value = (now + IProcessedActivities.Lifetime).UtcTicks });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks >= due && Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneEvery).UtcTicks, due) == due)
        {
            await PostgreSqlDatabase.ExecuteAsync(connection, "DELETE FROM processed_activities WHERE expires_ticks <= $1", cancellationToken, now.UtcTicks);
        }
    }
}
