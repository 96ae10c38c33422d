using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Reviews;

/// <summary>What someone asks to record on a submitted review (who is already checked: SMT, or the lead officer for an answer).</summary>
internal sealed record ReviewDecisionRequest(ReviewDecisionKind Kind, string ById, string ByName, string Comment, DateTimeOffset At);

/// <summary>The answer to a decision on a review.</summary>
internal abstract record ReviewDecisionResult
{
    public sealed record Recorded(Partnership Partnership, ReviewOutcome Review, ReviewDecision Decision) : ReviewDecisionResult;

    /// <summary>SMT had already decided (someone else, or this card was old): nothing changed.</summary>
    public sealed record AlreadyDecided(Partnership Partnership, ReviewOutcome Review, ReviewDecision Decision) : ReviewDecisionResult;

    public sealed record Invalid(Partnership Partnership, ReviewOutcome Review, string Message) : ReviewDecisionResult;

    public sealed record NotFound : ReviewDecisionResult;

    public sealed record NotAllowed(string Message) : ReviewDecisionResult;
}

/// <summary>
/// SMT's decisions on submitted reviews (3.8, 4.3, 4.5), pure: noted, reaffirm commitment, agree disengagement (the
/// register status becomes Disengaging) or a question to the lead officer, whose answer is kept with it.
/// </summary>
internal static class ReviewDecisionRules
{
    public const int MaxCommentLength = 4000;

    /// <summary>The register entry with the decision recorded (null when nothing changes), and the result.</summary>
    public static (Partnership? Updated, ReviewDecisionResult Result) Apply(Partnership partnership, string draftId, ReviewDecisionRequest request)
    {
        if (partnership.ForSmt(draftId) is not { } review)
        {
            return (null, new ReviewDecisionResult.NotFound());
        }

        if (review.Decision is { } decided)
        {
            return (null, new ReviewDecisionResult.AlreadyDecided(partnership, review, decided));
        }

        var comment = request.Comment.Trim();
        if (comment.Length > MaxCommentLength)
        {
            return (null, new ReviewDecisionResult.Invalid(partnership, review, $"The comment is {comment.Length} characters long; please keep it to {MaxCommentLength}."));
        }

        if (comment.Length == 0 && request.Kind is ReviewDecisionKind.MoreInformationRequested or ReviewDecisionKind.InformationGiven)
        {
            return (null, new ReviewDecisionResult.Invalid(partnership, review, request.Kind == ReviewDecisionKind.MoreInformationRequested
                ? "Write what SMT would like to know in the comment box, then choose Ask for more information."
                : "Write your answer to SMT's question in the box, then choose Send to SMT."));
        }

        if (request.Kind == ReviewDecisionKind.InformationGiven && review.Decisions.LastOrDefault()?.Kind is not (ReviewDecisionKind.MoreInformationRequested or ReviewDecisionKind.InformationGiven))
        {
            return (null, new ReviewDecisionResult.Invalid(partnership, review, "SMT has not asked for more information on this review."));
        }

        if (request.Kind == ReviewDecisionKind.AgreeDisengagement && partnership.Status == PartnershipStatus.Ended)
        {
            return (null, new ReviewDecisionResult.Invalid(partnership, review, "The partnership has already ended, so there is nothing to disengage from."));
        }

        var decision = new ReviewDecision(request.Kind, request.ById, request.ByName, request.At, comment);
        var updatedReview = review with { Decisions = [.. review.Decisions, decision] };
        var what = $"{ReviewDecision.Text(request.Kind)} on the {AnnualCycle.Title(review.Kind, review.CycleYear).ToLowerInvariant()}"
            + (request.Kind == ReviewDecisionKind.InformationGiven ? "" : " (SMT)");
        var status = request.Kind == ReviewDecisionKind.AgreeDisengagement ? PartnershipStatus.Disengaging : partnership.Status;
        var updated = partnership.WithSmtRecord(updatedReview).WithStatus(status, DateOnly.FromDateTime(request.At.UtcDateTime)) with
        {
            History = [.. partnership.History, new PartnershipChange(request.ById, request.ByName, request.At,
                request.Kind == ReviewDecisionKind.AgreeDisengagement ? what + "; status Disengaging" : what)],
        };
        return (updated, new ReviewDecisionResult.Recorded(updated, updatedReview, decision));
    }
}
