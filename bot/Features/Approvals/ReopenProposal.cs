using System.Security.Cryptography;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// "reopen": after Request changes, the submitter's answers are copied into a new draft version (same subject,
/// so submitting it resubmits the same proposal); the submitted draft stays frozen as history.
/// </summary>
internal sealed class ReopenProposal(ISubmissionStore submissions, IDraftStore drafts, JourneyCards cards, ApprovalCards approvalCards, TimeProvider time)
{
    /// <summary>"Reopen to make the changes" on the Changes requested card: the submitter only, and only while it waits for changes.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> ReopenFromCardAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var submission = action.GetString("submissionId") is { Length: > 0 and <= 64 } id ? await submissions.GetAsync(id, cancellationToken) : null;
        if (submission is null || !string.Equals(submission.Submitter.Id, turn.UserId, StringComparison.OrdinalIgnoreCase) || turn.UserId.Length == 0)
        {
            return approvalCards.Error("Not allowed", "Only the person who submitted this proposal can reopen it.");
        }

        if (submission.Status != SubmissionStatus.ChangesRequested)
        {
            return approvalCards.Error("Not waiting for changes", ApprovalCards.StatusText(submission) + " It cannot be reopened now.");
        }

        var existing = (await drafts.ListBySubjectAsync(submission.Id, cancellationToken)).FirstOrDefault(d => d.Status == DraftStatus.InProgress);
        var draft = existing ?? await CopyAsync(submission, cancellationToken);
        await drafts.SetOpenDraftAsync(turn.UserId, draft.Id, cancellationToken);
        return cards.Current(draft);
    }

    public async Task ReopenCommandAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var mine = await submissions.ListBySubmitterAsync(turn.UserId, cancellationToken);
        if (mine.FirstOrDefault(s => s.Status == SubmissionStatus.ChangesRequested) is not { } submission)
        {
            await turn.SendTextAsync("You have no proposals sent back for changes.", cancellationToken);
            return;
        }

        var existing = (await drafts.ListBySubjectAsync(submission.Id, cancellationToken)).FirstOrDefault(d => d.Status == DraftStatus.InProgress);
        var draft = existing ?? await CopyAsync(submission, cancellationToken);
        await drafts.SetOpenDraftAsync(turn.UserId, draft.Id, cancellationToken);
        await turn.SendCardAsync(cards.Current(draft), cancellationToken);
    }

    /// <summary>A new in-progress draft with the submitted answers, opened on the review screen.</summary>
    private async Task<Draft> CopyAsync(Submission submission, CancellationToken cancellationToken)
    {
        var submitted = await drafts.GetAsync(submission.DraftId, cancellationToken)
            ?? throw new InvalidOperationException($"Submission {submission.Id} has lost its draft.");
        var now = time.GetUtcNow();
        var copy = submitted with
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant(),
            SubjectId = submission.Id,
            Status = DraftStatus.InProgress,
            CurrentStepId = QuestionnaireEngine.ReviewStepId,
            Revision = 1,
            CreatedAt = now,
            UpdatedAt = now,
            SubmittedAt = null,
        };
        await drafts.SaveAsync(copy, open: true, cancellationToken);
        return copy;
    }
}
