using Microsoft.Extensions.Options;
using PartnershipBot.Storage;
using PartnershipBot.Telemetry;

namespace PartnershipBot.Notifications;

/// <summary>
/// Delivers outbox messages in the background: woken by <see cref="OutboxSignal"/> when messages are enqueued and by a
/// timer when a retry falls due; pending messages left by a previous run are picked up at start.
/// </summary>
/// <remarks>
/// Each message is marked with its result in a committed write before it can be picked again (a round ends only when every
/// attempt in it is recorded), so a delivered message is never sent again by this process or after a restart. The one window
/// left is a crash (or stop) after the service accepted a message and before its "sent" mark committed: that message is sent
/// again after the restart (at least once, not exactly once). Graph and the Bot Connector offer no idempotency keys for these
/// calls; activity-feed repeats carry the same chainId so Teams replaces the first, and every attempt carries the same
/// client-request-id so Graph's logs show the repeat. Several instances (PostgreSQL) each claim what they send with a
/// lease (<see cref="NotificationsOptions.LeaseDuration"/>), so a message goes out from one instance; a dead instance's
/// claims are taken over when their lease ends.
/// </remarks>
internal sealed class OutboxDispatcher(
    IOutboxStore store,
    IEnumerable<INotificationSender> senders,
    OutboxSignal signal,
    GraphAccess graph,
    InstanceIdentity instance,
    TimeProvider time,
    IOptions<NotificationsOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>Look for due messages at least this often, in case a writer forgot to signal.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);
    private readonly Dictionary<OutboxKind, INotificationSender> _senders = senders.ToDictionary(s => s.Kind);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        NotificationsLog.Started(logger, graph.IsConfigured && graph.Options.ServiceMailbox.Length > 0,
            graph.IsConfigured && graph.Options.TeamsAppId.Length > 0, graph.IsConfigured && graph.Options.InstallAppForUsers);
        using var timer = time.CreateTimer(_ => signal.Notify(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        while (!stoppingToken.IsCancellationRequested)
        {
            signal.BeginRound();
            TimeSpan wait;
            try
            {
                wait = await RunRoundAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                NotificationsLog.RoundFailed(logger, ex);
                BotTelemetry.Error("outbox");
                wait = options.Value.BaseRetryDelay;
            }

            if (wait <= TimeSpan.Zero)
            {
                continue;
            }

            timer.Change(wait, Timeout.InfiniteTimeSpan);
            try
            {
                await signal.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Attempts every due message (a batch at a time) and returns how long to sleep until the next one is due.</summary>
    private async Task<TimeSpan> RunRoundAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var due = await store.ClaimDueAsync(now, settings.Concurrency * 8, instance.Id, now + settings.LeaseDuration, stoppingToken);
        BotTelemetry.OutboxBacklog(due.Count);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = stoppingToken },
            (message, ct) => new ValueTask(AttemptAsync(message, ct)));

        var next = await store.NextDueAsync(stoppingToken);
        now = time.GetUtcNow();
        return next is null ? PollInterval : (next.Value - now) < PollInterval ? next.Value - now : PollInterval;
    }

    private async Task AttemptAsync(OutboxMessage message, CancellationToken stoppingToken)
    {
        DeliveryResult result;
        try
        {
            result = await _senders[message.Kind].SendAsync(message, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-send: it stays pending and is attempted again after the restart.
            return;
        }
        catch (Exception ex)
        {
            result = DeliveryFailure.From(ex, time.GetUtcNow());
            NotificationsLog.AttemptFailed(logger, message.IdempotencyKey, message.Kind, message.Attempts + 1, result.Reason);
            NotificationsLog.AttemptFailedDetail(logger, message.IdempotencyKey, ex);
        }

        var updated = OutboxRules.AfterAttempt(message, result, time.GetUtcNow(), options.Value);

        // Not cancellable: once a message went out, its mark must be written even while the host stops.
        if (!await store.SaveAsync(updated, CancellationToken.None))
        {
            NotificationsLog.ChangedMeanwhile(logger, message.IdempotencyKey);
            return;
        }

        Log(updated);
    }

    private void Log(OutboxMessage message)
    {
        switch (message.Status)
        {
            case OutboxStatus.Sent:
                NotificationsLog.Sent(logger, message.IdempotencyKey, message.Kind, message.Attempts);
                break;
            case OutboxStatus.Skipped:
                NotificationsLog.Skipped(logger, message.IdempotencyKey, message.Kind, message.LastError);
                break;
            case OutboxStatus.Unreachable:
                NotificationsLog.Unreachable(logger, message.IdempotencyKey, message.Kind, message.LastError);
                break;
            case OutboxStatus.DeadLettered:
                NotificationsLog.DeadLettered(logger, message.IdempotencyKey, message.Kind, message.Attempts, message.LastError);
                BotTelemetry.DeadLettered(message.Kind.ToString());
                break;
            default:
                NotificationsLog.RetryScheduled(logger, message.IdempotencyKey, message.Kind, message.NextAttemptAt, message.LastError);
                break;
        }
    }
}
