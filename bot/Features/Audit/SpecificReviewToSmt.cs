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
/// makes the partnership Disengaging and asks for the contingent liabilities / ask for more information). Each SMT
/// member is also e-mailed a summary with the report attached as Word (made for them when sent, by the report's read
/// rule, which lets SMT read it from now on). Idempotent per report: a second call neither records nor sends anything again.
/// </summary>
internal sealed partial class SpecificReviewToSmt(
    IPartnershipRegister register,
    ReviewDecisions decisions,
    ReviewDecisionMessages decisionMessages,
    ISmtMembers smt,
    IOutbox outbox,
    IOptions<ReviewOptions> options,
    TimeProvider time,
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

    /// <summary>Records the recommendation on the register entry and sends SMT the decision card and the e-mail with the report, once; false when there was nothing to hand over.</summary>
    /// <param name="tenantId">The lead officer's organisation (SMT's too): the attached paper is made for each member in it.</param>
    public async Task<bool> HandOverAsync(SpecificReview review, string leadOfficerId, string tenantId, CancellationToken cancellationToken)
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

        var now = time.GetUtcNow();
        var body = SpecificReviewSmtEmail.Html(review, outcome);
        var emails = members.Select(member => new OutboxMessage
        {
            IdempotencyKey = $"specific-review-summary:{outcome.DraftId}:{member}",
            Kind = OutboxKind.Email,
            RecipientId = member,
            Subject = SpecificReviewSmtEmail.Subject(review),
            Body = body,
            // The report as a Word paper, made for each member when the e-mail is sent (4.5: the review reported to SMT).
            Papers = [new EmailPaper(Documents.Downloads.DocumentKinds.SpecificReview, review.Id, tenantId)],
            Topic = "partnership:" + review.PartnershipId,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        var loaded = await decisions.LoadAsync(saved, outcome.DraftId, cancellationToken);
        var message = $"After the Audit & Performance Management team's review of {saved.Name} (section 4.5), the lead officer, {outcome.CompletedByName}, recommends to SMT: {ReviewAnswers.RecommendationText(outcome.Recommendation)}. The report follows; record SMT's decision at the end.";
        await outbox.EnqueueAsync([.. emails, .. loaded is null ? [] : decisionMessages.ToSmt($"review-smt:{outcome.DraftId}", members, loaded, message)], cancellationToken);
        return true;
    }

    [LoggerMessage(5233, LogLevel.Warning, "No SMT members are configured (Approvals:SmtUserIds, Approvals:SmtGroupId); the recommendation after specific review {ReviewId} was not sent")]
    private static partial void LogNoSmt(ILogger logger, string reviewId);
}
