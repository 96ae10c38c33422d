using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PartnershipBot.Tests.Harness;

/// <summary>
/// A fake clock that tells the test each time the bot starts a short wait on it (a retry delay, a Retry-After), so
/// the test moves the clock exactly then instead of waiting in real time or guessing when the wait has begun.
/// </summary>
public sealed class TimerSignallingClock(DateTimeOffset start, TimeSpan shortWait) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _shortWaits = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime <= shortWait && period == Timeout.InfiniteTimeSpan)
        {
            _shortWaits.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>The length of the next short wait the bot starts on this clock (after it has started).</summary>
    public async Task<TimeSpan> NextShortWaitAsync(TimeSpan? timeout = null) =>
        await _shortWaits.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(20));

    /// <summary>Lets <paramref name="count"/> short waits run out as soon as each has started.</summary>
    public async Task ElapseShortWaitsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Advance(await NextShortWaitAsync());
        }
    }
}
