using Npgsql;
using PartnershipBot.Turns;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>A write held for the turn's end (<see cref="PostgreSqlTurnConnection.TryHold"/>), and what to do when it is not stored.</summary>
internal sealed record HeldWrite(NpgsqlBatchCommand Command, Action NotStored);

/// <summary>The writes a turn held, in order: sent in one batch, so stored together or not at all.</summary>
internal sealed class HeldWrites(IReadOnlyList<HeldWrite> writes)
{
    /// <summary>Adds the held writes to <paramref name="batch"/>, in order; with an error barrier after the last when asked (they then commit on their own).</summary>
    public void AddTo(NpgsqlBatch batch, bool barrierAfter)
    {
        foreach (var write in writes)
        {
            batch.BatchCommands.Add(write.Command);
        }

        writes[^1].Command.AppendErrorBarrier = barrierAfter;
    }

    /// <summary>How many statements (and results: each returns one row) <see cref="AddTo"/> adds.</summary>
    public int Count => writes.Count;

    /// <summary>None of them was stored: each write's owner forgets what it assumed.</summary>
    public void NotStored()
    {
        foreach (var write in writes)
        {
            write.NotStored();
        }
    }

    /// <summary>
    /// Storing them failed with <paramref name="error"/>: none is stored (<see cref="NotStored()"/>); returns the
    /// refusal to throw instead when a write found its record changed, null to rethrow <paramref name="error"/>.
    /// </summary>
    public TurnWriteRefusedException? NotStored(Exception error)
    {
        NotStored();
        return Refusal(error);
    }

    /// <summary>The refusal <paramref name="error"/> stands for (a held write found its record changed elsewhere); null for any other failure.</summary>
    /// <remarks>Only a held write raises serialization_failure here (read committed, migration 0007). Npgsql reports the errors of a batch with error barriers together (an <see cref="AggregateException"/> inside).</remarks>
    public static TurnWriteRefusedException? Refusal(Exception error) =>
        (error.InnerException is AggregateException all ? all.InnerExceptions.Prepend(error) : [error])
            .Any(e => e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure })
            ? new TurnWriteRefusedException("A write held for the turn's end was refused: its record was changed elsewhere meanwhile.")
            : null;
}
