using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PartnershipBot.Telemetry;

/// <summary>
/// The bot's traces and metrics, by name so OpenTelemetry (or any listener) can subscribe. Instruments cost nothing
/// when nobody listens; they are exported only when <c>Telemetry:OtlpEndpoint</c> is configured. Tags carry kinds
/// and outcomes only: never ids of people, never anything an officer typed.
/// </summary>
internal static class BotTelemetry
{
    public const string Name = "PartnershipBot";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> TurnCounter = Meter.CreateCounter<long>("partnershipbot.turns", "{turn}", "Activities processed by the turn pipeline.");

    private static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("partnershipbot.turn.duration", "s", "How long a turn took, from entering the pipeline to its response.");

    private static readonly Counter<long> ErrorCounter = Meter.CreateCounter<long>("partnershipbot.errors", "{error}", "Failures: turns, outbox rounds and deliveries, scheduled prompts.");

    private static readonly Counter<long> PromptCounter = Meter.CreateCounter<long>("partnershipbot.prompts.fired", "{prompt}", "Due prompts (reminders, annual returns) handled.");

    private static readonly Counter<long> DeadLetterCounter = Meter.CreateCounter<long>("partnershipbot.outbox.dead_letters", "{message}", "Outbox messages given up on after their last attempt.");

    private static long _outboxBacklog;

    static BotTelemetry() =>
        Meter.CreateObservableGauge("partnershipbot.outbox.backlog", () => Interlocked.Read(ref _outboxBacklog), "{message}", "Outbox messages due at the dispatcher's last round.");

    public static void TurnCompleted(string? activityType, bool failed, TimeSpan duration)
    {
        var type = new KeyValuePair<string, object?>("activity.type", activityType ?? "unknown");
        TurnCounter.Add(1, type, new KeyValuePair<string, object?>("outcome", failed ? "error" : "ok"));
        TurnDuration.Record(duration.TotalSeconds, type);
        if (failed)
        {
            Error("turn");
        }
    }

    public static void Error(string area) => ErrorCounter.Add(1, new KeyValuePair<string, object?>("area", area));

    public static void PromptFired(string kind, bool failed)
    {
        PromptCounter.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", failed ? "error" : "ok"));
        if (failed)
        {
            Error("scheduler");
        }
    }

    public static void OutboxBacklog(int due) => Interlocked.Exchange(ref _outboxBacklog, due);

    public static void DeadLettered(string kind)
    {
        DeadLetterCounter.Add(1, new KeyValuePair<string, object?>("kind", kind));
        Error("outbox");
    }
}
