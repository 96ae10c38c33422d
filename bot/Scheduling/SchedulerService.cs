using Microsoft.Extensions.Options;
using PartnershipBot.Storage;
using PartnershipBot.Telemetry;

namespace PartnershipBot.Scheduling;

/// <summary>
/// Drives every timed prompt from persisted due times: each pass asks the planners for prompts that should exist,
/// stores new ones, then runs the due ones through their kind's handler with bounded concurrency and marks them done.
/// Keys make planning idempotent and "done" is persisted, so a restart or downtime neither skips nor repeats a prompt
/// (a crash between a handler's enqueue and the mark re-runs the handler, whose outbox keys make that a no-op).
/// </summary>
internal sealed class SchedulerService : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(6);
    private const int FollowOnRounds = 3;
    private readonly IDuePromptStore _store;
    private readonly ISchedulerLeadership _leadership;
    private readonly IReadOnlyList<IDuePromptPlanner> _planners;
    private readonly Dictionary<string, IDuePromptHandler> _handlers;
    private readonly InstanceIdentity _instance;
    private readonly TimeProvider _time;
    private readonly SchedulerOptions _options;
    private readonly ILogger<SchedulerService> _logger;
    private readonly SemaphoreSlim _pass = new(1, 1);

    public SchedulerService(
        IDuePromptStore store,
        IEnumerable<IDuePromptPlanner> planners,
        IEnumerable<IDuePromptHandler> handlers,
        ISchedulerLeadership leadership,
        InstanceIdentity instance,
        TimeProvider time,
        IOptions<SchedulerOptions> options,
        ILogger<SchedulerService> logger)
    {
        _store = store;
        _leadership = leadership;
        _planners = planners.ToList();
        _handlers = new Dictionary<string, IDuePromptHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Kind, handler))
            {
                throw new InvalidOperationException($"Two due-prompt handlers claim the kind '{handler.Kind}'.");
            }
        }

        _instance = instance;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// One pass: plan, then handle everything due now; only on the leading instance (<see cref="ISchedulerLeadership"/>),
    /// others do nothing until they lead. Passes never overlap (the loop and a caller such as a test share one gate).
    /// Returns how many prompts were handled.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            if (!await _leadership.IsLeaderAsync(cancellationToken))
            {
                SchedulerLog.NotLeader(_logger);
                return 0;
            }

            var now = _time.GetUtcNow();
            var planned = await PlanAsync(now, cancellationToken);
            var handled = 0;
            // Handlers may plan prompts due at once (e.g. a person's daily digest gathered from several partnerships'
            // reminders): a second and third round in the same pass send them now rather than a pass later.
            for (var round = 0; round < FollowOnRounds; round++)
            {
                var due = await _store.ClaimDueAsync(now, _options.MaxPerPass, _instance.Id, now + _options.LeaseDuration, cancellationToken);
                SchedulerLog.Pass(_logger, round == 0 ? planned : 0, due.Count);
                if (due.Count == 0)
                {
                    break;
                }

                await Parallel.ForEachAsync(
                    due,
                    new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
                    async (prompt, ct) =>
                    {
                        if (await RunOneAsync(prompt, ct))
                        {
                            Interlocked.Increment(ref handled);
                        }
                    });
            }

            return handled;
        }
        finally
        {
            _pass.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RunInBackground)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.Interval, _time);
        // Let the host finish starting; the timer already counts from now.
        await Task.Yield();
        do
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                SchedulerLog.PassFailed(_logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> PlanAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var prompts = new List<DuePrompt>();
        foreach (var planner in _planners)
        {
            try
            {
                prompts.AddRange(await planner.PlanAsync(now, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SchedulerLog.PlannerFailed(_logger, planner.GetType().Name, ex);
            }
        }

        if (prompts.Count > 0)
        {
            await _store.PlanAsync(prompts, cancellationToken);
        }

        return prompts.Count;
    }

    private async Task<bool> RunOneAsync(DuePrompt prompt, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(prompt.Kind, out var handler))
        {
            SchedulerLog.NoHandler(_logger, prompt.Kind, prompt.Key);
            return false;
        }

        try
        {
            await handler.HandleAsync(prompt, cancellationToken);
            await _store.MarkDoneAsync(prompt.Key, _time.GetUtcNow(), cancellationToken);
            SchedulerLog.Handled(_logger, prompt.Key, prompt.Kind);
            BotTelemetry.PromptFired(prompt.Kind, failed: false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var retryAt = _time.GetUtcNow() + RetryDelay(prompt.Attempts + 1);
            SchedulerLog.Failed(_logger, prompt.Key, prompt.Kind, prompt.Attempts + 1, retryAt, ex);
            BotTelemetry.PromptFired(prompt.Kind, failed: true);
            await _store.RetryLaterAsync(prompt.Key, retryAt, cancellationToken);
            return false;
        }
    }

    /// <summary>1, 2, 4 ... minutes, at most <see cref="MaxRetryDelay"/>.</summary>
    public static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromMinutes(Math.Min(Math.Pow(2, Math.Min(attempt - 1, 20)), MaxRetryDelay.TotalMinutes));
}
