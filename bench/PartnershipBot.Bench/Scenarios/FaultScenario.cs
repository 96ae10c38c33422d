using System.Globalization;
using PartnershipBot.Bench.Bot;
using PartnershipBot.Bench.Load;
using PartnershipBot.Bench.Play;

namespace PartnershipBot.Bench.Scenarios;

/// <summary>What the users saw while the connector was failing, and after it recovered.</summary>
internal sealed record FaultReport(
    double Rate,
    int Users,
    LoadTally WhileFailing,
    LoadTally AfterRecovery,
    long ConnectorCalls,
    long RefusedOnPurpose,
    int DuplicateReplies,
    int AnswersAcknowledged,
    int AnswersMissing);

/// <summary>Turns, errors and journeys of one phase.</summary>
internal sealed record LoadTally(long Turns, long Errors, long JourneysCompleted, IReadOnlyList<string> ErrorSamples);

/// <summary>
/// Connector faults: users answer by typing (so every answer's reply goes through the connector) while the stub
/// refuses a share of calls with 429 (Retry-After), 412, 502 and 504; then the stub recovers. No acknowledged answer
/// may be missing from the database, no reply may be delivered twice, and after recovery no turn may fail.
/// </summary>
internal static class FaultScenario
{
    public static async Task<FaultReport> RunAsync(BenchSettings settings, int users, TimeSpan failing, TimeSpan recovered, TextWriter log, CancellationToken cancellationToken)
    {
        var faults = new FaultPlan(settings.FaultRate);
        await using var bot = await BenchBot.StartAsync(settings.BotDll, faults, cancellationToken: cancellationToken);
        var acknowledged = new List<string>();
        var whileFailing = await PhaseAsync(bot, users, failing, 1, acknowledged, cancellationToken);
        bot.Connector.Faults = FaultPlan.None;
        var after = await PhaseAsync(bot, users, recovered, 2, acknowledged, cancellationToken);
        bot.Process.Kill();
        var stored = StoredAnswers.Read(bot.DatabasePath);
        var report = new FaultReport(settings.FaultRate, users, whileFailing, after, bot.Connector.Calls, bot.Connector.FailedOnPurpose,
            bot.Connector.DuplicateReplies, acknowledged.Count, stored.Missing(acknowledged).Count);
        log.WriteLine(Describe(report));
        return report;
    }

    private static async Task<LoadTally> PhaseAsync(BenchBot bot, int users, TimeSpan length, int phase, List<string> acknowledged, CancellationToken cancellationToken)
    {
        using var stop = new CancellationTokenSource(length);
        var journeyNumber = 0;
        var results = await Task.WhenAll(Enumerable.Range(0, users).Select(async u =>
        {
            long turns = 0, errors = 0, completed = 0;
            var tokens = new List<string>();
            var samples = new List<string>();
            while (!stop.IsCancellationRequested)
            {
                var number = Interlocked.Increment(ref journeyNumber);
                var user = new TeamsActivities(bot.Connector.ServiceUrl, $"fault{phase}u{u}j{number}");
                var journey = new Journey(bot.Channel, user, new CardPlayer(500 + phase, number), typeAnswers: true);
                // A journey is played to its end even past the phase's time, so every answer's fate is known.
                while (!journey.IsOver)
                {
                    var turn = await journey.StepAsync(cancellationToken);
                    turns++;
                    if (!turn.Succeeded)
                    {
                        errors++;
                        samples.Add(turn.Error ?? "?");
                    }
                }

                completed += journey.Completed ? 1 : 0;
                tokens.AddRange(journey.AcknowledgedTokens);
            }

            return (turns, errors, completed, tokens, samples);
        }));
        acknowledged.AddRange(results.SelectMany(r => r.tokens));
        return new LoadTally(results.Sum(r => r.turns), results.Sum(r => r.errors), results.Sum(r => r.completed),
            results.SelectMany(r => r.samples).Take(5).ToList());
    }

    public static string Describe(FaultReport r) => string.Create(CultureInfo.InvariantCulture,
        $"connector refusing {r.Rate:P0} of calls (429 with Retry-After, 412, 502, 504 in turn), {r.Users} users typing their answers:\n" +
        $"  while failing: {r.WhileFailing.Turns} turns, {r.WhileFailing.Errors} seen by users as failed, {r.WhileFailing.JourneysCompleted} journeys completed\n" +
        $"  after recovery: {r.AfterRecovery.Turns} turns, {r.AfterRecovery.Errors} failed, {r.AfterRecovery.JourneysCompleted} journeys completed\n" +
        $"  connector calls {r.ConnectorCalls}, refused on purpose {r.RefusedOnPurpose}, replies delivered twice {r.DuplicateReplies}; " +
        $"answers acknowledged {r.AnswersAcknowledged}, missing from the database {r.AnswersMissing}");
}
