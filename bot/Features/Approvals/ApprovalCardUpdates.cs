using System.Threading.Channels;
using PartnershipBot.Connector;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// After a decision, in the background so the turn never waits for N connector PUTs: an approved partnership enters
/// the register, and every sent copy of the approval card is replaced with the outcome. The work to do is durable
/// (<see cref="Submission.OutcomeToPublish"/>, written with the decision): it runs at start, when signalled, and again
/// with backoff after a failure, and is marked done only once everything succeeded. A repeat is harmless: the register
/// entry is idempotent per submission and a PUT replaces a card with the same outcome.
/// </summary>
internal sealed class ApprovalCardUpdates(
    ISubmissionStore submissions,
    IDraftStore drafts,
    IPartnershipRegister register,
    IOutbox outbox,
    ProactiveMessenger messenger,
    ApprovalCards cards,
    Microsoft.Extensions.Options.IOptions<RegisterOptions> registerOptions,
    TimeProvider time,
    ILogger<ApprovalCardUpdates> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(30);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private TaskCompletionSource _idle = NewIdle();

    /// <summary>A decision was recorded: publish it now rather than at the next retry.</summary>
    public void Request(string submissionId)
    {
        lock (_gate)
        {
            if (_idle.Task.IsCompleted)
            {
                _idle = NewIdle();
            }

            _wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Completes when every recorded outcome is published and nothing was requested since (for tests and diagnostics).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var retry = time.CreateTimer(_ => Request(""), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            _wake.Reader.TryRead(out _);
            var done = await PublishPendingAsync(stoppingToken);
            failures = done ? 0 : failures + 1;
            lock (_gate)
            {
                if (done && !_wake.Reader.TryPeek(out _))
                {
                    _idle.TrySetResult();
                }
            }

            if (!done)
            {
                retry.Change(RetryDelay(failures), Timeout.InfiniteTimeSpan);
            }

            try
            {
                await _wake.Reader.WaitToReadAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>15 s, 30 s, 1 min ... at most 30 minutes.</summary>
    public static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks * (1L << Math.Min(failures - 1, 16)), MaxRetry.Ticks));

    /// <summary>Publishes every unpublished outcome; false when any failed (it stays recorded and is retried).</summary>
    private async Task<bool> PublishPendingAsync(CancellationToken cancellationToken)
    {
        var allDone = true;
        try
        {
            foreach (var pending in await submissions.OutcomesToPublishAsync(cancellationToken))
            {
                try
                {
                    await UpdateAsync(pending.Id, cancellationToken);

                    // Saved only if unchanged since read: a newer decision keeps its flag and is published next round.
                    allDone &= await submissions.TrySaveAsync(pending with { OutcomeToPublish = false }, [], [], cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    ApprovalLog.UpdateFailed(logger, pending.Id, e);
                    allDone = false;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ApprovalLog.UpdateFailed(logger, "(all)", e);
            return false;
        }

        return allDone;
    }

    /// <summary>Adds an approved partnership to the register and PUTs the outcome card on every delivered approval card of the submission.</summary>
    public async Task UpdateAsync(string submissionId, CancellationToken cancellationToken)
    {
        if (await submissions.GetAsync(submissionId, cancellationToken) is not { } submission)
        {
            return;
        }

        if (submission.Final is not { } final)
        {
            await RetireEarlierStagesAsync(submission, cancellationToken);
            return;
        }

        if (final.Kind is DecisionKind.Approve or DecisionKind.ExecutiveApproved
            && await drafts.GetAsync(submission.DraftId, cancellationToken) is { } draft)
        {
            // Idempotent per submission, so a repeated update never adds the partnership twice.
            await register.AddApprovedAsync(ApprovedEntry.From(submission, draft, final), cancellationToken);
        }

        var card = cards.Outcome(submission, final);
        foreach (var sent in await outbox.SentChatCardsAsync(ApprovalNotifications.Topic(submissionId), cancellationToken))
        {
            if (sent is { SentServiceUrl: { } url, SentConversationId: { } conversation, SentActivityId: { } activity })
            {
                await messenger.UpdateCardAsync(new SentMessage(url, conversation, activity), card, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The stage moved on without a final decision (endorsed, referred, not mine, another Divisional Head named): every
    /// copy sent for an earlier stage, or to someone no longer asked, becomes the status card without buttons, so each
    /// person has at most one live card, the current stage's (15.6).
    /// </summary>
    private async Task RetireEarlierStagesAsync(Submission s, CancellationToken cancellationToken)
    {
        if (await drafts.GetAsync(s.DraftId, cancellationToken) is not { } draft)
        {
            return;
        }

        var current = $":{s.Id}:v{s.ProposalVersion}:{s.Status}:";
        var ppm = registerOptions.Value.PpmUserId;
        var actors = ApprovalRules.ActorsNow(s, ppm);
        var status = cards.Request(s, draft, ppm, null);
        foreach (var sent in await outbox.SentChatCardsAsync(ApprovalNotifications.Topic(s.Id), cancellationToken))
        {
            // A copy of an earlier stage, or of this stage for someone no longer asked (a Divisional Head replaced).
            var live = sent.IdempotencyKey.Contains(current, StringComparison.Ordinal)
                && actors.Contains(sent.RecipientId, StringComparer.OrdinalIgnoreCase);
            if (!live && sent is { SentServiceUrl: { } url, SentConversationId: { } conversation, SentActivityId: { } activity })
            {
                await messenger.UpdateCardAsync(new SentMessage(url, conversation, activity), status, cancellationToken);
            }
        }
    }

    private static TaskCompletionSource NewIdle() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
