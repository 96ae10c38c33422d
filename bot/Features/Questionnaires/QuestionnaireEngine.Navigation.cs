namespace PartnershipBot.Features.Questionnaires;

// Moving between steps, and the read-only questions the cards ask of a draft.
internal static partial class QuestionnaireEngine
{
    /// <summary>Opens the previous step (from the review screen: the last step).</summary>
    public static StepResult Back(Draft draft, QuestionnaireDefinition definition, int expectedRevision, DateTimeOffset now)
    {
        if (Refuse(draft, definition, expectedRevision) is { } stale)
        {
            return stale;
        }

        var open = OpenIndex(draft, definition);
        return open == 0
            ? Problem(draft, "This is the first question.")
            : Changed(draft with { CurrentStepId = definition.Steps[open - 1].Id }, now);
    }

    /// <summary>
    /// Opens a step to edit it: any answered or skipped step, any step before the open one, and from the review
    /// screen any step. <see cref="ReviewStepId"/> opens the review screen once every step has been visited.
    /// </summary>
    public static StepResult GoTo(Draft draft, QuestionnaireDefinition definition, string stepId, int expectedRevision, DateTimeOffset now)
    {
        if (Refuse(draft, definition, expectedRevision) is { } stale)
        {
            return stale;
        }

        if (stepId == draft.CurrentStepId)
        {
            return new StepResult.Saved(draft);
        }

        var target = stepId == ReviewStepId ? definition.Steps.Count : definition.IndexOf(stepId);
        if (target < 0)
        {
            return Problem(draft, $"There is no question '{stepId}'.");
        }

        var reachable = target == definition.Steps.Count
            ? NextPending(draft, definition, -1) == ReviewStepId
            : draft.Answers.ContainsKey(stepId) || target < OpenIndex(draft, definition);
        return reachable
            ? Changed(draft with { CurrentStepId = stepId }, now)
            : Problem(draft, "That question is not open yet: answer the earlier questions first.");
    }

    /// <summary>The step open for an answer, or null on the review screen.</summary>
    public static StepDefinition? OpenStep(Draft draft, QuestionnaireDefinition definition) =>
        draft.IsOnReview ? null : definition.FindStep(draft.CurrentStepId);

    /// <summary>Whether a saved answer (re-checked against the current definition) completes its step.</summary>
    public static bool IsStepComplete(StepDefinition step, StepAnswer? answer) => answer switch
    {
        null => false,
        // A hallmark's questions may be skipped together ("Skip this hallmark"); other questions only when optional.
        { Skipped: true } => step.Optional || step.Group is not null,
        _ when step.Repeatable => answer.Items.Count >= step.MinimumItems
            && answer.Items.All(item => AnswerValidator.Validate(step.Fields, item).IsValid),
        _ => AnswerValidator.Validate(step.Fields, answer.Fields).IsValid,
    };

    /// <summary>The required steps that are not yet answered completely, in order.</summary>
    public static IReadOnlyList<StepDefinition> Missing(Draft draft, QuestionnaireDefinition definition) =>
        definition.Steps.Where(s => !s.Optional && !IsStepComplete(s, draft.AnswerTo(s.Id))).ToList();

    /// <summary>Whether the draft can be submitted.</summary>
    public static bool IsComplete(Draft draft, QuestionnaireDefinition definition) => Missing(draft, definition).Count == 0;

    /// <summary>Step n of total overall, and within the open step's group when it has one.</summary>
    public static QuestionnaireProgress Progress(Draft draft, QuestionnaireDefinition definition)
    {
        var open = OpenStep(draft, definition);
        var overall = Position(draft, definition.Steps, open);
        var group = open?.Group is { } groupId ? definition.FindGroup(groupId) : null;
        return group is null
            ? new QuestionnaireProgress(overall, null, null)
            : new QuestionnaireProgress(overall, group, Position(draft, definition.StepsIn(group.Id), open));
    }

    /// <summary>How many steps of each group are complete (e.g. progress per hallmark).</summary>
    public static IReadOnlyList<GroupProgress> GroupsProgress(Draft draft, QuestionnaireDefinition definition) =>
        definition.Groups
            .Select(g => definition.StepsIn(g.Id))
            .Zip(definition.Groups, (steps, g) => new GroupProgress(g, steps.Count, CountComplete(draft, steps)))
            .ToList();

    private static StepPosition Position(Draft draft, IReadOnlyList<StepDefinition> steps, StepDefinition? open)
    {
        var number = 0;
        for (var i = 0; i < steps.Count && open is not null; i++)
        {
            if (steps[i].Id == open.Id)
            {
                number = i + 1;
            }
        }

        return new StepPosition(number, steps.Count, CountComplete(draft, steps));
    }

    private static int CountComplete(Draft draft, IReadOnlyList<StepDefinition> steps) =>
        steps.Count(s => IsStepComplete(s, draft.AnswerTo(s.Id)));

    /// <summary>The open step's index; the review screen (or a step the definition no longer has) counts as after the last.</summary>
    private static int OpenIndex(Draft draft, QuestionnaireDefinition definition) =>
        OpenStep(draft, definition) is { } step ? definition.IndexOf(step.Id) : definition.Steps.Count;

    private static Draft MoveOn(Draft draft, QuestionnaireDefinition definition, int fromIndex) =>
        draft with { CurrentStepId = NextPending(draft, definition, fromIndex) };

    // After an answer the officer goes to the next step never visited, so an edit made from the review screen
    // (or after Back) returns them to where they were rather than walking through answered steps again.
    private static string NextPending(Draft draft, QuestionnaireDefinition definition, int afterIndex)
    {
        for (var i = afterIndex + 1; i < definition.Steps.Count; i++)
        {
            if (!draft.Answers.ContainsKey(definition.Steps[i].Id))
            {
                return definition.Steps[i].Id;
            }
        }

        return ReviewStepId;
    }
}

/// <summary>Step <see cref="Number"/> of <see cref="Total"/> (0 on the review screen) and how many are complete.</summary>
internal sealed record StepPosition(int Number, int Total, int Completed);

/// <summary>Where a draft stands overall and, for grouped questionnaires, within the open step's group.</summary>
internal sealed record QuestionnaireProgress(StepPosition Overall, GroupDefinition? Group, StepPosition? WithinGroup);

/// <summary>How far one group (a hallmark) has got.</summary>
internal sealed record GroupProgress(GroupDefinition Group, int Total, int Completed);
