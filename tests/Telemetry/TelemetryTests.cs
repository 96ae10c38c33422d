using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Telemetry;

/// <summary>Each turn's logs carry its ids; turns are traced and counted; OTLP export happens only when configured.</summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _traces;

    public TelemetryTests()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "PartnershipBot")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Keep(i, v, tags));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Keep(i, v, tags));
        _meters.Start();
        _traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "PartnershipBot",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_traces);
    }

    [Fact]
    public async Task Turn_Message_LogsCarryAScopeWithTheTurnsIdsAndNothingTheUserTyped()
    {
        await using var bot = await BotHarness.StartAsync();
        var user = bot.User("Scoped-" + Guid.NewGuid().ToString("N")[..8]);

        await user.SayAsync("help with the secret plan");

        var inTurn = bot.Logs.Entries.Where(e => Equals(e.Scope.GetValueOrDefault("ConversationId"), user.ConversationId)).ToList();
        Assert.NotEmpty(inTurn);
        Assert.All(inTurn, e =>
        {
            Assert.Equal(["ActivityId", "ActivityType", "ConversationId"], e.Scope.Keys.Where(k => k is "ActivityId" or "ActivityType" or "ConversationId").Order());
            Assert.Equal("message", e.Scope["ActivityType"]);
            Assert.False(string.IsNullOrEmpty(e.Scope["ActivityId"] as string));
            Assert.DoesNotContain(e.Scope.Values, v => v?.ToString()?.Contains("secret plan", StringComparison.Ordinal) == true);
        });
    }

    [Fact]
    public async Task Turn_Message_IsTracedCountedAndTimed()
    {
        await using var bot = await BotHarness.StartAsync();
        var user = bot.User("Traced-" + Guid.NewGuid().ToString("N")[..8]);

        await user.SayAsync("help");
        _meters.RecordObservableInstruments();

        var span = Assert.Single(_spans, s => Equals(s.GetTagItem("conversation.id"), user.ConversationId));
        Assert.Equal("turn message", span.DisplayName);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Contains(_measurements, m => m.Instrument == "partnershipbot.turns" && Equals(m.Tags["activity.type"], "message") && Equals(m.Tags["outcome"], "ok"));
        Assert.Contains(_measurements, m => m.Instrument == "partnershipbot.turn.duration" && m.Value > 0);
        Assert.Contains(_measurements, m => m.Instrument == "partnershipbot.outbox.backlog");
    }

    [Fact]
    public async Task Start_NoOtlpEndpoint_RegistersNoExporter()
    {
        await using var bot = await BotHarness.StartAsync();

        Assert.Null(bot.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.Null(bot.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }

    [Fact]
    public async Task Turn_OtlpEndpointConfigured_TracesAndMetricsExportedToIt()
    {
        await using var otlp = new FakeOtlp();
        await otlp.StartAsync();
        var bot = await BotHarness.StartAsync(o => o.Settings["Telemetry:OtlpEndpoint"] = otlp.BaseUrl);
        try
        {
            await bot.User("Exported").SayAsync("help");
            // Flushed explicitly, with time to spare on a loaded machine: the flush at host stop has a short deadline
            // and once dropped this test's spans when other tests kept both cores busy.
            Assert.True(bot.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000));
            Assert.True(bot.Services.GetRequiredService<MeterProvider>().ForceFlush(30_000));
        }
        finally
        {
            await bot.DisposeAsync();
        }

        // The SDK listens process-wide, so other tests' bots running meanwhile may be in the export too.
        var traces = otlp.Exports.First(e => e.Path == "/v1/traces" && e.Mentions("turn message"));
        Assert.Equal("application/x-protobuf", traces.ContentType);
        Assert.Contains(otlp.Exports, e => e.Path == "/v1/metrics" && e.Mentions("partnershipbot.turns") && e.Mentions("partnershipbot.turn.duration"));
        Assert.DoesNotContain(otlp.Exports, e => e.Mentions("test-secret-value-do-not-log"));
    }

    [Fact]
    public async Task Start_OtlpEndpointNotAUrl_FailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => BotHarness.StartAsync(o => o.Settings["Telemetry:OtlpEndpoint"] = "collector:4318"));

        Assert.Contains("Telemetry:OtlpEndpoint", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _meters.Dispose();
        _traces.Dispose();
    }

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }
}
