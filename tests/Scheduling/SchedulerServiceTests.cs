using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Scheduling;
using PartnershipBot.Tests.Features.Reviews;

namespace PartnershipBot.Tests.Scheduling;

/// <summary>The scheduler and its LiteDB store: idempotent planning, once-only handling, retries, bounded concurrency, the background loop.</summary>
public sealed class SchedulerServiceTests
{
    private static readonly DateTimeOffset Start = new(2027, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static DuePrompt Prompt(string key, DateTimeOffset due, string kind = TestHandler.TestKind) =>
        new() { Key = key, Kind = kind, DueAt = due, SubjectId = "s-" + key };

    private static Task<CycleBot> StartAsync(TestHandler handler, Action<PartnershipBot.Tests.Harness.HarnessOptions>? configure = null) =>
        CycleBot.StartAsync(Start, o =>
        {
            var earlier = o.Services;
            o.Services = services =>
            {
                earlier?.Invoke(services);
                services.AddSingleton<IDuePromptHandler>(handler);
            };
            configure?.Invoke(o);
        });

    [Fact]
    public async Task Plan_SameKeyTwiceAndAfterDone_StoredOnceAndHandledOnce()
    {
        var handler = new TestHandler();
        await using var bot = await StartAsync(handler);
        var store = bot.Harness.Get<IDuePromptStore>();

        await store.PlanAsync([Prompt("a", Start), Prompt("a", Start.AddDays(5))], default);
        await bot.RunSchedulerAsync();
        await store.PlanAsync([Prompt("a", Start)], default);
        bot.Clock.Advance(TimeSpan.FromDays(10));
        await bot.RunSchedulerAsync();
        await bot.RestartAsync();
        await bot.RunSchedulerAsync();

        Assert.Equal(["a"], handler.Handled);
        var stored = Assert.Single(await bot.Harness.Get<IDuePromptStore>().ForSubjectAsync("s-a", default));
        Assert.Equal((Start, Start), (stored.DueAt, stored.DoneAt!.Value));
    }

    [Fact]
    public async Task RunDue_NotYetDue_WaitsForItsTime()
    {
        var handler = new TestHandler();
        await using var bot = await StartAsync(handler);
        await bot.Harness.Get<IDuePromptStore>().PlanAsync([Prompt("later", Start.AddHours(1))], default);

        await bot.RunSchedulerAsync();
        Assert.Empty(handler.Handled);
        bot.Clock.Advance(TimeSpan.FromHours(1));
        await bot.RunSchedulerAsync();

        Assert.Equal(["later"], handler.Handled);
    }

    [Fact]
    public async Task Handler_Throws_PromptIsRetriedLaterNotDroppedNorMarkedDone()
    {
        var handler = new TestHandler { FailuresLeft = 2 };
        await using var bot = await StartAsync(handler);
        var store = bot.Harness.Get<IDuePromptStore>();
        await store.PlanAsync([Prompt("flaky", Start)], default);

        await bot.RunSchedulerAsync();
        var afterFirst = Assert.Single(await store.ForSubjectAsync("s-flaky", default));
        Assert.Equal((1, Start.AddMinutes(1), (DateTimeOffset?)null), (afterFirst.Attempts, afterFirst.DueAt, afterFirst.DoneAt));

        await bot.RunSchedulerAsync();
        Assert.Empty(handler.Handled);
        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await bot.RunSchedulerAsync();
        bot.Clock.Advance(TimeSpan.FromMinutes(2));
        await bot.RunSchedulerAsync();

        Assert.Equal(["flaky"], handler.Handled);
        Assert.NotNull(Assert.Single(await store.ForSubjectAsync("s-flaky", default)).DoneAt);
    }

    [Fact]
    public async Task RunDue_ManyDue_NeverMoreAtOnceThanTheConcurrencySetting()
    {
        var handler = new TestHandler { Hold = true };
        await using var bot = await StartAsync(handler, o => o.Settings["Scheduler:Concurrency"] = "3");
        await bot.Harness.Get<IDuePromptStore>().PlanAsync(Enumerable.Range(1, 10).Select(i => Prompt($"p{i}", Start)).ToList(), default);

        var pass = bot.RunSchedulerAsync();
        await handler.WaitForInFlightAsync(3);
        Assert.Equal(3, handler.InFlight);
        handler.ReleaseAll();
        Assert.Equal(10, await pass);

        Assert.Equal(3, handler.MaxInFlight);
        Assert.Equal(10, handler.Handled.Distinct().Count());
    }

    [Fact]
    public async Task CancelForSubject_OpenFollowUps_AreMarkedDoneAndNeverRun()
    {
        var handler = new TestHandler();
        await using var bot = await StartAsync(handler);
        var store = bot.Harness.Get<IDuePromptStore>();
        await store.PlanAsync([Prompt("r1", Start.AddDays(1)) with { SubjectId = "x" }, Prompt("r2", Start.AddDays(2)) with { SubjectId = "x" }, Prompt("other", Start.AddDays(1)) with { SubjectId = "y" }], default);

        await store.CancelForSubjectAsync(TestHandler.TestKind, "x", Start, default);
        bot.Clock.Advance(TimeSpan.FromDays(3));
        await bot.RunSchedulerAsync();

        Assert.Equal(["other"], handler.Handled);
    }

    [Fact]
    public async Task BackgroundLoop_WhenEnabled_RunsAtStartAndOnEachInterval()
    {
        var handler = new TestHandler();
        await using var bot = await StartAsync(handler, o => o.Settings["Scheduler:RunInBackground"] = "true");
        await bot.Harness.Get<IDuePromptStore>().PlanAsync([Prompt("tick", Start.AddSeconds(30))], default);

        bot.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("tick", await handler.NextHandledAsync());
    }

    [Fact]
    public void Constructor_TwoHandlersForOneKind_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SchedulerService(
            null!, [], [new TestHandler(), new TestHandler()], new SingleProcessLeadership(), new PartnershipBot.Storage.InstanceIdentity("test"), new FakeTimeProvider(),
            Microsoft.Extensions.Options.Options.Create(new SchedulerOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<SchedulerService>.Instance));

        Assert.Contains(TestHandler.TestKind, error.Message);
    }

    [Fact]
    public void RetryDelay_GrowsAndIsCapped()
    {
        Assert.Equal([1, 2, 4, 8], Enumerable.Range(1, 4).Select(a => SchedulerService.RetryDelay(a).TotalMinutes));
        Assert.Equal(TimeSpan.FromHours(6), SchedulerService.RetryDelay(50));
    }

    /// <summary>A handler tests can make fail, hold, and watch.</summary>
    private sealed class TestHandler : IDuePromptHandler
    {
        public const string TestKind = "test";
        private readonly ConcurrentQueue<string> _handled = new();
        private readonly System.Threading.Channels.Channel<string> _signal = System.Threading.Channels.Channel.CreateUnbounded<string>();
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _entered = new(0);
        private int _inFlight;
        private int _maxInFlight;

        public string Kind => TestKind;
        public int FailuresLeft { get; set; }
        public bool Hold { get; init; }
        public IReadOnlyList<string> Handled => _handled.ToList();
        public int InFlight => Volatile.Read(ref _inFlight);
        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public async Task HandleAsync(DuePrompt prompt, CancellationToken cancellationToken)
        {
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new InvalidOperationException("Simulated failure");
            }

            var now = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _maxInFlight, now);
            _entered.Release();
            if (Hold)
            {
                await _release.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }

            Interlocked.Decrement(ref _inFlight);
            _handled.Enqueue(prompt.Key);
            await _signal.Writer.WriteAsync(prompt.Key, cancellationToken);
        }

        public async Task WaitForInFlightAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(await _entered.WaitAsync(TimeSpan.FromSeconds(10)), "Handlers did not start.");
            }
        }

        public void ReleaseAll() => _release.TrySetResult();

        public async Task<string> NextHandledAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await _signal.Reader.ReadAsync(timeout.Token);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}
