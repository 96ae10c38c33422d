using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Hosting;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// The submitter's withdrawal (issue 16.4): only the submitter, only while undecided. Saved with the outcome flag, so
/// every card copy becomes "Withdrawn" in the background (even after a restart); reminders stop because the stage moved on.
/// </summary>
internal sealed class ProposalWithdrawal(
    ISubmissionStore submissions,
    ApprovalCards cards,
    ApprovalCardUpdates updates,
    ApprovalNames names,
    IOptions<BotOptions> bot,
    TimeProvider time,
    ILogger<ProposalWithdrawal> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>"Withdraw the proposal" on the Submitted card (or any card of the submitter's carrying the id).</summary>
    public async Task<JsonObject> WithdrawFromCardAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var id = action.GetString("submissionId") ?? action.GetString("approvalId") ?? "";
        var submission = id.Length is > 0 and <= 64 ? await submissions.GetAsync(id, cancellationToken) : null;
        return submission is null
            ? cards.Error("Not found", "That proposal does not exist.")
            : await WithdrawAsync(turn, submission, action.GetString("reason"), cancellationToken);
    }

    /// <summary>"withdraw": the submitter's one undecided proposal (the newest when several).</summary>
    public async Task WithdrawCommandAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var mine = await submissions.ListBySubmitterAsync(turn.UserId, cancellationToken);
        if (mine.FirstOrDefault(s => !s.IsClosed) is not { } submission)
        {
            await turn.SendTextAsync("You have no proposal waiting for a decision, so there is nothing to withdraw.", cancellationToken);
            return;
        }

        await turn.SendCardAsync(await WithdrawAsync(turn, submission, null, cancellationToken), cancellationToken);
    }

    private async Task<JsonObject> WithdrawAsync(TurnContext turn, Submission submission, string? reason, CancellationToken cancellationToken)
    {
        if (bot.Value.MicrosoftAppTenantId is { Length: > 0 } tenant && !string.Equals(turn.TenantId, tenant, StringComparison.OrdinalIgnoreCase))
        {
            return cards.Error("Not allowed", "Only the person who submitted the proposal can withdraw it. Nothing has been changed.");
        }

        var by = new Actor(turn.UserId, await names.NameAsync(turn.UserId, turn.UserName, cancellationToken));
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            switch (ApprovalRules.Withdraw(submission, by, reason, turn.Activity.Id, time.GetUtcNow()))
            {
                case ApprovalResult.NotAllowed refused:
                    ApprovalLog.Refused(logger, submission.Id);
                    return cards.Error("Not allowed", refused.Message);
                case ApprovalResult.AlreadyDecided already:
                    return cards.Error("Already decided", ApprovalCards.AlreadyDecidedText(already.Decision));
                case ApprovalResult.Stale when submission.Final is { } final:
                    return cards.Outcome(submission, final);
                case ApprovalResult.Recorded recorded:
                    var closed = recorded.Submission with { OutcomeToPublish = true };
                    if (await submissions.TrySaveAsync(closed, [], [], cancellationToken))
                    {
                        ApprovalLog.Changed(logger, closed.Id, ApprovalRequestKind.Comment, closed.Status);
                        updates.Request(closed.Id);
                        return cards.Outcome(closed, recorded.Decision!);
                    }

                    break;
            }

            if (await submissions.GetAsync(submission.Id, cancellationToken) is not { } reloaded)
            {
                break;
            }

            submission = reloaded;
        }

        return cards.Error("Please try again", "The proposal was being changed by someone else at the same moment. Nothing has been changed.");
    }
}
