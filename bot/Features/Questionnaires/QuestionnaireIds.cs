namespace PartnershipBot.Features.Questionnaires;

/// <summary>The ids (and file names) of the questionnaires the bot's journeys rely on.</summary>
internal static class QuestionnaireIds
{
    public const string NewPartnership = "new-partnership";
    public const string Hallmarks = "hallmarks";
    public const string AnnualReturn = "annual-return";
    public const string ThreeYearReview = "three-year-review";
    public const string ContingentLiabilities = "contingent-liabilities";

    /// <summary>The A&amp;PM team's audit of a review's content (4.4).</summary>
    public const string ReviewContentAudit = "review-content-audit";

    /// <summary>The A&amp;PM team's report of a specific partnership review (4.5), and the division's input to it.</summary>
    public const string SpecificReview = "specific-review";
    public const string SpecificReviewInput = "specific-review-input";

    /// <summary>Every questionnaire that must be present at start-up.</summary>
    public static IReadOnlyList<string> All { get; } =
        [NewPartnership, Hallmarks, AnnualReturn, ThreeYearReview, ContingentLiabilities, ReviewContentAudit, SpecificReview, SpecificReviewInput];
}
