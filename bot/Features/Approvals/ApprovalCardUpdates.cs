using System.Threading.Channels;
using PartnershipBot.Connector;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// Replaces every sent copy of a decided submission's approval card with the outcome, in the background so a
/// decision's turn never waits for N connector PUTs. Requests are submission ids; the work reads the current state.
/// </summary>
internal sealed class ApprovalCardUpdates(
    ISubmissionStore submissions,
    IOutbox outbox,
    ProactiveMessenger messenger,
    ApprovalCards cards,
    ILogger<ApprovalCardUpdates> logger) : BackgroundService
{
    private readonly Channel<string> _requests = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Asks for the copies of a submission's card to be updated.</summary>
    public void Request(string submissionId) => _requests.Writer.TryWrite(submissionId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await UpdateAsync(id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ApprovalLog.UpdateFailed(logger, id, e);
            }
        }
    }

    /// <summary>PUTs the outcome card on every delivered approval card of the submission.</summary>
    public async Task UpdateAsync(string submissionId, CancellationToken cancellationToken)
    {
        if (await submissions.GetAsync(submissionId, cancellationToken) is not { Final: { } final } submission)
        {
            return;
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
}
