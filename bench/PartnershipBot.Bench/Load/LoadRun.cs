using System.Collections.Concurrent;
using System.Diagnostics;
using PartnershipBot.Bench.Bot;
using PartnershipBot.Bench.Play;

namespace PartnershipBot.Bench.Load;

/// <summary>What one load run does: how many users at once, for how long (after a warm-up), or until a number of journeys.</summary>
internal sealed record LoadPlan(int Users, TimeSpan WarmUp, TimeSpan Measure, long? Journeys = null);

/// <summary>How many turns of one kind succeeded in the window, and how long they took.</summary>
internal sealed record KindLatencies(int Count, Latencies Latency);

/// <summary>What one load run measured.</summary>
internal sealed record LoadResult(
    LoadPlan Plan,
    long Turns,
    double Seconds,
    Latencies Latency,
    long Errors,
    long Refused,
    long JourneysCompleted,
    long JourneysFailed,
    IReadOnlyList<string> ErrorSamples,
    IReadOnlyList<string> AcknowledgedTokens,
    IReadOnlyDictionary<TurnKind, KindLatencies> ByKind)
{
    public double TurnsPerSecond => Seconds > 0 ? Turns / Seconds : 0;
}

/// <summary>
/// Closed-loop load: each simulated user plays journeys back to back (a new user identity per journey, no think
/// time), so the number of users is the number of turns in flight. Only turns that end inside the measured window count.
/// </summary>
internal sealed class LoadRun(IBotChannel channel, string serviceUrl, int runNumber, StubConnector connector)
{
    private readonly ConcurrentQueue<string> _errorSamples = new();
    private long _journeyCounter;

    /// <summary>Journeys started so far in this run.</summary>
    public long JourneysStarted => Interlocked.Read(ref _journeyCounter);

    public async Task<LoadResult> RunAsync(LoadPlan plan, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new Window(plan);
        var users = Enumerable.Range(0, plan.Users).Select(u => Task.Run(() => UserAsync(u, plan, window, stop), CancellationToken.None)).ToArray();
        if (plan.Journeys is null)
        {
            await Task.Delay(plan.WarmUp + plan.Measure, cancellationToken);
            await stop.CancelAsync();
        }

        var perUser = await Task.WhenAll(users);
        var latencies = perUser.SelectMany(u => u.Latencies).Select(l => l.Ticks).ToList();
        var byKind = perUser.SelectMany(u => u.Latencies).GroupBy(l => l.Kind)
            .ToDictionary(g => g.Key, g => new KindLatencies(g.Count(), Latencies.From(g.Select(l => l.Ticks).ToList())));
        var seconds = plan.Journeys is null ? plan.Measure.TotalSeconds : Latencies.Ms(window.LastEnd - window.Start) / 1000;
        return new LoadResult(
            plan,
            latencies.Count,
            seconds,
            Latencies.From(latencies),
            perUser.Sum(u => u.Errors),
            perUser.Sum(u => u.Refused),
            perUser.Sum(u => u.Completed),
            perUser.Sum(u => u.Failed),
            _errorSamples.Take(10).ToList(),
            perUser.SelectMany(u => u.Tokens).ToList(),
            byKind);
    }

    private async Task<UserTally> UserAsync(int userIndex, LoadPlan plan, Window window, CancellationTokenSource stop)
    {
        var tally = new UserTally();
        while (!stop.IsCancellationRequested)
        {
            var number = Interlocked.Increment(ref _journeyCounter);
            if (plan.Journeys is { } limit && number > limit)
            {
                break;
            }

            var user = new TeamsActivities(serviceUrl, $"r{runNumber}u{userIndex}j{number}");
            var journey = new Journey(channel, user, new CardPlayer(runNumber, number));
            string? error;
            try
            {
                error = await journey.RunAsync(turn => tally.Record(turn, window), stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                error = null;
            }

            // Tokens count whether or not the turn fell in the window: every acknowledged answer must be stored.
            tally.Tokens.AddRange(journey.AcknowledgedTokens);
            tally.Refused += journey.Refused;
            if (journey.Completed)
            {
                tally.Completed++;
            }
            else if (error is not null && !stop.IsCancellationRequested)
            {
                tally.Failed++;
                if (_errorSamples.Count < 20)
                {
                    _errorSamples.Enqueue(error);
                }
            }

            connector.Forget(user.ConversationId);
        }

        return tally;
    }

    /// <summary>The measured window: turns that end inside it count.</summary>
    private sealed class Window(LoadPlan plan)
    {
        public long Start { get; } = Stopwatch.GetTimestamp() + Ticks(plan.WarmUp);

        public long End { get; } = plan.Journeys is null ? Stopwatch.GetTimestamp() + Ticks(plan.WarmUp + plan.Measure) : long.MaxValue;

        public long LastEnd;

        private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
    }

    private sealed class UserTally
    {
        public List<(TurnKind Kind, long Ticks)> Latencies { get; } = new(4096);
        public List<string> Tokens { get; } = [];
        public long Errors;
        public long Refused;
        public long Completed;
        public long Failed;

        public void Record(TurnRecord turn, Window window)
        {
            var now = Stopwatch.GetTimestamp();
            if (now < window.Start || now > window.End)
            {
                return;
            }

            InterlockedMax(ref window.LastEnd, now);
            if (turn.Succeeded)
            {
                Latencies.Add((turn.Kind, turn.ElapsedTicks));
            }
            else
            {
                Errors++;
            }
        }

        private static void InterlockedMax(ref long target, long value)
        {
            long seen;
            while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
                // Another user moved it on; try again.
            }
        }
    }
}
