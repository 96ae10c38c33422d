using Microsoft.Extensions.Options;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Audit;

/// <summary>
/// The lead officer's recommendation after a specific review (4.5 last sentence) goes into SMT's review-decision flow,
/// the one used for submitted annual reviews: it is kept on the register entry as a review outcome whose answers are
/// A&amp;PM's report, and SMT get the same card with the same decisions (noted / reaffirm / agree disengagement, which
/// makes the partnership Disengaging and asks for the contingent liabilities / ask for more information).
/// Idempotent per report: a second call neither records nor sends anything again.
/// </summary>
internal sealed partial class SpecificReviewToSmt(
    IPartnershipRegister register,
    ReviewDecisions decisions,
    ReviewDecisionMessages decisionMessages,
    ISmtMembers smt,
    IOutbox outbox,
    IOptions<ReviewOptions> options,
    ILogger<SpecificReviewToSmt> logger)
{
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(options.Value);

    /// <summary>The review outcome SMT decide on (its answers are the report's draft); null before the recommendation.</summary>
    public ReviewOutcome? Outcome(SpecificReview review, string leadOfficerId) =>
        review is { Recommendation: { } recommendation, ReportDraftId: { } reportDraft, RecommendedAt: { } at }
            ? new ReviewOutcome(_calendar.CycleAt(at), ReviewKind.SpecificReview, _calendar.Today(at), leadOfficerId, review.RecommendedByName,
                recommendation, review.RecommendationReasons, "", reportDraft)
            : null;

    /// <summary>SMT's record on the review's recommendation as the register entry keeps it; null before it went to SMT.</summary>
    public static ReviewOutcome? RecordOf(SpecificReview review, Partnership? partnership) =>
        review.ReportDraftId is { } draftId ? partnership?.SpecificReviewRecommendations.LastOrDefault(r => r.DraftId == draftId) : null;

    /// <summary>SMT's decision as the card, the papers and the audit report say it: what, who, when and the comment, or where it stands.</summary>
    public static string DecisionText(SpecificReview review, Partnership? partnership) =>
        review.Recommendation is null ? "No recommendation has gone to SMT yet"
        : RecordOf(review, partnership) is not { } record ? "Not decided yet"
        : record.Decision is { } decision ? ReviewDecision.Describe(decision)
        : record.Decisions.LastOrDefault() is { } last ? $"Not decided yet ({ReviewDecision.Describe(last)})"
        : "Not decided yet";

    /// <summary>Records the recommendation on the register entry and sends SMT the decision card, once; false when there was nothing to hand over.</summary>
    public async Task<bool> HandOverAsync(SpecificReview review, string leadOfficerId, CancellationToken cancellationToken)
    {
        if (Outcome(review, leadOfficerId) is not { } outcome)
        {
            return false;
        }

        var added = false;
        var saved = await register.UpdateAsync(review.PartnershipId, current =>
        {
            if (current.ForSmt(outcome.DraftId) is not null)
            {
                return null;
            }

            added = true;
            return current with
            {
                SpecificReviewRecommendations = [.. current.SpecificReviewRecommendations, outcome],
                History = [.. current.History, new PartnershipChange(leadOfficerId, outcome.CompletedByName, review.RecommendedAt!.Value,
                    $"Lead officer's recommendation after the specific review sent to SMT: {ReviewAnswers.RecommendationText(outcome.Recommendation)}")],
            };
        }, cancellationToken);
        if (saved is null || !added)
        {
            return false;
        }

        var members = await smt.MemberIdsAsync(cancellationToken);
        if (members.Count == 0)
        {
            LogNoSmt(logger, review.Id);
            return true;
        }

        if (await decisions.LoadAsync(saved, outcome.DraftId, cancellationToken) is { } loaded)
        {
            var message = $"After the Audit & Performance Management team's review of {saved.Name} (section 4.5), the lead officer, {outcome.CompletedByName}, recommends to SMT: {ReviewAnswers.RecommendationText(outcome.Recommendation)}. The report follows; record SMT's decision at the end.";
            await outbox.EnqueueAsync(decisionMessages.ToSmt($"review-smt:{outcome.DraftId}", members, loaded, message), cancellationToken);
        }

        return true;
    }

    [LoggerMessage(5233, LogLevel.Warning, "No SMT members are configured (Approvals:SmtUserIds, Approvals:SmtGroupId); the recommendation after specific review {ReviewId} was not sent")]
    private static partial void LogNoSmt(ILogger logger, string reviewId);
}
