using System.Text.Json.Serialization;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>A rating band: the words shown and the Adaptive Card colour that repeats them.</summary>
internal sealed record Rating(string Label, string Color)
{
    public static readonly Rating NotAssessed = new("Not assessed", "default");
    public static readonly Rating Skipped = new("Skipped", "default");
    public static readonly Rating Strong = new("Strong", "good");
    public static readonly Rating Developing = new("Developing", "warning");
    public static readonly Rating Weak = new("Weak", "attention");
}

/// <summary>Points scored out of the most possible for one hallmark (or overall); N/A answers count in neither.</summary>
internal sealed record HallmarkScore(string GroupId, string Title, int Points, int MaxPoints, int NotApplicable, int Skipped = 0)
{
    /// <summary>Nothing scored and questions skipped ("Skip this hallmark"): shown as Skipped, not merely not assessed.</summary>
    [JsonIgnore]
    public bool IsSkipped => MaxPoints == 0 && Skipped > 0;

    /// <summary>The score as a whole percentage, or null when nothing was assessed (every answer Not applicable).</summary>
    [JsonIgnore]
    public int? Percent => MaxPoints == 0 ? null : (int)Math.Round(100.0 * Points / MaxPoints, MidpointRounding.AwayFromZero);
}

/// <summary>The six hallmark scores and the overall score of one assessment.</summary>
internal sealed record AssessmentScore(IReadOnlyList<HallmarkScore> Hallmarks, HallmarkScore Overall)
{
    public HallmarkScore? For(string groupId) => Hallmarks.FirstOrDefault(h => h.GroupId == groupId);
}

/// <summary>A question answered Partly or No, with the improvement action the officer gave (any part may be blank).</summary>
internal sealed record Improvement(string Hallmark, string Question, string Answer, string Action, string Owner, string Due);

/// <summary>Scoring rules of the self-assessment (Yes 2, Partly 1, No 0, Not applicable left out): pure functions of stored answers.</summary>
internal static class HallmarkScoring
{
    public const string RatingField = "rating";
    public const string OverallId = "overall";

    /// <summary>Points for an answer, or null when it does not count (Not applicable, skipped, unanswered).</summary>
    public static int? PointsFor(string answer) => answer.Trim().ToLowerInvariant() switch
    {
        "yes" => 2,
        "partly" => 1,
        "no" => 0,
        _ => null,
    };

    public static AssessmentScore Score(QuestionnaireDefinition definition, IReadOnlyDictionary<string, StepAnswer> answers) =>
        Total(definition.Groups.Select(g => ScoreOf(g.Id, g.Title, definition.StepsIn(g.Id), answers)).ToList());

    /// <summary>The hallmarks' scores with the overall score (their points added up).</summary>
    public static AssessmentScore Total(IReadOnlyList<HallmarkScore> hallmarks) =>
        new(hallmarks, new HallmarkScore(OverallId, "Overall",
            hallmarks.Sum(h => h.Points), hallmarks.Sum(h => h.MaxPoints), hallmarks.Sum(h => h.NotApplicable), hallmarks.Sum(h => h.Skipped)));

    public static Rating RatingOf(int? percent, HallmarkOptions options) => percent switch
    {
        null => Rating.NotAssessed,
        var p when p >= options.StrongFrom => Rating.Strong,
        var p when p >= options.DevelopingFrom => Rating.Developing,
        _ => Rating.Weak,
    };

    /// <summary>The change since an earlier score in words, e.g. "Up 8 points since 3 March 2025".</summary>
    public static string ChangeText(int? now, int? before, bool hasPrevious, string since) => (hasPrevious, now, before) switch
    {
        (false, _, _) => "First assessment",
        (_, null, _) => "Not assessed this time",
        (_, _, null) => $"Not assessed {since}",
        _ when now > before => $"Up {now - before} points {since}",
        _ when now < before => $"Down {before - now} points {since}",
        _ => $"No change {since}",
    };

    /// <summary>Every question answered Partly or No, in questionnaire order.</summary>
    public static IReadOnlyList<Improvement> Improvements(QuestionnaireDefinition definition, IReadOnlyDictionary<string, StepAnswer> answers) =>
        definition.Steps
            .Select(step => (step, answer: answers.GetValueOrDefault(step.Id)))
            .Where(x => x.answer is { Skipped: false } && PointsFor(x.answer.Value(RatingField)) is 0 or 1)
            .Select(x => new Improvement(
                x.step.Group is { } g ? definition.FindGroup(g)?.Title ?? g : "",
                x.step.Text,
                x.answer!.Value(RatingField),
                x.answer.Value("actionWhat"),
                x.answer.Value("actionOwner"),
                x.answer.Value("actionDue")))
            .ToList();

    private static HallmarkScore ScoreOf(string id, string title, IReadOnlyList<StepDefinition> steps, IReadOnlyDictionary<string, StepAnswer> answers)
    {
        var points = steps
            .Select(s => answers.GetValueOrDefault(s.Id) is { Skipped: false } a ? PointsFor(a.Value(RatingField)) : null)
            .ToList();
        var counted = points.Where(p => p is not null).Select(p => p!.Value).ToList();
        var skipped = steps.Count(s => answers.GetValueOrDefault(s.Id) is { Skipped: true });
        return new HallmarkScore(id, title, counted.Sum(), 2 * counted.Count, steps.Count - counted.Count - skipped, skipped);
    }
}
