using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// Each year's review starts from the partnership's previous submitted review (issue 17.2; 002: less burden on officers
/// and partners): its answers to the same questions are carried into the new draft, which opens at the first question
/// not carried, so the officer keeps an answer (Submit) or changes it (Edit) with one click. What must be asked afresh
/// every year is not carried: the 3.6 reminder and reconfirmation and the 4.3 recommendation. Pure.
/// </summary>
internal static class ReviewPrefill
{
    /// <summary>Steps answered afresh every year.</summary>
    public static IReadOnlySet<string> AskedEveryYear { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "roles-reminded", "commitment-reconfirmed", ReviewAnswers.RecommendationStep,
    };

    /// <summary>The previous review of the partnership before <paramref name="cycle"/>, if any (its draft holds the answers).</summary>
    public static ReviewOutcome? Previous(Partnership partnership, int cycle) =>
        partnership.Reviews.Where(r => r.CycleYear < cycle).OrderBy(r => r.CycleYear).LastOrDefault();

    /// <summary>The fresh draft with last year's answers carried, opened at the first question still to answer.</summary>
    public static Draft Carry(Draft fresh, Draft previous, QuestionnaireDefinition definition)
    {
        var answers = new Dictionary<string, StepAnswer>(fresh.Answers, StringComparer.Ordinal);
        foreach (var step in definition.Steps.Where(s => !AskedEveryYear.Contains(s.Id)))
        {
            if (previous.AnswerTo(step.Id) is { Skipped: false } answer && !answers.ContainsKey(step.Id) && Fits(step, answer))
            {
                answers[step.Id] = answer;
            }
        }

        var first = definition.Steps.FirstOrDefault(s => !answers.ContainsKey(s.Id))?.Id ?? QuestionnaireEngine.ReviewStepId;
        return fresh with { Answers = answers, CurrentStepId = first };
    }

    /// <summary>Whether a step's answer carries to this year: the same step id, and values only for fields the step still has.</summary>
    private static bool Fits(StepDefinition step, StepAnswer answer) =>
        step.Repeatable ? answer.Items.Count > 0 : answer.Fields.Keys.All(k => step.Fields.Any(f => f.Id == k));

    /// <summary>Whether an answer was carried from an earlier review (given before this draft began) rather than given in it.</summary>
    public static bool IsCarried(Draft draft, StepAnswer? answer) => answer is not null && answer.AnsweredAt < draft.CreatedAt;

    /// <summary>Whether the answer to a step differs from last year's (blank and skipped alike); false when there was no earlier review.</summary>
    public static bool Changed(StepDefinition step, Draft draft, Draft? previous) =>
        previous is not null && Text(step, draft.AnswerTo(step.Id)) != Text(step, previous.AnswerTo(step.Id));

    private static string Text(StepDefinition step, StepAnswer? answer) =>
        answer is not { Skipped: false } a ? ""
        : step.Repeatable ? string.Join("\u001e", a.Items.Select(i => string.Join("\u001f", i.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value))))
        : string.Join("\u001f", step.Fields.Select(f => a.Value(f.Id).Trim()));
}
