using PartnershipBot.Bench.Bot;
using PartnershipBot.Bench.Load;
using PartnershipBot.Bench.Play;

namespace PartnershipBot.Bench.Scenarios;

/// <summary>One kill: when it came, and what the database and the users found afterwards.</summary>
internal sealed record CrashRound(
    int Round,
    TimeSpan KilledAfter,
    int TurnsBeforeKill,
    int AnswersAcknowledged,
    int AnswersMissing,
    int JourneysInterrupted,
    int JourneysContinued,
    int JourneysLostTheirPlace,
    IReadOnlyDictionary<string, int> Documents);

/// <summary>The whole drill: every round, and how the journeys ended after the last restart.</summary>
internal sealed record CrashReport(IReadOnlyList<CrashRound> Rounds, int JourneysCompleted, int JourneysFailed, int ErrorsWhileUp, int AnswersMissingAtEnd, IReadOnlyList<string> Errors);

/// <summary>
/// Crash safety: users play journeys against the bot process, which is killed with SIGKILL at a random moment.
/// The database file must then open as it is (no repair) and hold every answer the users saw acknowledged;
/// the bot is restarted on the same file and every interrupted journey must go on from where it was.
/// </summary>
internal sealed class CrashDrill(BenchBot bot, int users, Random random)
{
    private readonly List<string> _acknowledged = [];
    private readonly List<string> _errors = [];
    private readonly List<Journey> _finished = [];
    private int _journeyNumber;
    private int _turns;
    private int _errorsWhileUp;
    private volatile bool _killed;
    private TaskCompletionSource _flowing = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<CrashReport> RunAsync(int rounds, TimeSpan earliestKill, TimeSpan latestKill, CancellationToken cancellationToken)
    {
        var slots = Enumerable.Range(0, users).Select(_ => NewJourney()).ToArray();
        var reports = new List<CrashRound>();
        for (var round = 1; round <= rounds; round++)
        {
            _killed = false;
            _turns = 0;
            _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Each user plays journey after journey until the bot goes down under them.
            var playing = Enumerable.Range(0, users).Select(i => PlayAsync(slots, i, untilKilled: true, cancellationToken)).ToList();

            // The random moment is counted from when turns are being answered, so a slow start (a busy machine) still
            // leaves the kill in the middle of the load rather than before it.
            await _flowing.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
            var killAfter = earliestKill + (latestKill - earliestKill) * random.NextDouble();
            await Task.Delay(killAfter, cancellationToken);
            _killed = true;
            bot.Process.Kill();
            await Task.WhenAll(playing);

            Collect(slots);
            // Opening the file is the check that it needs no repair: LiteDB throws on a damaged file.
            var stored = StoredAnswers.Read(bot.DatabasePath);
            var missing = stored.Missing(_acknowledged).Count;
            var before = slots.ToDictionary(j => j, j => j.Card is { } card ? CardPlayer.StateOf(card) : CardState.None);

            await bot.RestartAsync(cancellationToken);
            var (continued, lost) = await ContinueAsync(slots, before, cancellationToken);
            reports.Add(new CrashRound(round, killAfter, _turns, _acknowledged.Count, missing,
                before.Count(b => b.Value.DraftId is not null), continued, lost, stored.DocumentsByCollection));
        }

        // Last round: no kill; every journey in hand must finish.
        _killed = false;
        await Task.WhenAll(Enumerable.Range(0, users).Select(i => PlayAsync(slots, i, untilKilled: false, cancellationToken)));
        Collect(slots);
        bot.Process.Kill();
        var final = StoredAnswers.Read(bot.DatabasePath);
        var all = _finished.Concat(slots).Distinct().ToList();
        return new CrashReport(reports, all.Count(j => j.Completed), all.Count(j => !j.Completed), _errorsWhileUp,
            final.Missing(_acknowledged).Count, _errors.Take(10).ToList());
    }

    private Journey NewJourney()
    {
        var number = Interlocked.Increment(ref _journeyNumber);
        var user = new TeamsActivities(bot.Connector.ServiceUrl, $"crash{number}");
        return new Journey(bot.Channel, user, new CardPlayer(777, number));
    }

    /// <summary>
    /// Plays the journey in a slot until a turn fails (a failure while the bot is up is an error); with
    /// <paramref name="untilKilled"/> a finished journey is replaced by a new one, else the slot's journey is played to its end.
    /// </summary>
    private async Task PlayAsync(Journey[] slots, int slot, bool untilKilled, CancellationToken cancellationToken)
    {
        while (true)
        {
            var journey = slots[slot];
            if (journey.IsOver)
            {
                if (!untilKilled)
                {
                    return;
                }

                lock (_finished)
                {
                    _finished.Add(journey);
                }

                slots[slot] = NewJourney();
                continue;
            }

            var turn = await journey.StepAsync(cancellationToken);
            if (turn.Succeeded)
            {
                if (Interlocked.Increment(ref _turns) == users)
                {
                    _flowing.TrySetResult();
                }

                continue;
            }

            if (!_killed)
            {
                Interlocked.Increment(ref _errorsWhileUp);
                lock (_errors)
                {
                    _errors.Add(turn.Error ?? "?");
                }
            }

            return;
        }
    }

    /// <summary>
    /// After the restart each interrupted user clicks the card they still have (or resends the click that got no
    /// answer): they must land on the same draft at the same or a later revision, never on a fresh start.
    /// </summary>
    private static async Task<(int Continued, int Lost)> ContinueAsync(Journey[] journeys, Dictionary<Journey, CardState> before, CancellationToken cancellationToken)
    {
        var continued = 0;
        var lost = 0;
        await Task.WhenAll(journeys.Where(j => !j.IsOver).Select(async journey =>
        {
            var was = before[journey];
            var turn = await journey.StepAsync(cancellationToken);
            if (was.DraftId is null)
            {
                return;
            }

            var now = journey.Card is { } card ? CardPlayer.StateOf(card) : CardState.None;
            var samePlace = turn.Succeeded && (journey.Completed || (now.DraftId == was.DraftId && now.Revision >= was.Revision));
            Interlocked.Increment(ref samePlace ? ref continued : ref lost);
        }));
        return (continued, lost);
    }

    private void Collect(Journey[] journeys)
    {
        _acknowledged.Clear();
        foreach (var journey in _finished.Concat(journeys).Distinct())
        {
            _acknowledged.AddRange(journey.AcknowledgedTokens);
        }
    }

    public static string Describe(CrashReport report) =>
        string.Join('\n', report.Rounds.Select(r =>
            $"round {r.Round}: killed after {r.KilledAfter.TotalMilliseconds:F0} ms ({r.TurnsBeforeKill} turns), database opened, " +
            $"answers acknowledged so far {r.AnswersAcknowledged}, missing {r.AnswersMissing}; journeys interrupted {r.JourneysInterrupted}, " +
            $"continued {r.JourneysContinued}, lost their place {r.JourneysLostTheirPlace}"))
        + $"\nafter the last restart: journeys completed {report.JourneysCompleted}, failed {report.JourneysFailed}, errors while the bot was up {report.ErrorsWhileUp}, answers missing {report.AnswersMissingAtEnd}"
        + (report.Errors.Count > 0 ? "\nfirst error: " + report.Errors[0] : "");
}
