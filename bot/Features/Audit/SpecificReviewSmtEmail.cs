using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Audit;

/// <summary>
/// The e-mail telling SMT of the lead officer's recommendation after a specific review (4.5 last sentence): who
/// recommended what and why, and that the decision is recorded from the card in Teams. The report goes with it as the
/// Word paper. Pure; officers' text is encoded by <see cref="EmailHtml"/>.
/// </summary>
internal static class SpecificReviewSmtEmail
{
    public static string Subject(SpecificReview review) =>
        $"Specific partnership review: {review.PartnershipName}: the lead officer's recommendation to SMT";

    public static string Html(SpecificReview review, ReviewOutcome outcome)
    {
        var recommendation = ReviewAnswers.RecommendationText(outcome.Recommendation);
        var facts = new List<(string, string)>
        {
            ("Partnership", review.PartnershipName),
            ("Review", $"Specific partnership review (section 4.5) by the Audit & Performance Management team, opened by {review.OpenedByName} on {Day(review.OpenedAt)}"),
            ("Report", review.ReportedAt is { } reported ? $"Written by {review.ReportByName} on {Day(reported)}" : "Not written"),
            ("Lead officer's recommendation", recommendation),
            ("Recommended by", $"{outcome.CompletedByName} on {Questionnaires.UkDate.Day(outcome.CompletedOn)}"),
            ("Reasons", outcome.Reasons.Length > 0 ? outcome.Reasons : "None given"),
        };
        return EmailHtml.Summary(
            Subject(review),
            $"After the Audit & Performance Management team's review of {review.PartnershipName}, the lead officer, {outcome.CompletedByName}, recommends to SMT: {recommendation}. The review report is attached as a Word paper.",
            facts,
            "SMT's decision (noted, reaffirm commitment, agree disengagement or ask for more information) is recorded from the review's decision card in Microsoft Teams, not by replying to this e-mail.");
    }

    private static string Day(DateTimeOffset at) => Questionnaires.UkDate.Day(at);
}
