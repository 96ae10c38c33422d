namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// How many turns this instance works on at once; the others wait in order of arrival. Every turn in progress holds
/// a database session (its conversation's lock) and competes for the same processors as the database server, so
/// letting every request in at once only makes them all slower and their waits uneven: measured on the bench (one
/// instance, 50 users, 2 cores), at most 8-12 at once gave more turns a second and a p99 a quarter to a third lower
/// than 50. Turns queue here only after their conversation's own queue (<see cref="Turns.ConversationGate"/>), so a
/// burst in one chat takes one place, not many.
/// </summary>
internal sealed class PostgreSqlTurnAdmission(int turnsAtOnce)
{
    // SemaphoreSlim serves asynchronous waiters first come, first served.
    private readonly SemaphoreSlim _places = new(turnsAtOnce, turnsAtOnce);

    public int TurnsAtOnce { get; } = turnsAtOnce;

    /// <summary>The default: four per processor, at least eight.</summary>
    public static int Default(int processors) => Math.Max(8, 4 * processors);

    /// <summary>Waits for a place; disposing the result gives it back (once).</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _places.WaitAsync(cancellationToken);
        return new Place(_places);
    }

    private sealed class Place(SemaphoreSlim places) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                places.Release();
            }
        }
    }
}
