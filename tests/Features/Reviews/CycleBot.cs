using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>
/// The bot on a fake clock with role holders and SMT configured, the background loop off (passes run when the test
/// says) and a recording outbox. Officers: Pat (PPM), Hana (HCS), Chris (CEX), Eve (HES); SMT: Sam and Sue.
/// </summary>
internal sealed class CycleBot : IAsyncDisposable
{
    public const string Ppm = "aad-pat";
    public const string Hcs = "aad-hana";
    public const string CommunitySafety = "kp03";

    private CycleBot(BotHarness harness, FakeTimeProvider clock, RecordingOutbox outbox)
    {
        Harness = harness;
        Clock = clock;
        Outbox = outbox;
    }

    public BotHarness Harness { get; }
    public FakeTimeProvider Clock { get; }
    public RecordingOutbox Outbox { get; }

    public IPartnershipRegister Register => Harness.Get<IPartnershipRegister>();

    /// <param name="recordOutbox">False keeps the real outbox and its dispatcher (messages then reach the fakes).</param>
    public static async Task<CycleBot> StartAsync(DateTimeOffset now, Action<HarnessOptions>? configure = null, bool recordOutbox = true)
    {
        var clock = new FakeTimeProvider(now);
        var outbox = new RecordingOutbox();
        var harness = await BotHarness.StartAsync(o =>
        {
            // Development mode: no channel tokens, whose lifetimes follow the real clock, not the fake one.
            o.Authenticated = false;
            o.Time = clock;
            o.Settings["Register:RoleHolders:PPM"] = Ppm;
            o.Settings["Register:RoleHolders:HCS"] = Hcs;
            o.Settings["Register:RoleHolders:CEX"] = "aad-chris";
            o.Settings["Register:RoleHolders:HES"] = "aad-eve";
            o.Settings["Approvals:SmtUserIds:0"] = "aad-sam";
            o.Settings["Approvals:SmtUserIds:1"] = "aad-sue";
            o.Settings["Scheduler:RunInBackground"] = "false";
            o.Services = services =>
            {
                if (recordOutbox)
                {
                    services.RemoveAll<IOutbox>();
                    services.AddSingleton<IOutbox>(outbox);
                    RecordingStorage.Register(services, outbox);
                }
            };
            configure?.Invoke(o);
        });
        return new CycleBot(harness, clock, outbox);
    }

    /// <summary>One scheduler pass at the fake clock's time.</summary>
    public Task<int> RunSchedulerAsync() => Harness.Get<SchedulerService>().RunDueAsync(CancellationToken.None);

    /// <summary>Moves the clock to <paramref name="until"/> a day at a time, running a pass each day (and at the end).</summary>
    public async Task RunDaysUntilAsync(DateTimeOffset until)
    {
        while (Clock.GetUtcNow().AddDays(1) <= until)
        {
            Clock.Advance(TimeSpan.FromDays(1));
            await RunSchedulerAsync();
        }

        Clock.SetUtcNow(until);
        await RunSchedulerAsync();
    }

    /// <summary>Sets what a register entry's dates say, as the PPM would with Edit.</summary>
    public async Task<Partnership> SetDatesAsync(string id, DateOnly? start = null, DateOnly? lastThreeYearReview = null)
    {
        var p = (await Register.FindAsync(id, default))!;
        var result = await Register.EditAsync(id, p.Version,
            [new RegisterEdit.Details(p.Name, p.Purpose, p.Partners, p.Status, start, p.LastAnnualReturn, p.LastEffectivenessReview, lastThreeYearReview)],
            Ppm, "Pat", default);
        Assert.Equal(EditOutcome.Saved, result.Outcome);
        return result.Partnership!;
    }

    public Task RestartAsync() => Harness.RestartAsync();

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}
