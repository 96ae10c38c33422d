using Npgsql;
using PartnershipBot.Turns;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>A write held for the turn's end (<see cref="PostgreSqlTurnConnection.TryHold"/>), and what to do when it is not stored.</summary>
internal sealed record HeldWrite(NpgsqlBatchCommand Command, Action NotStored);

/// <summary>The writes a turn held, in order: sent in one batch, so stored together or not at all.</summary>
internal sealed class HeldWrites(IReadOnlyList<HeldWrite> writes)
{
    public IEnumerable<NpgsqlBatchCommand> Commands => writes.Select(w => w.Command);

    /// <summary>The last of the held statements (the one an error barrier goes after).</summary>
    public NpgsqlBatchCommand Last => writes[^1].Command;

    /// <summary>None of them was stored: each write's owner forgets what it assumed.</summary>
    public void NotStored()
    {
        foreach (var write in writes)
        {
            write.NotStored();
        }
    }

    /// <summary>The refusal <paramref name="error"/> stands for (a held write found its record changed elsewhere); null for any other failure.</summary>
    /// <remarks>Only a held write raises serialization_failure here (read committed, migration 0007). Npgsql reports the errors of a batch with error barriers together (an <see cref="AggregateException"/> inside).</remarks>
    public static TurnWriteRefusedException? Refusal(Exception error) =>
        (error.InnerException is AggregateException all ? all.InnerExceptions.Prepend(error) : [error])
            .Any(e => e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure })
            ? new TurnWriteRefusedException("A write held for the turn's end was refused: its record was changed elsewhere meanwhile.")
            : null;
}
