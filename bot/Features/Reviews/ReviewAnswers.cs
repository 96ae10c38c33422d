using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Reviews;

/// <summary>Reads the recommendation of a submitted annual return or three-yearly review (pure).</summary>
internal static class ReviewAnswers
{
    public const string RecommendationStep = "recommendation";
    public const string DisengageChoice = "Recommend disengagement";

    public static ReviewKind KindOf(Draft draft) =>
        draft.QuestionnaireId == QuestionnaireIds.ThreeYearReview ? ReviewKind.ThreeYearReview : ReviewKind.AnnualReturn;

    public static ReviewOutcome Outcome(Draft draft, int cycle, DateOnly completedOn)
    {
        var recommendation = draft.AnswerTo(RecommendationStep);
        var disengage = string.Equals(recommendation?.Value("recommendation"), DisengageChoice, StringComparison.OrdinalIgnoreCase);
        // The annual return asks for contingent liabilities with the recommendation; the three-yearly review asks for them as a step of their own.
        var liabilities = recommendation?.Value("contingentLiabilities") is { Length: > 0 } given
            ? given
            : draft.AnswerTo("contingent-liabilities")?.Value("details") ?? "";
        return new ReviewOutcome(
            cycle,
            KindOf(draft),
            completedOn,
            draft.OwnerId,
            draft.OwnerName,
            disengage ? Recommendation.RecommendDisengagement : Recommendation.ReaffirmCommitment,
            recommendation?.Value("reasons") ?? "",
            liabilities,
            draft.Id);
    }

    public static string RecommendationText(Recommendation recommendation) =>
        recommendation == Recommendation.RecommendDisengagement ? "Recommend disengagement" : "Reaffirm commitment";
}
