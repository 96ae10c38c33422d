using System.Threading.Channels;
using PartnershipBot.Connector;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// After a decision, in the background so the turn never waits for N connector PUTs: an approved partnership enters
/// the register, and every sent copy of the approval card is replaced with the outcome. Requests are submission ids; the work reads the current state.
/// </summary>
internal sealed class ApprovalCardUpdates(
    ISubmissionStore submissions,
    IDraftStore drafts,
    IPartnershipRegister register,
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
}
