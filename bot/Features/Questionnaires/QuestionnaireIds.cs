namespace PartnershipBot.Features.Questionnaires;

/// <summary>The ids (and file names) of the questionnaires the bot's journeys rely on.</summary>
internal static class QuestionnaireIds
{
    public const string NewPartnership = "new-partnership";
    public const string Hallmarks = "hallmarks";
    public const string AnnualReturn = "annual-return";
    public const string ThreeYearReview = "three-year-review";
    public const string ContingentLiabilities = "contingent-liabilities";

    /// <summary>Every questionnaire that must be present at start-up.</summary>
    public static IReadOnlyList<string> All { get; } = [NewPartnership, Hallmarks, AnnualReturn, ThreeYearReview, ContingentLiabilities];
}
